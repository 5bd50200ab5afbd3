from django.db import models
from django.db.models import Q
from django.utils import timezone


class ControlCardQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state="open")

    def overdue(self, now=None):
        return self.filter(state="open", due__lt=now or timezone.now())

    def visible_to(self, user):
        """Cards of the units the user may see, plus the cards the user executes or co-executes."""
        from units.models import Unit

        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        co_executed = self.model.co_executors.through.objects.filter(user=user).values("controlcard_id")
        return self.filter(
            Q(responsible_unit__in=Unit.objects.visible_to(user).values("pk")) | Q(executor=user) | Q(pk__in=co_executed)
        )


class DocumentQuerySet(models.QuerySet):
    def registered_between(self, first=None, last=None):
        """Registered on the days first..last (in the portal's time zone), as a range on the moment itself so
        the index on it serves."""
        from datetime import datetime, time, timedelta

        queryset = self
        if first:
            queryset = queryset.filter(registered_at__gte=timezone.make_aware(datetime.combine(first, time.min)))
        if last:
            queryset = queryset.filter(registered_at__lt=timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min)))
        return queryset

    def matching(self, text):
        """Our number or the correspondent's, subject, correspondent or summary contains the text: a caller names the
        letter by the number they gave it."""
        return self.filter(Q(number__icontains=text) | Q(correspondent_number__icontains=text) | Q(subject__icontains=text)
                           | Q(correspondent__icontains=text) | Q(summary__icontains=text))

    def visible_to(self, user, on=None):
        """Documents a user may see. Heads, deputies and heads of sector (also acting): every document of
        their unit and below. A registry clerk: every document of the units under the clerk's unit (at the
        ministry: the whole organisation) except restricted ones. Officers: their own unit's documents,
        restricted ones excepted. Everyone: what they registered themselves."""
        from units.models import MANAGING_KINDS, Acting, Membership, PositionKind

        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        positions = [
            (kind, path, unit_id)
            for kind, path, unit_id in [
                *Membership.objects.current(on).filter(user=user).values_list("position__kind", "position__unit__path", "position__unit_id"),
                *Acting.objects.current(on).filter(user=user).values_list("position__kind", "position__unit__path", "position__unit_id"),
            ]
        ]
        from documents.models import Assignment

        # what is assigned to the user, or to a unit they see, is theirs to see too (restricted ones included
        # when assigned to them by name)
        condition = Q(registered_by=user) | Q(pk__in=Assignment.objects.filter(executor=user).values("document_id"))
        not_restricted = ~Q(access_level="restricted")
        for kind, path, unit_id in positions:
            assigned_below = Assignment.objects.filter(unit__path__startswith=path).values("document_id")
            if kind in MANAGING_KINDS:
                condition |= Q(unit__path__startswith=path) | Q(pk__in=assigned_below)
            elif kind == PositionKind.CLERK:
                condition |= Q(unit__path__startswith=path) & not_restricted
            else:
                assigned_here = Assignment.objects.filter(unit_id=unit_id).values("document_id")
                condition |= (Q(unit_id=unit_id) | Q(pk__in=assigned_here)) & not_restricted
        return self.filter(condition)


class OutgoingDraftQuerySet(models.QuerySet):
    def visible_to(self, user, on=None):
        """Drafts a user may read: their own, those of the units they head (or deputise, or act for) and below,
        and those they are asked to visa or sign (also when acting for the approver)."""
        from documents.models import ApprovalStep
        from units.models import Acting, Membership
        from units.querysets import under_paths
        from units.selectors import managed_unit_paths

        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        acted_for = Membership.objects.current(on).filter(
            position_id__in=Acting.objects.current(on).filter(user=user).values("position_id")).values("user_id")
        to_decide = ApprovalStep.objects.filter(route__content_type__app_label="documents", route__content_type__model="outgoingdraft") \
            .filter(Q(approver=user) | Q(approver_id__in=acted_for)).values("route__object_id")
        return self.filter(Q(author=user) | under_paths("unit__path", managed_unit_paths(user=user, on=on)) | Q(pk__in=to_decide))
