"""Visits from the first proposal to the report: the visit and its moves, the delegation, the programme (on the
officials' agenda, with its clashes), and, after an outgoing visit, the head's report under control."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, PermissionDeniedError, fail, fail_all
from core.i18n import deferred
from core.services.notifications import notification_send_many
from documents.services.control import control_close, control_open, policy_for
from protocol.domain.visit_states import (
    EDITABLE_STATES,
    LEADERSHIP_ACTIONS,
    ForbiddenMoveError,
    next_state,
)
from protocol.models import DelegationMember, ProgrammeItem, Visit
from protocol.services.common import (
    assign_values,
    check_unit_in,
    clean_or_fail,
    is_leadership,
    require_item_rights,
    require_protocol,
    save_with_history,
)
from units.agenda import agenda_clear, agenda_write
from units.selectors import unit_heads

VISIT_FIELDS = ("direction", "invited_by", "title", "purpose", "partner", "country", "city", "starts_on", "ends_on", "level",
                "languages")
MEMBER_FIELDS = ("full_name", "position", "organisation_name", "role", "arrival_at", "arrival_flight", "departure_at",
                 "departure_flight", "airport_service", "hotel", "dietary_needs", "access_needs", *DelegationMember.PASSPORT_FIELDS)
ITEM_FIELDS = ("starts_at", "ends_at", "place", "activity", "guests", "responsible", "transport")

MOVE_REASONS = {
    "approve": gettext_noop("Approved"),
    "confirm": gettext_noop("Confirmed by the partner"),
    "start": gettext_noop("Begun"),
    "complete": gettext_noop("Completed"),
    "file_report": gettext_noop("Report filed"),
    "cancel": gettext_noop("Cancelled: %(reason)s"),
}


def _require_editable(visit):
    if visit.state not in EDITABLE_STATES:
        raise ApplicationError(_("A visit that is over or cancelled is not changed any more."), code="visit_closed")


def visit_errors(*, values):
    """{field: [message]}: the visit's rules across fields, named at once; the visit's form asks too."""
    errors = {}
    if values.get("direction") != Visit.Direction.OUTGOING and not values.get("invited_by"):
        errors["invited_by"] = [_("Say who invited the guests.")]
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The visit ends on or after the day it begins.")]
    codes = _language_codes(values.get("languages"))
    if not codes or any(code not in ("az", "ru", "en") for code in codes):
        errors["languages"] = [_("Give the programme's languages as codes: az, ru, en.")]
    return errors


def _language_codes(languages):
    return [code.strip() for code in (languages or "").split(",") if code.strip()]


def visit_save(*, actor, organisation, organising_unit, values, visit=None):
    """Propose a visit (the protocol service does) or edit one that is still being prepared."""
    if visit is None:
        require_protocol(user=actor, organisation_id=organisation.pk)
        visit = Visit(organisation=organisation, created_by=actor)
        reason = gettext_noop("Proposed")
    else:
        require_item_rights(user=actor, item=visit)
        _require_editable(visit)
        reason = gettext_noop("Edited")
    check_unit_in(organisation, organising_unit, "organising_unit")
    visit.organising_unit = organising_unit
    assign_values(visit, values, VISIT_FIELDS)
    if visit.direction == Visit.Direction.OUTGOING:
        visit.invited_by = ""
    fail_all(visit_errors(values={field: getattr(visit, field) for field in ("direction", "invited_by", "starts_on", "ends_on",
                                                                             "languages")}))
    visit.languages = ",".join(dict.fromkeys(_language_codes(visit.languages)))
    clean_or_fail(visit, exclude=["organisation", "organising_unit", "created_by", "partner"])
    with transaction.atomic():
        save_with_history(visit, actor, reason)
    return visit


def visit_move(*, actor, visit, action, reason=""):
    """One step of the life cycle: approve (the leadership), confirm, start, complete, cancel (with a reason).
    Completing an outgoing visit puts the head's report to the minister under control."""
    with transaction.atomic():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("organising_unit").get(pk=visit.pk)
        if action in LEADERSHIP_ACTIONS:
            if not is_leadership(user=actor, organisation_id=visit.organisation_id):
                raise PermissionDeniedError(_("The minister's office approves a visit."))
        else:
            require_item_rights(user=actor, item=visit)
        if action == "file_report":
            fail("action", _("File the report with its text."))
        try:
            visit.state = next_state(visit.state, action)
        except ForbiddenMoveError:
            raise ApplicationError(_("A visit that is %(state)s cannot be moved that way.") % {
                "state": visit.get_state_display()}, code="forbidden_move", fields={"action": [_("Not possible now.")]}) from None
        reason = (reason or "").strip()
        if action == "cancel":
            if not reason:
                fail("reason", _("Say why the visit is cancelled."))
            visit.cancel_reason = reason[:500]
            for item in visit.programme.all():
                agenda_clear(source=item)
        save_with_history(visit, actor, MOVE_REASONS[action], ["state", "cancel_reason", "updated_at"], reason=reason[:200])
        if action == "complete" and visit.direction == Visit.Direction.OUTGOING:
            _open_report_card(visit, actor)
        if action in ("approve", "cancel"):
            _tell_organisers(visit, actor)
    return visit


def _open_report_card(visit, actor):
    organisation = visit.organisation
    control_open(item=visit, policy=policy_for(code="protocol.visit_report", organisation=organisation), start=timezone.now(),
                 responsible_unit=visit.organising_unit, actor=actor,
                 title=_("Report to the minister on the visit: %(title)s") % {"title": visit.title})


def _tell_organisers(visit, actor):
    heads = unit_heads(unit_ids=[visit.organising_unit_id])
    title = deferred(gettext_noop("A visit is approved") if visit.state == Visit.State.APPROVED else gettext_noop("A visit is cancelled"))
    notification_send_many(items=[(user, "protocol.visit", title, visit.title, reverse("protocol:visit", args=[visit.pk]))
                                  for people in heads.values() for user in people], actor=actor)


def visit_report_file(*, actor, visit, report):
    """The head's report on a completed visit; it closes the report's control card."""
    report = (report or "").strip()
    if len(report) < 20:
        fail("report", _("Write the report (at least a few sentences)."))
    with transaction.atomic():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("organising_unit").get(pk=visit.pk)
        require_item_rights(user=actor, item=visit)
        try:
            visit.state = next_state(visit.state, "file_report")
        except ForbiddenMoveError:
            raise ApplicationError(_("The report is filed once the visit is completed."), code="forbidden_move") from None
        visit.report, visit.report_filed_at = report, timezone.now()
        save_with_history(visit, actor, MOVE_REASONS["file_report"], ["state", "report", "report_filed_at", "updated_at"])
        card = visit.report_card
        if card is not None and card.state in ("open", "paused"):
            control_close(card=card, actor=actor, result=report[:2000], system=True)
    return visit


# --- the delegation --------------------------------------------------------------------------------------------


def member_errors(*, values):
    """{field: [message]}: a delegation member's rules across fields; the member's form asks too."""
    arrival_at, departure_at = values.get("arrival_at"), values.get("departure_at")
    if arrival_at and departure_at and departure_at < arrival_at:
        return {"departure_at": [_("The departure is after the arrival.")]}
    return {}


def member_save(*, actor, visit, values, member=None):
    require_item_rights(user=actor, item=visit)
    _require_editable(visit)
    if not (values.get("full_name") or (member and member.full_name) or "").strip():
        fail("full_name", _("This field is required."))
    member = member or DelegationMember(visit=visit)
    assign_values(member, values, MEMBER_FIELDS)
    fail_all(member_errors(values={"arrival_at": member.arrival_at, "departure_at": member.departure_at}))
    clean_or_fail(member, exclude=["visit"])
    with transaction.atomic():
        save_with_history(member, actor, gettext_noop("Saved"))
    return member


def member_remove(*, actor, member):
    require_item_rights(user=actor, item=member.visit)
    _require_editable(member.visit)
    member._history_user = actor
    member.delete()


# --- the programme ---------------------------------------------------------------------------------------------


def programme_item_errors(*, visit, values):
    """{field: [message]}: every rule a programme item breaks, named at once; the item's form asks too, with whatever
    fields it could read."""
    errors = {field: [_("This field is required.")] for field in ("starts_at", "ends_at", "activity", "place")
              if not values.get(field)}
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The item ends after it starts.")]
    if starts_at and not visit.starts_on <= timezone.localtime(starts_at).date() <= visit.ends_on:
        errors["starts_at"] = [_("The item falls within the visit's days (%(first)s – %(last)s).") % {
            "first": visit.starts_on.strftime("%d.%m.%Y"), "last": visit.ends_on.strftime("%d.%m.%Y")}]
    return errors


def programme_item_save(*, actor, visit, values, officials, item=None):
    """Add or change an item; its officials' agendas follow. Returns (item, clashes): the engagements of the same
    officials at the same time elsewhere (another item, a meeting, a press event)."""
    require_item_rights(user=actor, item=visit)
    _require_editable(visit)
    item = item or ProgrammeItem(visit=visit)
    assign_values(item, values, ITEM_FIELDS)
    fail_all(programme_item_errors(visit=visit, values={field: getattr(item, field) for field in ITEM_FIELDS}))
    clean_or_fail(item, exclude=["visit", "responsible"])
    with transaction.atomic():
        save_with_history(item, actor, gettext_noop("Saved"))
        item.officials.set(officials)
        if officials:
            clashes = agenda_write(source=item, officials=officials, starts_at=item.starts_at, ends_at=item.ends_at,
                                   title=f"{visit.title}: {item.activity}", place=item.place)
        else:
            agenda_clear(source=item)
            clashes = []
    return item, clashes


def programme_item_remove(*, actor, item):
    require_item_rights(user=actor, item=item.visit)
    _require_editable(item.visit)
    with transaction.atomic():
        agenda_clear(source=item)
        item._history_user = actor
        item.delete()
