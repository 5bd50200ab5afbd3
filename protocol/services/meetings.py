"""Meetings of the leadership with ambassadors and international organisations: planned on the officials' agenda,
minuted, the minutes approved by the head of department through the one approval chain, and the follow-up actions
put under control."""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core.exceptions import ApplicationError, fail, fail_all
from core.i18n import deferred
from core.models import User
from core.services.notifications import notification_send
from documents.models import ApprovalStep
from documents.services.approval import approval_register, approval_routes, approval_start
from documents.services.control import control_open, policy_for, term_until
from protocol.models import FollowUpAction, Meeting
from protocol.services.common import (
    assign_values,
    check_unit_in,
    clean_or_fail,
    require_item_rights,
    require_protocol,
    save_with_history,
)
from units.agenda import agenda_write
from units.models import MANAGING_KINDS, Acting, Membership

MEETING_FIELDS = ("partner", "title", "starts_at", "ends_at", "place", "guests", "agenda")


def meeting_errors(*, values, officials):
    """{field: [message]}: the meeting's rules across fields, named at once; its form asks too."""
    errors = {}
    if not officials:
        errors["officials"] = [_("Name at least one of our participants.")]
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The meeting ends after it starts.")]
    return errors


def meeting_save(*, actor, organisation, organising_unit, values, officials, meeting=None):
    """Plan a meeting (or change it); our participants' agendas follow. Returns (meeting, clashes)."""
    if meeting is None:
        require_protocol(user=actor, organisation_id=organisation.pk)
        meeting = Meeting(organisation=organisation, created_by=actor)
        reason = gettext_noop("Planned")
    else:
        require_item_rights(user=actor, item=meeting)
        reason = gettext_noop("Edited")
    check_unit_in(organisation, organising_unit, "organising_unit")
    meeting.organising_unit = organising_unit
    assign_values(meeting, values, MEETING_FIELDS)
    fail_all(meeting_errors(values={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at}, officials=officials))
    clean_or_fail(meeting, exclude=["organisation", "organising_unit", "created_by", "partner", "officials"])
    with transaction.atomic():
        save_with_history(meeting, actor, reason)
        meeting.officials.set(officials)
        clashes = agenda_write(source=meeting, officials=officials, starts_at=meeting.starts_at, ends_at=meeting.ends_at,
                               title=meeting.title, place=meeting.place)
    return meeting, clashes


def meeting_minutes_save(*, actor, meeting, minutes):
    require_item_rights(user=actor, item=meeting)
    if meeting.minutes_state in (Meeting.MinutesState.IN_APPROVAL, Meeting.MinutesState.APPROVED):
        raise ApplicationError(_("Minutes in approval or approved are not changed."), code="minutes_locked")
    if meeting.starts_at > timezone.now():
        fail("minutes", _("The minutes are written after the meeting."))
    if not (minutes or "").strip():
        fail("minutes", _("Write the minutes."))
    meeting.minutes, meeting.minutes_state = minutes.strip(), Meeting.MinutesState.DRAFT
    save_with_history(meeting, actor, gettext_noop("Minutes written"), ["minutes", "minutes_state", "updated_at"])
    return meeting


def minutes_approvers(*, meeting):
    """The heads of the organising unit and of the department above it (not the organisation's leadership: the
    regulation has the head of department approve the minutes), and whoever acts for them."""
    unit_ids = [int(part) for part in meeting.organising_unit.path.split(".") if part][1:]
    condition = Q(position__unit_id__in=unit_ids, position__kind__in=MANAGING_KINDS)
    held = [*Membership.objects.current().filter(condition).values_list("user_id", flat=True),
            *Acting.objects.current().filter(condition).values_list("user_id", flat=True)]
    return User.objects.filter(is_active=True, pk__in=held).order_by("last_name", "first_name", "username")


def meeting_minutes_submit(*, actor, meeting, approver):
    require_item_rights(user=actor, item=meeting)
    if meeting.minutes_state != Meeting.MinutesState.DRAFT:
        fail("minutes", _("Write the minutes first."))
    if not minutes_approvers(meeting=meeting).filter(pk=getattr(approver, "pk", None)).exists():
        fail("approver", _("Choose the head of the department."))
    with transaction.atomic():
        approval_start(item=meeting, steps=[(ApprovalStep.Kind.SIGNATURE, approver)], actor=actor)
        meeting.minutes_state = Meeting.MinutesState.IN_APPROVAL
        save_with_history(meeting, actor, gettext_noop("Minutes sent for approval"), ["minutes_state", "updated_at"])
    return meeting


def _minutes_sender(meeting):
    """Who sent the minutes for approval (who wrote them, not always who planned the meeting): told of their fate."""
    return approval_routes(meeting).select_related("created_by").last().created_by


def _minutes_signed(meeting, actor):
    meeting.minutes_state = Meeting.MinutesState.APPROVED
    save_with_history(meeting, actor, gettext_noop("Minutes approved"), ["minutes_state", "updated_at"])
    notification_send(recipient=_minutes_sender(meeting), kind="protocol.minutes", title=deferred(gettext_noop("The minutes are approved")),
                      body=meeting.title, url=reverse("protocol:meeting", args=[meeting.pk]), actor=actor)


def _minutes_returned(meeting, actor, comment, *, withdrawn=False):
    meeting.minutes_state = Meeting.MinutesState.DRAFT
    save_with_history(meeting, actor, gettext_noop("Minutes withdrawn from approval: %(comment)s") if withdrawn
                      else gettext_noop("Minutes returned: %(comment)s"), ["minutes_state", "updated_at"], comment=comment[:200])
    notification_send(recipient=_minutes_sender(meeting), kind="protocol.minutes", title=deferred(gettext_noop("The minutes are returned")),
                      body=comment, url=reverse("protocol:meeting", args=[meeting.pk]), actor=actor)


approval_register(Meeting, signed=_minutes_signed, rejected=_minutes_returned, kind=gettext_lazy("minutes of the meeting"),
                  url=lambda pk: reverse("protocol:meeting", args=[pk]) + "#minutes")


def follow_up_errors(*, text, due_on):
    """{field: [message]}: an agreed action's rules, named at once; its form asks too."""
    errors = {}
    if not (text or "").strip():
        errors["text"] = [_("This field is required.")]
    if due_on is None or due_on <= timezone.localdate():
        errors["due_on"] = [_("The term must be a date after today.")]
    return errors


def follow_up_add(*, actor, meeting, text, responsible_unit, due_on):
    """An action agreed at the meeting: a controlled item of the responsible unit, due on the date given."""
    require_item_rights(user=actor, item=meeting)
    fail_all(follow_up_errors(text=text, due_on=due_on))
    check_unit_in(meeting.organisation, responsible_unit, "responsible_unit")
    start = timezone.now()
    with transaction.atomic():
        action = FollowUpAction(meeting=meeting, text=text.strip()[:500], responsible_unit=responsible_unit, due_on=due_on)
        save_with_history(action, actor, gettext_noop("Put under control"))
        control_open(item=action, policy=policy_for(code="protocol.obligation", organisation=meeting.organisation), start=start,
                     term=term_until(start=start, due_date=due_on), responsible_unit=responsible_unit, actor=actor,
                     title=_("After the meeting “%(meeting)s”: %(text)s") % {"meeting": meeting.title, "text": action.text})
    return action
