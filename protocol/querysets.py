"""Who sees what of the protocol registers. The organisation's protocol service (the designated unit and the units
below it) and its leadership run them all; the people of the unit organising a visit or a meeting, and of the units
above it, see that one; an agreement is seen also by the units its obligations are given to. Passport data is
narrower still (selectors.passport_visible)."""

from django.db import models
from django.db.models import Q


def protocol_scope(user, on=None):
    """The ids of the organisations whose protocol registers `user` runs; None for "all" (a superuser)."""
    from units.models import ServiceFunction
    from units.selectors import service_scope

    return service_scope(user, ServiceFunction.PROTOCOL, on)


def member_paths(user, on=None):
    """The paths of the units the user holds a position in (acting included), cached for the request."""
    from units.models import Acting, Membership

    if user is None or not user.is_authenticated:
        return []
    cached = user.__dict__.get("_member_paths")
    if cached is None:
        cached = sorted({*Membership.objects.current(on).filter(user=user).values_list("position__unit__path", flat=True),
                         *Acting.objects.current(on).filter(user=user).values_list("position__unit__path", flat=True)})
        user.__dict__["_member_paths"] = cached
    return cached


def _unit_within(field, paths):
    """The unit in `field` is one of `paths` or below one of them."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


class ScopedQuerySet(models.QuerySet):
    unit_fields = ("organising_unit",)

    def visible_to(self, user):
        scope = protocol_scope(user)
        if scope is None:
            return self
        condition = Q(organisation_id__in=scope)
        paths = member_paths(user)
        for field in self.unit_fields:
            condition |= _unit_within(field, paths)
        return self.filter(condition).distinct() if len(self.unit_fields) > 1 else self.filter(condition)


class PartnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The registry is shared by every protocol service (an embassy is the same embassy for every ministry)."""
        scope = protocol_scope(user)
        return self if scope is None or scope else self.none()


class VisitQuerySet(ScopedQuerySet):
    def current(self):
        return self.exclude(state__in=("cancelled", "report_filed"))


class MeetingQuerySet(ScopedQuerySet):
    pass


class AgreementQuerySet(ScopedQuerySet):
    unit_fields = ("responsible_unit", "obligations__responsible_unit")

    def in_force_on(self, day):
        return self.filter(in_force_on__lte=day, terminated_on__isnull=True).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
