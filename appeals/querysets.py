from django.db import models
from django.db.models import Q


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cases a member of staff may see: the registry (a clerk at the organisation or above a unit) sees
        its organisation's cases; heads see their units' cases and below; officers their unit's and the ones
        they execute. Citizens reach their own case only through its tracking link, never through this."""
        from units.models import Membership, PositionKind, Unit

        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        registry_paths = list(Membership.objects.current().filter(user=user, position__kind=PositionKind.CLERK)
                              .values_list("position__unit__path", flat=True))
        condition = Q(unit__in=Unit.objects.visible_to(user).values("pk")) | Q(executor=user)
        for path in registry_paths:
            # a clerk of the ministry keeps its whole registry, routed or not; a clerk lower down, the unit's
            condition |= Q(organisation__path=path) | Q(unit__path__startswith=path)
        return self.filter(condition)

    def open(self):
        return self.exclude(state__in=["answered", "not_considered"])
