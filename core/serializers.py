"""Serializer fields bounded like the filters (core.bounds): dates within 1900–2200, integers within
64 bits, related ids checked before a query. PortalModelSerializer maps model fields to them."""

from django.db import models
from django.utils.dateparse import parse_datetime
from rest_framework import serializers

from core.bounds import MAX_ID, MAX_INT, MIN_INT, validate_date_window


class BoundedDateField(serializers.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", []).append(validate_date_window)
        super().__init__(**kwargs)


class BoundedDateTimeField(serializers.DateTimeField):
    def to_internal_value(self, value):
        try:
            written = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed but impossible ("12:99"): DRF's own parsing answers it as invalid
            written = None
        if written is not None:
            validate_date_window(written)  # by the year as written, before any time-zone arithmetic
        return super().to_internal_value(value)

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", []).append(validate_date_window)
        super().__init__(**kwargs)


class BoundedIntegerField(serializers.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", MIN_INT)
        kwargs.setdefault("max_value", MAX_INT)
        super().__init__(**kwargs)


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class PortalModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: BoundedDateField,
        models.DateTimeField: BoundedDateTimeField,
        models.IntegerField: BoundedIntegerField,
        models.BigIntegerField: BoundedIntegerField,
        models.SmallIntegerField: BoundedIntegerField,
    }
    serializer_related_field = BoundedPrimaryKeyRelatedField
