"""Filter sets whose every field is bounded: ids within 64 bits, numbers within the database's range,
dates within 1900–2200. A value out of range is a 400 with a translated message, never a database
error. Every API list uses PortalFilterBackend, so generated filter sets (filterset_fields) and declared
ones (subclasses of PortalFilterSet) are both covered."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import filterset
from django_filters import rest_framework as filters
from django_filters.conf import settings as filter_settings
from django_filters.fields import IsoDateTimeField
from django_filters.widgets import BooleanWidget

from core.bounds import MAX_ID, MAX_INT, MIN_INT, validate_date_window


class BoundedIntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", MIN_INT)
        kwargs.setdefault("max_value", MAX_INT)
        super().__init__(*args, **kwargs)


class IdFilter(BoundedIntegerFilter):
    """An object's id (or a foreign key's): a positive 64-bit integer."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class BoundedDateField(forms.DateField):
    default_validators = [validate_date_window]
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # a page's filter gets the phone's date picker


class BoundedIsoDateTimeField(IsoDateTimeField):
    default_validators = [validate_date_window]

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        # "0001-01-01T00:00+05:00" is a valid ISO moment that no database stores in UTC: refuse it by the
        # year as written, before any time-zone arithmetic can overflow; and "+22:39" is a valid ISO
        # offset that PostgreSQL refuses, so compare in the portal's own time zone
        validate_date_window(moment)
        return timezone.localtime(moment) if timezone.is_aware(moment) else moment


class BoundedDateFilter(filters.DateFilter):
    field_class = BoundedDateField


class BoundedIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class YesNoWidget(BooleanWidget):
    """django-filter's yes/no choice, whose empty choice reads as every other filter's ("all"), not "Unknown"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", filter_settings.EMPTY_CHOICE_LABEL), ("true", _("Yes")), ("false", _("No"))]


class YesNoFilter(filters.BooleanFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoWidget)
        super().__init__(*args, **kwargs)


_INTEGER_FIELDS = (models.IntegerField, models.BigIntegerField, models.SmallIntegerField, models.PositiveIntegerField,
                   models.PositiveSmallIntegerField, models.PositiveBigIntegerField)

_BOUNDED_DEFAULTS = {
    **filterset.FILTER_FOR_DBFIELD_DEFAULTS,
    models.AutoField: {"filter_class": IdFilter},
    models.BigAutoField: {"filter_class": IdFilter},
    models.SmallAutoField: {"filter_class": IdFilter},
    models.ForeignKey: {"filter_class": IdFilter},
    models.OneToOneField: {"filter_class": IdFilter},
    models.DateField: {"filter_class": BoundedDateFilter},
    models.DateTimeField: {"filter_class": BoundedIsoDateTimeFilter},
    **{field: {"filter_class": BoundedIntegerFilter} for field in _INTEGER_FIELDS},
}


class PortalFilterSet(filters.FilterSet):
    FILTER_DEFAULTS = _BOUNDED_DEFAULTS

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is filters.ModelChoiceFilter or filter_class is filters.ModelMultipleChoiceFilter:
            return IdFilter, {}  # a foreign key filters by id, checked before it reaches the database
        return filter_class, params


class PortalFilterBackend(filters.DjangoFilterBackend):
    filterset_base = PortalFilterSet

    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        if filterset_class is not None and not issubclass(filterset_class, PortalFilterSet):
            raise TypeError(f"{view.__class__.__name__}: declare filter sets as core.filters.PortalFilterSet subclasses")
        return filterset_class


__all__ = ["BoundedDateFilter", "BoundedIntegerFilter", "BoundedIsoDateTimeFilter", "IdFilter", "PortalFilterBackend",
           "PortalFilterSet"]
