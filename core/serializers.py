"""Serializer fields bounded like the filters (core.bounds): dates within 1900–2200, integers within
64 bits, related ids checked before a query. PortalModelSerializer maps model fields to them. ServiceRules
names a service's rules across fields in the same 400 as the fields' own errors."""

from collections.abc import Mapping

from django.db import models
from django.utils.dateparse import parse_datetime
from rest_framework import serializers
from rest_framework.fields import SkipField

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


class ServiceRules:
    """An input that names its service's rules across fields (two signatories for a collective appeal, a meeting
    that ends after it starts) in the same 400 as its fields' own errors, as the forms do (core.forms.ServiceRules).
    DRF stops at the fields' errors before `validate()`; this asks `rule_errors(values)` with the fields it could
    read. A partial update is left to the service, which knows the values not sent."""

    def rule_errors(self, values):
        raise NotImplementedError

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if self.partial or not isinstance(data, Mapping) or not isinstance(exc.detail, dict):
                raise
            errors = exc.detail
            for name, messages in self.rule_errors(self._readable_values(data, errors)).items():
                if name in self.fields and name not in errors:
                    errors[name] = [serializers.ErrorDetail(str(message), code="invalid") for message in messages]
            raise serializers.ValidationError(errors) from exc

    def _readable_values(self, data, errors):
        # a field not sent keeps its model's default, as the service sees it; a field in error has no value at all
        model = getattr(getattr(self, "Meta", None), "model", None)
        values = {field.name: field.get_default() for field in model._meta.concrete_fields if field.has_default()} if model else {}
        for field in self._writable_fields:
            if field.field_name in errors:
                values.pop(field.field_name, None)
                continue
            try:
                value = field.run_validation(field.get_value(data))
                check = getattr(self, f"validate_{field.field_name}", None)
                values[field.field_name] = check(value) if check else value
            except (serializers.ValidationError, SkipField):
                continue
        return values
