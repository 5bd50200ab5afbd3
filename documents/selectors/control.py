"""Reads for execution control. Every list starts from ControlCard.objects.visible_to(user)."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from documents.models import Assignment, AssignmentReport, ControlCard, Document
from documents.services.calendar import calendar_for
from units.models import Unit
from units.querysets import under_paths
from units.selectors import (
    acting_for,
    managed_unit_paths,
    managing_posts,
    post_successors,
    posts_left,
    unit_heads,
    user_manages_unit,
    users_acted_for,
)


def _card_queryset():
    return ControlCard.objects.select_related("policy", "responsible_unit", "executor", "content_type").prefetch_related(
        "co_executors", "extensions", "pauses"
    )


def card_list(*, user):
    """Cards the user may see, with everything a list row shows, in a fixed number of queries."""
    return _card_queryset().filter(pk__in=ControlCard.objects.visible_to(user).values("pk")).order_by("due", "id")


def access_card(*, user, pk):
    """The card if the user may see it; 404 for both "missing" and "not yours"."""
    card = _card_queryset().filter(pk=pk, pk__in=ControlCard.objects.visible_to(user).values("pk")).first()
    if card is None:
        raise Http404
    return card


def card_closing(card):
    """When a card was closed as done and how it stood against its term: {"at", "late", "working_days_late"} (a day
    past the due date that is not a working day makes a card late by no working day), or None while it runs."""
    if card.state != ControlCard.State.DONE or card.closed_at is None:
        return None
    closing = {"at": card.closed_at, "late": card.closed_at > card.due, "working_days_late": 0}
    if closing["late"]:
        zone = ZoneInfo(card.time_zone)
        due_day, closed_day = card.due.astimezone(zone).date(), card.closed_at.astimezone(zone).date()
        closing["working_days_late"] = calendar_for(card.policy.country, around=closed_day).working_days_between(due_day, closed_day)
    return closing


def _day_bounds(now):
    tz = ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(tz).date()
    end_today = datetime.combine(today, time.max, tzinfo=tz)
    end_week = datetime.combine(today + timedelta(days=6 - today.weekday()), time.max, tzinfo=tz)
    soon_day = calendar_for("AZ").add_working_days(today, settings.CONTROL_DUE_SOON_WORKING_DAYS)
    end_soon = datetime.combine(soon_day, time.max, tzinfo=tz)
    return end_today, end_week, end_soon


def my_control(*, user, now=None):
    """The user's open and paused cards as executor or co-executor: overdue, due today, this week, later."""
    now = now or timezone.now()
    end_today, end_week, _ = _day_bounds(now)
    co_executed = ControlCard.co_executors.through.objects.filter(user=user).values("controlcard_id")
    cards = list(
        _card_queryset().filter(Q(executor=user) | Q(pk__in=co_executed))
        .filter(state__in=[ControlCard.State.OPEN, ControlCard.State.PAUSED]).order_by("due", "id")
    )
    groups = {"overdue": [], "today": [], "week": [], "later": [], "paused": [], "controlled": []}
    for card in cards:
        if card.state == ControlCard.State.PAUSED:
            groups["paused"].append(card)
        elif card.due < now:
            groups["overdue"].append(card)
        elif card.due <= end_today:
            groups["today"].append(card)
        elif card.due <= end_week:
            groups["week"].append(card)
        else:
            groups["later"].append(card)
    return groups


CONTROLLED_SHOWN = 50


def controlled_cards(*, user, limit=CONTROLLED_SHOWN):
    """Open and paused cards of the units the user heads (and below) that others execute, soonest first: what a
    head controls, each marked `awaits_closing` when reported on. Returns (the first `limit` cards, how many there are)."""
    paths = managed_unit_paths(user=user)
    if not paths:
        return [], 0
    co_executed = ControlCard.co_executors.through.objects.filter(user=user).values("controlcard_id")
    cards = (ControlCard.objects.filter(under_paths("responsible_unit__path", paths))
             .filter(state__in=[ControlCard.State.OPEN, ControlCard.State.PAUSED])
             .exclude(Q(executor=user) | Q(pk__in=co_executed)))
    shown = (_card_queryset().filter(pk__in=cards.order_by("due", "id").values("pk")[:limit])
             .annotate(awaits_closing=ExpressionWrapper(reported_to_close(), output_field=BooleanField())).order_by("due", "id"))
    return list(shown), cards.count()


def reported_to_close():
    """Open cards their executor reported on (on the card itself), waiting for a controller to close them; a card
    whose item's own workflow closes it is decided there (documents.services.control.control_item_register)."""
    from documents.services.control import control_item_types_closed_elsewhere

    return Q(state=ControlCard.State.OPEN) & ~Q(result="") & ~Q(content_type_id__in=control_item_types_closed_elsewhere())


def reports_to_decide(*, user):
    """Execution reports waiting for the user's decision, the oldest first: reports on work the user gave (or the head
    they act for, or a predecessor in a post the user holds now gave from it), and on parts handed on inside a unit
    the user heads (an officer who hands work on does not decide on it), on parts still under control in a unit the
    user heads (the registry may decide too, but a head does). report_deciders says the same of one report."""
    paths = managed_unit_paths(user=user)
    if not paths:
        return AssignmentReport.objects.none()
    under_control = ControlCard.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment), object_id=OuterRef("assignment_id"),
        state__in=[ControlCard.State.OPEN, ControlCard.State.PAUSED])
    given_by_predecessor = posts_left().filter(position_id__in=managing_posts(user=user), user_id=OuterRef("assignment__created_by_id"),
                                               start__lte=OuterRef("given_on"), end__gte=OuterRef("given_on"))
    given = (Q(assignment__created_by=user) | Q(assignment__created_by__in=users_acted_for(user=user))
             | Q(Exists(given_by_predecessor)) | Q(assignment__parent__isnull=False, assignment__unit__path__in=paths))
    return (AssignmentReport.objects.annotate(given_on=TruncDate("assignment__created_at"))
            .filter(given, outcome=AssignmentReport.Outcome.PENDING)
            .filter(under_paths("assignment__unit__path", paths), Exists(under_control),
                    assignment__document__in=Document.objects.visible_to(user))
            .select_related("author", "assignment__unit", "assignment__document").order_by("created_at", "id"))


def report_deciders(*, assignment):
    """Who is told that a report on `assignment` waits (reports_to_decide lists it for them): whoever gave the work,
    whoever acts for them, their successor if they have left the post they gave it from, and, for a part handed on
    inside a unit, the unit's heads; of them, those who manage the part's unit today."""
    giver = assignment.created_by
    given_on = timezone.localdate(assignment.created_at)
    people = [giver, *acting_for(user=giver), *post_successors(user=giver, held_on=given_on)]
    if assignment.parent_id is not None:
        people += unit_heads(unit_ids=[assignment.unit_id]).get(assignment.unit_id, [])
    unique = {person.pk: person for person in people if person.is_active}.values()
    return [person for person in unique if user_manages_unit(user=person, unit=assignment.unit)]  # the giver may have left


def unit_control(*, user, now=None, root=None):
    """Open cards per unit the user may see, split into on time / due soon / overdue, with totals rolled
    up into every parent unit. One grouped query and one query for the units."""
    now = now or timezone.now()
    _, _, end_soon = _day_bounds(now)
    units = Unit.objects.visible_to(user).filter(is_active=True)
    if root is not None:
        units = units.filter(path__startswith=root.path)
    units = list(units.order_by("path"))
    rows = (
        ControlCard.objects.filter(state=ControlCard.State.OPEN, responsible_unit__in=[u.pk for u in units])
        .values("responsible_unit_id")
        .annotate(
            overdue=Count("id", filter=Q(due__lt=now)),
            due_soon=Count("id", filter=Q(due__gte=now, due__lte=end_soon)),
            on_time=Count("id", filter=Q(due__gt=end_soon)),
        )
    )
    own = {r["responsible_unit_id"]: r for r in rows}
    totals = defaultdict(lambda: {"overdue": 0, "due_soon": 0, "on_time": 0})
    by_id = {u.pk: u for u in units}
    for unit in units:
        counts = own.get(unit.pk)
        if not counts:
            continue
        for ancestor_id in (int(p) for p in unit.path.split(".") if p):
            if ancestor_id in by_id:
                for key in ("overdue", "due_soon", "on_time"):
                    totals[ancestor_id][key] += counts[key]
    base_depth = min((u.depth for u in units), default=0)
    return [
        {"unit": u, "level": u.depth - base_depth, "own": own.get(u.pk, {"overdue": 0, "due_soon": 0, "on_time": 0}),
         "total": totals[u.pk]}
        for u in units
    ]
