"""Reminders and escalation. The sweep is set-based and windowed:

- each run covers (previous run's end, now]: a card gets a notice when its due date crosses a threshold
  inside that window (due soon, due today, overdue, escalated), or when its due date changed since then;
- the ledger (ControlNotice) is written with INSERT … SELECT … ON CONFLICT DO NOTHING against the unique
  (card, kind, due), so a repeated or concurrent sweep inserts nothing twice;
- the window moves forward only when the run commits, so a worker that dies mid-sweep loses nothing;
- recipients get one notice per kind per run (naming the card when there is just one), in their language.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from core.i18n import deferred, ngettext_noop
from core.services.notifications import notification_send_many
from documents.models import (
    ControlCard,
    ControlDigest,
    ControlNotice,
    ControlSweep,
    ControlSweepLock,
    DeadlinePolicy,
    NoticeKind,
)
from documents.services.calendar import calendar_for
from units.models import Unit
from units.selectors import heads_with_units, unit_heads

EXECUTOR_NOTICE_KINDS = (NoticeKind.DUE_SOON, NoticeKind.DUE_TODAY, NoticeKind.OVERDUE)
HEAD_NOTICE_KINDS = (NoticeKind.OVERDUE, NoticeKind.ESCALATED)


def _end_of(day, tz):
    return datetime.combine(day, time(23, 59, 59, 999999), tzinfo=tz)


def _thresholds(moment, calendar, tz):
    today = moment.astimezone(tz).date()
    return {
        "now": moment,
        "today_end": _end_of(today, tz),
        "soon_end": _end_of(calendar.add_working_days(today, settings.CONTROL_DUE_SOON_WORKING_DAYS), tz),
        "escalate_end": _end_of(calendar.subtract_working_days(today, settings.CONTROL_ESCALATE_AFTER_WORKING_DAYS), tz),
    }


def _rules(new, old):
    """(kind, window (lo, hi] or None, absolute SQL condition and its parameters) for each notice."""
    return [
        (NoticeKind.OVERDUE, (old["now"], new["now"]) if old else None, "due <= %s", [new["now"]]),
        (NoticeKind.ESCALATED, (old["escalate_end"], new["escalate_end"]) if old else None, "due <= %s", [new["escalate_end"]]),
        (NoticeKind.DUE_TODAY, (old["today_end"], new["today_end"]) if old else None,
         "due > %s AND due <= %s", [new["now"], new["today_end"]]),
        (NoticeKind.DUE_SOON, (old["soon_end"], new["soon_end"]) if old else None,
         "due > %s AND due <= %s", [new["today_end"], new["soon_end"]]),
    ]


_INSERT = (
    "INSERT INTO documents_controlnotice (card_id, kind, due, sweep_id, created_at) "
    "SELECT id, %s, due, %s, %s FROM documents_controlcard WHERE state = 'open' AND ({condition}) "
    "ON CONFLICT (card_id, kind, due) DO NOTHING"
)


def _insert_notices(sweep, new, old, since, country, zone):
    """Insert the notices of the cards whose policy counts in `country`'s calendar and whose term is counted in
    `zone` (the thresholds are that country's working days, ending at the end of the day in that zone)."""
    inserted = 0
    with connection.cursor() as cursor:
        for kind, window, absolute, params in _rules(new, old):
            if window is None:
                condition, condition_params = absolute, params
            else:
                # crossed the threshold inside the window, or had its due date changed since the last run
                condition = f"(due > %s AND due <= %s AND {absolute}) OR (due_changed_at > %s AND {absolute})"
                condition_params = [window[0], window[1], *params, since, *params]
            condition = (f"({condition}) AND time_zone = %s"
                         " AND policy_id IN (SELECT id FROM documents_deadlinepolicy WHERE country = %s)")
            params = [kind.value, sweep.pk, sweep.started_at, *condition_params, zone, country]
            params = [connection.ops.adapt_datetimefield_value(p) if isinstance(p, datetime) else p for p in params]
            cursor.execute(_INSERT.format(condition=condition), params)
            inserted += max(cursor.rowcount, 0)
    return inserted


_ONE_CARD = {
    NoticeKind.DUE_SOON: gettext_noop("Due soon: %(title)s"), NoticeKind.DUE_TODAY: gettext_noop("Due today: %(title)s"),
    NoticeKind.OVERDUE: gettext_noop("Overdue: %(title)s"),
    NoticeKind.ESCALATED: gettext_noop("Still overdue, escalated to you: %(title)s"),
}
_UNIT_CARDS = {
    NoticeKind.DUE_SOON: ngettext_noop("%(count)d card of %(unit)s is due soon", "%(count)d cards of %(unit)s are due soon"),
    NoticeKind.DUE_TODAY: ngettext_noop("%(count)d card of %(unit)s is due today", "%(count)d cards of %(unit)s are due today"),
    NoticeKind.OVERDUE: ngettext_noop("%(count)d card of %(unit)s is overdue", "%(count)d cards of %(unit)s are overdue"),
    NoticeKind.ESCALATED: ngettext_noop("%(count)d card of %(unit)s is still overdue",
                           "%(count)d cards of %(unit)s are still overdue"),
}
_OWN_CARDS = {
    NoticeKind.DUE_SOON: ngettext_noop("%(count)d of your cards is due soon", "%(count)d of your cards are due soon"),
    NoticeKind.DUE_TODAY: ngettext_noop("%(count)d of your cards is due today", "%(count)d of your cards are due today"),
    NoticeKind.OVERDUE: ngettext_noop("%(count)d of your cards is overdue", "%(count)d of your cards are overdue"),
    NoticeKind.ESCALATED: ngettext_noop("%(count)d of your cards is still overdue", "%(count)d of your cards are still overdue"),
}


def _title(kind, count, card_title=None, unit=None):
    """The notice's title, kept untranslated: each reader reads it in their language."""
    if count == 1 and card_title:
        return deferred(_ONE_CARD[kind], title=card_title)
    message = (_UNIT_CARDS if unit is not None else _OWN_CARDS)[kind]
    return deferred(message, count=count, **({"unit": unit} if unit is not None else {}))


def _term(row):
    """The notice's body: the term itself (the earliest one for several cards), in the reader's language and the time
    zone the card counts in (its organisation's)."""
    due = row["soonest"].astimezone(ZoneInfo(row["zone"])) if row["zone"] else row["soonest"]
    if row["count"] == 1:
        return deferred(gettext_noop("Term: %(due)s."), due=due)
    return deferred(gettext_noop("The earliest term: %(due)s."), due=due)


def _notify(sweep, *, on):
    """One notice per recipient and kind for what this sweep inserted. Queries: a fixed handful,
    whatever the number of cards."""
    notices = ControlNotice.objects.filter(sweep=sweep)
    by_executor = list(
        notices.filter(kind__in=EXECUTOR_NOTICE_KINDS, card__executor__isnull=False)
        .values("card__executor_id", "kind")
        .annotate(count=Count("id"), first=Min("card_id"), soonest=Min("card__due"), zone=Min("card__time_zone"))
    )
    target_unit = Case(
        When(kind=NoticeKind.ESCALATED, then=Coalesce("card__responsible_unit__parent_id", "card__responsible_unit_id")),
        default=F("card__responsible_unit_id"),
    )
    by_unit = list(
        notices.filter(Q(kind__in=HEAD_NOTICE_KINDS) | Q(card__executor__isnull=True))
        .annotate(target=target_unit).values("target", "kind")
        .annotate(count=Count("id"), first=Min("card_id"), soonest=Min("card__due"), zone=Min("card__time_zone"))
    )
    if not by_executor and not by_unit:
        return 0
    from core.models import User

    executors = User.objects.in_bulk({row["card__executor_id"] for row in by_executor})
    heads = unit_heads(unit_ids={row["target"] for row in by_unit}, on=on)
    units = Unit.objects.in_bulk({row["target"] for row in by_unit})
    single = {row["first"] for row in by_executor + by_unit if row["count"] == 1}
    titles = dict(ControlCard.objects.filter(pk__in=single).values_list("pk", "title"))
    items = []
    for row in by_executor:
        user = executors[row["card__executor_id"]]
        if not user.is_active:
            continue
        one = row["count"] == 1
        url = reverse("documents:card", args=[row["first"]]) if one else reverse("documents:my-control")
        items.append((user, f"control.{row['kind']}", _title(row["kind"], row["count"], titles.get(row["first"]) if one else None),
                      _term(row), url))
    for row in by_unit:
        unit = units.get(row["target"])
        one = row["count"] == 1
        url = reverse("documents:card", args=[row["first"]]) if one else f"{reverse('documents:unit-control')}?unit={unit.slug}"
        for user in heads.get(row["target"], []):
            items.append((user, f"control.{row['kind']}",
                          _title(row["kind"], row["count"], titles.get(row["first"]) if one else None, unit), _term(row), url))
    notification_send_many(items=items)
    return len(items)


def control_sweep(*, now=None):
    """Run one sweep. Returns the ControlSweep, or None when another sweep holds the lock."""
    now = now or timezone.now()
    tz = ZoneInfo(settings.TIME_ZONE)
    ControlSweepLock.objects.get_or_create(name="control")
    with transaction.atomic():
        lock = ControlSweepLock.objects.select_for_update(skip_locked=True).filter(name="control").first()
        if lock is None:
            return None
        last = ControlSweep.objects.filter(finished_at__isnull=False).order_by("-window_end").first()
        since = min(last.window_end, now) if last else None
        sweep = ControlSweep.objects.create(window_start=since, window_end=now, started_at=timezone.now())
        sweep.notices = 0
        # "due soon" and "escalated" count working days: each country's cards by that country's calendar, each
        # organisation's days ending at midnight where it is
        countries = set(DeadlinePolicy.objects.order_by().values_list("country", flat=True).distinct())
        # the zones organisations are in (cards keep the zone they were opened in; an organisation does not move)
        zones = {settings.TIME_ZONE, *Unit.objects.filter(parent__isnull=True).order_by().values_list("time_zone", flat=True)
                 .distinct()}
        for country in sorted(countries):
            for zone in sorted(zones):
                zone_info = ZoneInfo(zone)
                calendar = calendar_for(country, around=now.astimezone(zone_info).date())
                new = _thresholds(now, calendar, zone_info)
                old = _thresholds(since, calendar, zone_info) if since else None
                sweep.notices += _insert_notices(sweep, new, old, since, country, zone)
        if sweep.notices:
            _notify(sweep, on=now.astimezone(tz).date())
        sweep.finished_at = timezone.now()
        sweep.save(update_fields=["notices", "finished_at"])
    return sweep


def control_daily_digest(*, now=None):
    """Each head (or acting head): overdue and due-this-week cards in their units, once a day."""
    now = now or timezone.now()
    tz = ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(tz).date()
    week_end = _end_of(today + timedelta(days=6 - today.weekday()), tz)
    sent = 0
    for user, unit in heads_with_units(on=today):
        counts = ControlCard.objects.filter(state=ControlCard.State.OPEN, responsible_unit__path__startswith=unit.path).aggregate(
            overdue=Count("id", filter=Q(due__lt=now)), this_week=Count("id", filter=Q(due__gte=now, due__lte=week_end))
        )
        if not counts["overdue"] and not counts["this_week"]:
            continue
        with transaction.atomic():
            _digest, created = ControlDigest.objects.get_or_create(user=user, unit=unit, day=today)
            if not created:
                continue
            notification_send_many(items=[(
                user, "control.digest", deferred(gettext_noop("Control digest: %(unit)s"), unit=unit),
                deferred(gettext_noop("Overdue: %(overdue)d. Due this week: %(week)d."), overdue=counts["overdue"],
                         week=counts["this_week"]),
                f"{reverse('documents:unit-control')}?unit={unit.slug}",
            )])
            sent += 1
    return sent
