from django.db import models
from django.db.models import Q


def refuse_delete():
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    raise PermissionDenied(_("A citizen's case is never deleted; it is kept for its case file's retention period."))


def _registry_paths(user):
    from units.models import Membership, PositionKind

    return list(Membership.objects.current().filter(user=user, position__kind=PositionKind.CLERK)
                .values_list("position__unit__path", flat=True))


def case_units(user, registry_paths=None):
    """The units whose cases `user` keeps: the units they see, and those under their registry positions."""
    from units.models import Unit
    from units.querysets import under_paths

    if user is None or not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    registry_paths = _registry_paths(user) if registry_paths is None else registry_paths
    return Unit.objects.filter(Q(pk__in=Unit.objects.visible_to(user).values("pk")) | under_paths("path", registry_paths))


class CaseQuerySet(models.QuerySet):
    def delete(self):
        refuse_delete()

    def visible_to(self, user):
        """Cases a member of staff may see: the registry (a clerk at the organisation or above a unit) sees
        its organisation's cases; heads see their units' cases and below; officers their unit's and the ones
        they execute. Citizens reach their own case only through its tracking link, never through this.

        The scope is resolved into id lists first (a few small queries), and branches another one already covers
        are left out, so a clerk's list is `organisation_id = …` and a head's `unit_id IN (…)`: the list's
        indexes then serve it in order at any size (an OR across joined tables made PostgreSQL read every case)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        registry_paths = _registry_paths(user)
        # a clerk of the ministry keeps its whole registry, routed or not; a clerk lower down, the unit's subtree
        organisation_ids = {int(path.split(".", 1)[0]) for path in registry_paths if path.count(".") == 1}
        unit_ids = {pk for pk, path in case_units(user, registry_paths=registry_paths).values_list("pk", "path")
                    if int(path.split(".", 1)[0]) not in organisation_ids}
        condition = Q(pk__in=[])
        if organisation_ids:
            condition |= Q(organisation_id__in=organisation_ids)
        if unit_ids:
            condition |= Q(unit_id__in=unit_ids)
        if self.model.objects.filter(executor=user).exclude(condition).exists():
            condition |= Q(executor=user)
        return self.filter(condition)

    def open(self):
        return self.exclude(state__in=["answered", "forwarded", "not_considered"])

    def overdue(self, value=True):
        """Cases whose current control card is open past its due moment (derived, never stored)."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Exists, OuterRef
        from django.utils import timezone

        from documents.models import ControlCard

        late = ControlCard.objects.filter(content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk"),
                                          state=ControlCard.State.OPEN, due__lt=timezone.now())
        return self.filter(Exists(late)) if value else self.exclude(Exists(late))

    def received_between(self, first=None, last=None):
        """Received on the days first..last in the portal's time zone, as a range the index serves."""
        from datetime import datetime, time, timedelta

        from django.utils import timezone

        queryset = self
        if first:
            queryset = queryset.filter(received_at__gte=timezone.make_aware(datetime.combine(first, time.min)))
        if last:
            queryset = queryset.filter(received_at__lt=timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min)))
        return queryset

    def matching(self, text):
        """Number, subject or the citizen (name, e-mail, phone) contains the text: the clerk finds a caller's case by
        whatever the caller tells. Only for staff lists, which show personal data to those who may see it anyway."""
        return self.filter(Q(number__icontains=text) | Q(subject__icontains=text) | Q(name__icontains=text)
                           | Q(email__icontains=text) | Q(phone__icontains=text))
