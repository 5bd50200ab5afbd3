"""Visibility for the whole portal starts here: what units a user may see."""

from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils import timezone


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


def under_paths(field, paths):
    """A condition: `field` (a unit path) lies under one of `paths`; matches nothing when there are none."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def _scope_for(user, on=None):
    """(all, subtree_paths, exact_unit_ids) the user may see, from current memberships and actings."""
    from units.models import MANAGING_KINDS, Acting, Membership

    if user is None or not user.is_authenticated:
        return False, [], []
    if user.is_superuser:
        return True, [], []
    held = [
        (m.position.kind, m.position.unit)
        for m in Membership.objects.current(on).filter(user=user).select_related("position__unit")
    ] + [(a.position.kind, a.position.unit) for a in Acting.objects.current(on).filter(user=user).select_related("position__unit")]
    subtrees, exact = [], []
    for kind, unit in held:
        if kind in MANAGING_KINDS:
            subtrees.append(unit.path)
        else:
            exact.append(unit.pk)
    return False, subtrees, exact


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def roots(self):
        return self.filter(parent__isnull=True)

    def visible_to(self, user, on=None):
        """Heads, deputies and heads of sector see their unit and everything below it (leadership holds
        a head or deputy position at the ministry itself, so sees all of it); officers and clerks see
        their own unit; superusers see everything; anonymous users see nothing."""
        see_all, subtrees, exact = _scope_for(user, on)
        if see_all:
            return self
        return self.filter(Q(pk__in=exact) | under_paths("path", subtrees)) if (subtrees or exact) else self.none()


class ClauseQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(is_repealed=False)

    def substantive(self):
        """Without the lead-ins ("6.1. The sector's duties are as follows:") whose sub-clauses (6.1.1, 6.1.2, …) say
        what is to be done: a plan cites, and a report counts, the duties themselves."""
        sub_clause = self.model.objects.filter(regulation_id=OuterRef("regulation_id"),
                                               number__startswith=Concat(OuterRef("number"), Value(".")))
        return self.exclude(Exists(sub_clause))
