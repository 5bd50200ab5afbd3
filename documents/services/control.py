"""Execution control: open, extend, pause, resume, close and explain control cards."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.bounds import date_window_message, in_date_window
from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import history_reason
from core.i18n import deferred
from core.services.notifications import notification_send_many
from core.text import shorten
from documents.domain.calendar import CalendarRangeError
from documents.domain.control_states import (
    CONTROLLER,
    EXECUTOR,
    ForbiddenTransitionError,
    is_permitted,
    next_state,
)
from documents.domain.deadlines import Extension, Pause, Term, compute_due
from documents.models import ControlCard, ControlExtension, ControlPause, DeadlinePolicy, TermUnit
from documents.models.control import term_label
from documents.services.calendar import calendar_for, skipped_reason
from units.selectors import organisation_zone, unit_heads, user_is_registry_for, user_manages_unit

# where a term is counted when no organisation says (the public calculator): the policy country's capital
COUNTRY_ZONES = {"AZ": "Asia/Baku", "KZ": "Asia/Almaty"}


# What a card controls, as each app registers it: where its work is done (a link for the card's page) and which card
# actions only the item's own workflow takes, because that workflow does more than the card (an appeal's extension
# tells the citizen, an accepted report marks the document executed, a decided accreditation tells the journalist).
_ITEMS = {}


def control_item_register(model, *, place, visible, owned=(), extended=None):
    """`place(item)` -> (label, url) of the page where the item's work is done; `visible(user)` -> the queryset of
    such items the user may open; `owned`: the card actions ("extend", "pause", "resume", "report", "close",
    "cancel") refused on the card itself; `extended(item, card, actor)`: the item's workflow hears of a term extended
    on the card (to tell whoever waits for it)."""
    _ITEMS[model] = {"place": place, "visible": visible, "owned": frozenset(owned), "extended": extended}


def _registered(card):
    return _ITEMS.get(card.content_type.model_class())


def control_item(card, *, user):
    """{"label", "url", "owned"} for the card's item, the url only when `user` may open it; None for an item no app
    registered (or one deleted)."""
    registered = _registered(card)
    item = card.item if registered else None
    if item is None:
        return None
    label, url = registered["place"](item)
    may_open = registered["visible"](user).filter(pk=item.pk).exists()
    return {"label": label, "url": url if may_open else None, "owned": registered["owned"]}


def control_owned_actions(card):
    registered = _registered(card)
    return registered["owned"] if registered else frozenset()


def control_item_types_closed_elsewhere():
    """The content type ids of the items whose cards their own workflow closes (their reports are decided there)."""
    return [ContentType.objects.get_for_model(model).pk for model, registered in _ITEMS.items() if "close" in registered["owned"]]


def control_card_act(*, card, actor, action, **values):
    """An action taken on the card itself (its page, its API), refused when the item's own workflow takes it."""
    taken = "cancel" if action == "close" and values.get("cancelled") else action
    if taken in control_owned_actions(card):
        raise ApplicationError(_("This is done where the work is, not on the card: %(place)s.") % {
            "place": _registered(card)["place"](card.item)[0]}, code="item_workflow")
    act = {"extend": control_extend, "pause": control_pause, "resume": control_resume, "report": control_report,
           "close": control_close}[action]
    with transaction.atomic():
        result = act(card=card, actor=actor, **values)
        registered = _registered(card)
        if action == "extend" and registered and registered["extended"] and card.item is not None:
            registered["extended"](card.item, result, actor)
    return result


def _tz(zone=None):
    return ZoneInfo(zone or settings.TIME_ZONE)


def policy_for(*, code, organisation=None):
    """The organisation's own policy of that code if it has one, else the default."""
    policies = DeadlinePolicy.objects.filter(code=code, is_active=True).filter(
        Q(organisation__isnull=True) | Q(organisation=organisation) if organisation else Q(organisation__isnull=True)
    )
    policy = sorted(policies, key=lambda p: p.organisation_id is None)[:1]
    if not policy:
        raise ApplicationError(_("Unknown deadline policy “%(code)s”.") % {"code": code}, code="unknown_policy",
                               fields={"policy": [_("Unknown deadline policy.")]})
    return policy[0]


def _as_moment(value, zone=None):
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, _tz(zone))
    return datetime.combine(value, time(9, 0), tzinfo=_tz(zone))


def outside_calendar_error(error, *, field="start"):
    """A date the working calendar cannot compute, as a clear 400 (never a 500)."""
    message = _("Terms can be computed for dates from %(first)d to %(last)d.") % {"first": error.first_year, "last": error.last_year}
    return ApplicationError(message, code="outside_calendar", fields={field: [message]})


def deadline_compute(*, policy, start, events=(), term=None, zone=None):
    """The due date of a term from `start`, its days counted in `zone` (the organisation's; the policy country's
    capital when none is given)."""
    zone = zone or COUNTRY_ZONES.get(policy.country)
    try:
        calendar = calendar_for(policy.country, around=start.date() if isinstance(start, datetime) else start)
        return compute_due(calendar, start=_as_moment(start, zone), term=term or policy.term, events=events, tz=_tz(zone))
    except CalendarRangeError as error:
        raise outside_calendar_error(error) from None


def deadline_calculate(*, policy, start):
    """The public calculator: due date, term, legal basis and every skipped day with its reason."""
    result = deadline_compute(policy=policy, start=start)
    return {
        "policy": policy.code,
        "start": _as_moment(start, COUNTRY_ZONES.get(policy.country)).isoformat(),
        "due": result.due.isoformat(),
        "term": {"value": policy.term_value, "unit": policy.term_unit},
        "legal_basis": policy.display_legal_basis,
        "skipped": [{"date": d.day.isoformat(), "reason": skipped_reason(d)} for d in result.skipped],
    }


def deadline_parse_start(raw):
    """An ISO 8601 date or date-time from a user or an API client, or a clear error."""
    message = _("Give the start as an ISO 8601 date or date and time, e.g. 2026-11-23T10:00:00+04:00.")
    try:
        start = parse_datetime(raw) or (datetime.fromisoformat(raw) if raw else None)
    except ValueError:
        start = None
    if start is None:
        raise ApplicationError(message, code="invalid_start", fields={"start": [message]})
    if not in_date_window(start):
        raise ApplicationError(date_window_message(), code="invalid_start", fields={"start": [date_window_message()]})
    return start


def _events(card, *, extensions=None, pauses=None):
    """The card's extensions and pauses since its start (a reopened card's earlier run does not count again)."""
    extensions = card.extensions.all() if extensions is None else extensions
    pauses = card.pauses.all() if pauses is None else pauses
    return [Extension(e.created_at, Term(e.value, e.unit)) for e in extensions if e.created_at >= card.start] + [
        Pause(p.started_at, p.ended_at) for p in pauses if p.started_at >= card.start
    ]


def _recomputed_due(card, **kwargs):
    return deadline_compute(policy=card.policy, start=card.start, term=card.term, events=_events(card, **kwargs),
                            zone=card.time_zone).due


def term_until(*, start, due_date):
    """An explicit last day as a term in calendar days from the start (a non-working last day then moves to the next
    working day, Civil Code art. 370.2)."""
    return Term((due_date - timezone.localtime(_as_moment(start)).date()).days, TermUnit.CALENDAR_DAYS)


@transaction.atomic
def control_open(*, item, policy, start, responsible_unit, title, executor=None, co_executors=(), actor=None, term=None):
    """Put `item` under control. `term` (a deadlines.Term) overrides the policy's, e.g. for a head's explicit
    date; the policy still names the legal basis and the extension rules."""
    term = term or policy.term
    zone = organisation_zone(unit=responsible_unit)
    due = deadline_compute(policy=policy, start=start, term=term, zone=zone).due
    card = ControlCard(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, title=shorten(title, 500), policy=policy,
        term_value=term.value, term_unit=term.unit, start=_as_moment(start, zone), due=due, time_zone=zone,
        responsible_unit=responsible_unit, executor=executor,
    )
    card._history_user = actor
    # the caller's own objects; the due date is computed from the start, and the database keeps that check too
    card.full_clean(exclude=["content_type", "policy", "responsible_unit", "executor"], validate_constraints=False)
    card.save()
    if co_executors:
        card.co_executors.set(co_executors)
    # a new card has no extensions or pauses: explaining it right away needs no query for them
    card._prefetched_objects_cache = {"extensions": card.extensions.none(), "pauses": card.pauses.none()}
    return card


def _locked(card):
    return ControlCard.objects.select_for_update().select_related("policy", "responsible_unit").get(pk=card.pk)


def control_roles(*, user, card, controls=None):
    """The roles `user` holds on `card` (documents.domain.control_states): executor, controller, both or none.
    `controls`, a dict a page keeps across its cards, asks once per responsible unit."""
    roles = set()
    if user is not None and user.is_authenticated and card.executor_id == user.pk:
        roles.add(EXECUTOR)
    controls = {} if controls is None else controls
    if card.responsible_unit_id not in controls:
        unit = card.responsible_unit
        controls[card.responsible_unit_id] = user_manages_unit(user=user, unit=unit) or user_is_registry_for(user=user, unit=unit)
    if controls[card.responsible_unit_id]:
        roles.add(CONTROLLER)
    return roles


def _denied_messages():
    return {
        "extend": _("Only the head, a deputy or the acting head of the responsible unit may extend a term."),
        "pause": _("Only the executor or a head of the responsible unit may pause the clock."),
        "resume": _("Only the executor or a head of the responsible unit may resume the clock."),
        "report": _("Only the executor reports on the card."),
        "close": _("Only the head of the responsible unit, their deputy or acting head, or the registry may close the card; "
                   "the executor reports."),
        "cancel": _("Only the head of the responsible unit, their deputy or acting head, or the registry may cancel the card."),
    }


def _require_role(actor, card, action):
    if not is_permitted(action, control_roles(user=actor, card=card)):
        raise PermissionDeniedError(_denied_messages()[action])


def _next_state(card, action):
    """The state `action` leads to from the card's state (documents.domain.control_states), or a clear error."""
    try:
        return next_state(action, card.state)
    except ForbiddenTransitionError:
        raise ApplicationError(
            _("This card is %(state)s; that is not possible now.") % {"state": card.get_state_display()}, code="wrong_state"
        ) from None


def _save(card, actor, reason, fields):
    card._history_user = actor
    card._change_reason = reason
    card.save(update_fields=fields)


@transaction.atomic
def control_extend(*, card, actor, reason, legal_basis, value=None, new_due=None, at=None):
    """Extend the term from the end of the old one, by `value` (in the policy's extension unit) or to
    `new_due` (a date). Only a head, deputy or acting head of the responsible unit or above may extend,
    and never beyond the policy's maximum."""
    card = _locked(card)
    _next_state(card, "extend")
    _require_role(actor, card, "extend")
    policy = card.policy
    if not policy.allows_extension:
        raise ApplicationError(_("The %(policy)s term cannot be extended.") % {"policy": policy.code}, code="no_extension")
    if not (reason or "").strip():
        raise ApplicationError(_("Give the reason for the extension."), fields={"reason": [_("This field is required.")]})
    if not (legal_basis or "").strip():
        raise ApplicationError(_("Give the legal basis for the extension."), fields={"legal_basis": [_("This field is required.")]})
    unit = policy.extension_unit or policy.term_unit
    calendar = calendar_for(policy.country)
    local_due = card.due.astimezone(_tz(card.time_zone)).date()
    if new_due is not None:
        if new_due <= local_due:
            raise ApplicationError(_("The new due date must be after the current one."), fields={"new_due": [_("Too early.")]})
        try:
            value = calendar.working_days_between(local_due, new_due) if unit == TermUnit.WORKING_DAYS else (new_due - local_due).days
        except CalendarRangeError as error:
            raise outside_calendar_error(error, field="new_due") from None
    if not value or value <= 0:
        raise ApplicationError(_("Give the length of the extension."), fields={"value": [_("This field is required.")]})
    used = sum(e.value for e in card.extensions.all())
    if used + value > policy.max_extension_value:
        raise ApplicationError(
            _("The law allows at most %(max)s of extension; %(used)d are already used.") % {
                "max": term_label(policy.max_extension_value, unit), "used": used},
            code="extension_limit", fields={"value": [_("Beyond the maximum extension.")]},
        )
    previous = card.due
    extension = ControlExtension(card=card, value=value, unit=unit, previous_due=previous, new_due=previous,
                                 created_at=at or timezone.now(),
                                 reason=reason.strip(), legal_basis=legal_basis.strip(), extended_by=actor)
    extension.save()
    card.due = _recomputed_due(card)
    ControlExtension.objects.filter(pk=extension.pk).update(new_due=card.due)
    card.due_changed_at = timezone.now()
    _save(card, actor, history_reason(gettext_noop("Extended by %(value)d %(unit)s: %(reason)s"),
                                      value=value, unit=TermUnit(unit).label, reason=reason.strip()), ["due", "due_changed_at"])
    return card


@transaction.atomic
def control_pause(*, card, actor, reason, at=None):
    """Stop the clock, e.g. while waiting for the appellant's clarification."""
    card = _locked(card)
    state = _next_state(card, "pause")
    _require_role(actor, card, "pause")
    if not (reason or "").strip():
        raise ApplicationError(_("Give the reason for the pause."), fields={"reason": [_("This field is required.")]})
    ControlPause.objects.create(card=card, reason=reason.strip(), paused_by=actor, started_at=at or timezone.now())
    card.state = state
    _save(card, actor, history_reason(gettext_noop("Paused: %(reason)s"), reason=reason.strip()), ["state"])
    return card


@transaction.atomic
def control_resume(*, card, actor, at=None, on_event=None):
    """Restart the clock; the due date is recomputed from the working days that remained. `on_event` (a
    history reason) restarts it on an outside event, e.g. the appellant's reply, with no role needed."""
    card = _locked(card)
    state = _next_state(card, "resume")
    if on_event is None:
        _require_role(actor, card, "resume")
    pause = card.pauses.get(ended_at__isnull=True)
    pause.ended_at = at or timezone.now()
    pause.save(update_fields=["ended_at"])
    card.state = state
    card.due = _recomputed_due(card)
    card.due_changed_at = timezone.now()
    _save(card, actor, on_event or history_reason(gettext_noop("Resumed")), ["state", "due", "due_changed_at"])
    return card


@transaction.atomic
def control_reassign(*, card, actor, responsible_unit, executor=None):
    """Hand the card to another responsible unit or executor (routing an appeal, assigning an officer).
    The caller checks who may route; the term does not change."""
    card = _locked(card)
    if card.state not in (ControlCard.State.OPEN, ControlCard.State.PAUSED):
        raise ApplicationError(_("This card is %(state)s; that is not possible now.") % {"state": card.get_state_display()},
                               code="wrong_state")
    card.responsible_unit, card.executor = responsible_unit, executor
    _save(card, actor, history_reason(gettext_noop("Assigned to %(unit)s"), unit=responsible_unit),
          ["responsible_unit", "executor"])
    return card


@transaction.atomic
def control_change_policy(*, card, actor, policy, reason, start=None):
    """Put the card under another policy (an appeal needing extra study; a notice term once the outcome is
    forwarding or leaving unconsidered), counted from `start` (the card's own start when None). Extensions and
    pauses already on the card still count. The caller checks who may decide."""
    card = _locked(card)
    if card.state not in (ControlCard.State.OPEN, ControlCard.State.PAUSED):
        raise ApplicationError(_("This card is %(state)s; that is not possible now.") % {"state": card.get_state_display()},
                               code="wrong_state")
    if not (reason or "").strip():
        raise ApplicationError(_("Give the reason."), fields={"reason": [_("This field is required.")]})
    card.policy, card.term_value, card.term_unit = policy, policy.term_value, policy.term_unit
    card.start = _as_moment(start, card.time_zone) if start is not None else card.start
    card.due = _recomputed_due(card)
    card.due_changed_at = timezone.now()
    _save(card, actor, history_reason(gettext_noop("Now under %(policy)s: %(reason)s"), policy=policy.code, reason=reason.strip()),
          ["policy", "term_value", "term_unit", "start", "due", "due_changed_at"])
    return card


@transaction.atomic
def control_reopen(*, card, actor, start, on_event):
    """Put a done card under control again with a fresh term from `start`, on an outside event another service
    checked (`on_event`, a history reason: the citizen contests the answer). Not a controller's action: a card
    the controller closed in error is cancelled and a new one opened."""
    card = _locked(card)
    if card.state != ControlCard.State.DONE:
        raise ApplicationError(_("This card is %(state)s; that is not possible now.") % {"state": card.get_state_display()},
                               code="wrong_state")
    card.state, card.closed_at, card.result = ControlCard.State.OPEN, None, ""
    card.start = _as_moment(start, card.time_zone)
    card.term_value, card.term_unit = card.policy.term_value, card.policy.term_unit
    card.due = _recomputed_due(card)
    card.due_changed_at = timezone.now()
    _save(card, actor, on_event, ["state", "closed_at", "result", "start", "term_value", "term_unit", "due", "due_changed_at"])
    return card


@transaction.atomic
def control_close(*, card, actor, result="", cancelled=False, system=False):
    """Remove the card from control (done) or cancel it. `system`: closed as part of another service's
    decision that checked its own rights (an appeal answered when its letter is signed)."""
    card = _locked(card)
    action = "cancel" if cancelled else "close"
    state = _next_state(card, action)
    if not system:
        _require_role(actor, card, action)
    if card.state == ControlCard.State.PAUSED:
        card.pauses.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    card.state = state
    card.closed_at = timezone.now()
    card.result = result
    _save(card, actor, history_reason(gettext_noop("Cancelled") if cancelled else gettext_noop("Done")), ["state", "closed_at", "result"])
    return card


@transaction.atomic
def control_report(*, card, actor, report):
    """The executor reports what was done; the controller then closes the card (or sends it back by
    leaving it open). The report is the card's result until the controller writes another."""
    card = _locked(card)
    _next_state(card, "report")
    _require_role(actor, card, "report")
    report = (report or "").strip()
    if not report:
        raise ApplicationError(_("Write what was done."), fields={"report": [_("This field is required.")]})
    card.result = report[:5000]
    _save(card, actor, history_reason(gettext_noop("Reported: %(report)s"), report=report[:200]), ["result"])
    if "close" not in control_owned_actions(card):  # else the item's workflow tells whoever decides
        title = deferred(gettext_noop("Reported, to close: %(title)s"), title=shorten(card.title, 200))
        notification_send_many(items=[(head, "documents.card", title, report, reverse("documents:card", args=[card.pk]))
                                      for head in unit_heads(unit_ids=[card.responsible_unit_id])[card.responsible_unit_id]],
                               actor=actor)
    return card


def control_term_text(card):
    """"Term: <due>." for a notice, kept untranslated and shown in the zone the card counts in (its organisation's)."""
    due = card.due.astimezone(ZoneInfo(card.time_zone)) if card.time_zone else card.due
    return deferred(gettext_noop("Term: %(due)s."), due=due)


def control_explain(*, card):
    """How the due date was computed: policy, legal basis, start, skipped days (named), extensions, pauses.
    Uses prefetched extensions and pauses when present; no query of its own otherwise beyond those."""
    extensions, pauses = list(card.extensions.all()), list(card.pauses.all())
    computation = deadline_compute(policy=card.policy, start=card.start, term=card.term, zone=card.time_zone,
                                   events=_events(card, extensions=extensions, pauses=pauses))
    by_extension = {e.created_at: e for e in extensions}
    by_pause = {p.started_at: p for p in pauses}
    steps = []
    for step in computation.steps:
        entry = {"kind": step.kind, "at": step.at.isoformat(), "due": step.due.isoformat(),
                 "skipped": [{"date": d.day.isoformat(), "reason": skipped_reason(d)} for d in step.skipped]}
        if step.kind == "extension" and (record := by_extension.get(step.at)):
            entry.update(value=record.value, unit=record.unit, reason=record.reason, legal_basis=record.legal_basis,
                         by=str(record.extended_by_id))
        if step.kind in ("pause", "resume"):
            record = by_pause.get(step.at) or next((p for p in pauses if p.ended_at == step.at), None)
            if record:
                entry["reason"] = record.reason
            entry["remaining"] = step.remaining if isinstance(step.remaining, int) else str(step.remaining)
        steps.append(entry)
    return {
        "policy": card.policy.code, "policy_name": card.policy.display_name, "legal_basis": card.policy.display_legal_basis,
        "start": card.start.astimezone(_tz(card.time_zone)).isoformat(), "due": card.due.astimezone(_tz(card.time_zone)).isoformat(),
        "time_zone": card.time_zone,
        "term": {"value": card.term_value, "unit": card.term_unit},
        "skipped": [{"date": d.day.isoformat(), "reason": skipped_reason(d)} for d in computation.skipped],
        "steps": steps, "overdue": card.is_overdue,
    }


def control_recompute(*, cards, actor=None, reason=""):
    """Recompute due dates (after a calendar change); saves and records history only where they moved."""
    changed = 0
    for card in cards:
        new_due = _recomputed_due(card, extensions=list(card.extensions.all()), pauses=list(card.pauses.all()))
        if new_due != card.due:
            card.due = new_due
            card.due_changed_at = timezone.now()
            _save(card, actor, reason, ["due", "due_changed_at"])
            changed += 1
    return changed


def control_recompute_for_calendar_change(*, country, day, batch_size=500):
    """The open and paused cards whose term spans `day`, recomputed in batches."""
    from datetime import timedelta

    horizon = datetime.combine(day, time.min, tzinfo=_tz())
    cards = (
        ControlCard.objects.filter(state__in=[ControlCard.State.OPEN, ControlCard.State.PAUSED], policy__country=country,
                                   start__lt=horizon + timedelta(days=1), due__gte=horizon - timedelta(days=1))
        .select_related("policy").prefetch_related("extensions", "pauses").order_by("pk")
    )
    total, last_pk = 0, 0
    reason = history_reason(gettext_noop("Calendar changed: %(day)s"), day=day.isoformat())
    while True:
        batch = list(cards.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return total
        with transaction.atomic():
            total += control_recompute(cards=batch, reason=reason)
        last_pk = batch[-1].pk
