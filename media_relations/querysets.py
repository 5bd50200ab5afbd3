"""Who sees what of the press service's registers. Staff of an organisation's press service (its unit and the
units below it) and the organisation's leadership (a head or deputy of the ministry itself) run them; the units a
false report concerns see that mention; a journalist sees what is theirs; the public sees what is published."""

from datetime import timedelta

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone


def press_scope(user, on=None, *, leadership=True):
    """The ids of the organisations whose press registers `user` runs; None for "all" (a superuser)."""
    from units.models import ServiceFunction
    from units.selectors import service_scope

    return service_scope(user, ServiceFunction.PRESS, on, leadership=leadership)


class OrganisationScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = press_scope(user)
        return self if scope is None else self.filter(organisation_id__in=scope)


class AccreditationQuerySet(OrganisationScopedQuerySet):
    def valid_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(state="approved", valid_from__lte=day, valid_until__gte=day)

    def of_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(journalist__user=user)

    def renewable(self):
        """Those worth renewing: one event's temporary accreditation simply ends with the event."""
        return self.exclude(kind="temporary", event__isnull=False)

    def ending_unrenewed(self, *, within_days, today=None):
        """Approved, renewable, ending within `within_days` of `today`, and not yet renewed: no application of the
        same journalist to the same organisation waits for a decision, and no approved one carries on after it. What
        the expiry reminder writes about and what the journalist's desk counts down."""
        today = today or timezone.localdate()
        same = self.model.objects.filter(journalist_id=OuterRef("journalist_id"), organisation_id=OuterRef("organisation_id"))
        carried_on = same.renewable().filter(state="approved", valid_until__gt=OuterRef("valid_until"))
        return (self.renewable().filter(state="approved", valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days))
                .exclude(Exists(same.filter(state="pending"))).exclude(Exists(carried_on)))


class PressEventQuerySet(OrganisationScopedQuerySet):
    def public(self):
        return self.filter(state="planned")

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())


class PressReleaseQuerySet(OrganisationScopedQuerySet):
    def published(self, now=None):
        """What the public reads: approved, its publication time reached and any embargo over."""
        now = now or timezone.now()
        return self.filter(state="approved", published_at__lte=now).filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))

    def for_journalist(self, user, now=None):
        """What an accredited journalist reads: the published ones and, in the organisations that accredit them
        today, the ones under embargo."""
        from media_relations.models import Accreditation

        now = now or timezone.now()
        organisations = list(Accreditation.objects.of_user(user).valid_on(timezone.localdate(now))
                             .values_list("organisation_id", flat=True))
        embargoed = Q(state="approved", published_at__lte=now, organisation_id__in=organisations)
        return self.filter(Q(pk__in=self.published(now).values("pk")) | embargoed) if organisations else self.published(now)


class MentionQuerySet(OrganisationScopedQuerySet):
    def visible_to(self, user):
        """The press service's mentions, and the false reports addressed to the reader's units."""
        from units.models import Unit

        scope = press_scope(user)
        if scope is None:
            return self
        own_units = list(Unit.objects.visible_to(user).values_list("pk", flat=True))
        condition = Q(organisation_id__in=scope)
        if own_units:
            condition |= Q(is_false=True, pk__in=self.model.units.through.objects.filter(unit_id__in=own_units).values("mediamention_id"))
        return self.filter(condition)
