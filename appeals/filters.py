"""The staff's case filters: one set for the page and the API."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from appeals.models import AppealKind, Case, CaseType, Channel
from core.filters import BoundedDateFilter, PortalFilterSet, YesNoFilter


class CaseFilter(PortalFilterSet):
    state = filters.ChoiceFilter(label=_("State"), choices=Case.State.choices)
    type = filters.ChoiceFilter(label=_("Type"), field_name="case_type", choices=CaseType.choices)
    kind = filters.ChoiceFilter(label=_("Kind of appeal"), choices=AppealKind.choices)
    channel = filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    unit = filters.CharFilter(label=_("Unit"), method="filter_unit", max_length=200, help_text=_("A unit's slug: the unit and below."))
    overdue = YesNoFilter(label=_("Overdue"), method="filter_overdue")
    received_from = BoundedDateFilter(label=_("Received from"), method="filter_received_from")
    received_to = BoundedDateFilter(label=_("Received to"), method="filter_received_to")
    text = filters.CharFilter(label=_("Number, subject or citizen contains"), method="filter_text", max_length=200,
                              help_text=_("A part of the number, the subject, or the citizen's name, e-mail or phone."))

    class Meta:
        model = Case
        fields = ["state", "type", "kind", "channel", "unit", "overdue", "received_from", "received_to", "text"]

    def filter_unit(self, queryset, name, value):
        from units.models import Unit

        unit = Unit.objects.filter(slug=value).only("path").first()
        return queryset.filter(unit__path__startswith=unit.path) if unit else queryset.none()

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(value)

    def filter_received_from(self, queryset, name, value):
        return queryset.received_between(first=value)

    def filter_received_to(self, queryset, name, value):
        return queryset.received_between(last=value)

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)
