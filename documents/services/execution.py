"""Execution of documents: resolution → assignments (each under control) → reports → removal from control."""

from datetime import date
from typing import NamedTuple

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.bounds import in_date_window
from core.exceptions import ApplicationError, PermissionDeniedError, fail
from core.history import history_reason
from core.i18n import deferred, deferred_join
from core.services.notifications import notification_send_many
from documents.domain.control_states import CONTROLLER, EXECUTOR
from documents.models import Assignment, AssignmentReport, ControlCard, Document, Resolution
from documents.selectors.control import report_deciders
from documents.services.attachments import attachment_add_many, attachments_check_all
from documents.services.control import (
    control_close,
    control_open,
    control_report,
    control_roles,
    control_term_text,
    policy_for,
    term_until,
)
from units.selectors import unit_heads, user_manages_unit

# the first resolution puts the document into execution; its timeline shows the resolution itself, not this record
RESOLUTION_REASON = gettext_noop("Resolution: %(text)s")


class ExecutorTerm(NamedTuple):
    """One executor of a resolution with their own term: a policy's code, or an explicit date; neither
    means the resolution's default term."""

    unit: object
    user: object = None
    policy_code: str | None = None
    due_date: date | None = None


def _term_for(*, due_date, start, field="due_date"):
    """An explicit date as a term in calendar days from the start (a non-working last day moves to the
    next working day, Civil Code art. 370.2)."""
    if not in_date_window(due_date) or due_date <= timezone.localtime(start).date():
        fail(field, _("The term must be a date after today."))
    return term_until(start=start, due_date=due_date)


def _card_of(assignment):
    return ControlCard.objects.filter(content_type__model="assignment", content_type__app_label="documents",
                                      object_id=assignment.pk).first()


def _open_card(*, assignment, actor, policy, due_date, start, title):
    term = _term_for(due_date=due_date, start=start) if due_date else None  # checked before, see resolution_write
    return control_open(item=assignment, policy=policy, start=start, responsible_unit=assignment.unit, title=title,
                        executor=assignment.executor, actor=actor, term=term)


def resolution_write(*, actor, document, text, executors, policy_code="document.default", due_date=None):
    """A head's resolution. `executors` is a list of `ExecutorTerm` (or tuples in its order: unit, user,
    policy code, due date), the first one responsible, the others co-executors; each becomes an assignment
    with its own control card and its own term: its policy or date, else the resolution's `policy_code` or
    `due_date`. Errors about the n-th executor name the field `executors.<n>.<name>`."""
    if not (user_manages_unit(user=actor, unit=document.unit) or actor.is_superuser):
        raise PermissionDeniedError(_("Only a head of the document's unit may write a resolution on it."))
    if not (text or "").strip():
        fail("text", _("Write the instruction."))
    executors = [ExecutorTerm(*entry) for entry in executors]
    if not executors:
        fail("executors", _("Name the responsible executor."))
    start = timezone.now()
    if due_date is not None:
        _term_for(due_date=due_date, start=start)
    policies, terms = {}, []
    for index, entry in enumerate(executors):
        if not user_manages_unit(user=actor, unit=entry.unit):
            fail(f"executors.{index}.unit", _("%(unit)s is not under your direction.") % {"unit": entry.unit.display_name})
        if entry.user is not None and not entry.user.memberships.filter(position__unit=entry.unit).exists():
            fail(f"executors.{index}.executor", _("%(user)s does not work in %(unit)s.") % {"user": entry.user, "unit": entry.unit.display_name})
        if entry.due_date is not None:
            _term_for(due_date=entry.due_date, start=start, field=f"executors.{index}.due_date")
        code = entry.policy_code or policy_code
        if code not in policies:
            try:
                policies[code] = policy_for(code=code, organisation=document.organisation)
            except ApplicationError as error:
                fail(f"executors.{index}.policy" if entry.policy_code else "policy", error.message, code=error.code)
        # the executor's own term wins over the resolution's; a policy named for the executor beats a default date
        own_date = entry.due_date or (None if entry.policy_code else due_date)
        terms.append((policies[code], own_date))
    with transaction.atomic():
        resolution = Resolution(document=document, author=actor, text=text.strip())
        resolution._history_user = actor
        resolution.save()
        given = []
        for index, (entry, (policy, own_date)) in enumerate(zip(executors, terms, strict=True)):
            assignment = Assignment(resolution=resolution, document=document, unit=entry.unit, executor=entry.user,
                                    created_by=actor,
                                    role=Assignment.Role.RESPONSIBLE if index == 0 else Assignment.Role.CO_EXECUTOR)
            assignment._history_user = actor
            assignment.save()
            given.append((assignment, _open_card(assignment=assignment, actor=actor, policy=policy, due_date=own_date,
                                                 start=start, title=f"{document.number}: {text.strip()}")))
        if document.state == Document.State.REGISTERED:
            document.state = Document.State.IN_EXECUTION
            document._history_user = actor
            document._change_reason = history_reason(RESOLUTION_REASON, text=text.strip()[:200])
            document.save(update_fields=["state"])
        _tell_the_executors(given, actor=actor, document=document, instruction=text.strip())
    return resolution


def _tell_the_executors(given, *, actor, document, instruction):
    """Each executor learns of their part and its term (in the inbox and by e-mail); for a unit named without an
    executor, its head, who hands the work on."""
    heads = unit_heads(unit_ids=[assignment.unit_id for assignment, _card in given if assignment.executor_id is None])
    url = reverse("documents:document", args=[document.pk])
    notification_send_many(items=[
        (user, "documents.assignment", deferred(gettext_noop("New assignment: %(number)s"), number=document.number),
         deferred_join([f"{document.subject}: {instruction}", control_term_text(card)]), url)
        for assignment, card in given
        for user in ([assignment.executor] if assignment.executor_id else heads.get(assignment.unit_id, []))], actor=actor)


def _tell(users, *, actor, title, body, document_id):
    """One notice about a document's execution to each of `users` (not to the one who acted)."""
    url = reverse("documents:document", args=[document_id])
    notification_send_many(items=[(user, "documents.assignment", title, body, url) for user in users], actor=actor)


def user_may_hand_on(*, user, assignment, manages=None):
    """The executor, or a head of the executing unit (not the registry, which controls but does not run the work).
    `manages`, a dict a page keeps across its assignments, asks once per unit."""
    if user.pk == assignment.executor_id:
        return True
    manages = {} if manages is None else manages
    if assignment.unit_id not in manages:
        manages[assignment.unit_id] = user_manages_unit(user=user, unit=assignment.unit)
    return manages[assignment.unit_id]


def assignment_hand_on(*, actor, parent, unit, user=None, due_date: date | None = None):
    """The executor (or the head of the executing unit) hands part of the work on inside their unit. The
    child's term cannot be later than the parent's."""
    parent_card = _card_of(parent)
    if not user_may_hand_on(user=actor, assignment=parent):
        raise PermissionDeniedError(_("Only the executor or the head of the executing unit may hand the work on."))
    if not unit.path.startswith(parent.unit.path):
        fail("unit", _("Work can be handed on only inside %(unit)s.") % {"unit": parent.unit.display_name})
    if parent_card is None or parent_card.state not in (ControlCard.State.OPEN, ControlCard.State.PAUSED):
        fail("parent", _("This assignment is no longer under control."))
    parent_due = timezone.localtime(parent_card.due).date()
    due_date = due_date or parent_due
    if due_date > parent_due:
        fail("due_date", _("The term cannot be later than the parent assignment's term, %(due)s.") % {
            "due": parent_due.strftime("%d.%m.%Y")}, code="term_after_parent")
    start = timezone.now()
    with transaction.atomic():
        child = Assignment(resolution=parent.resolution, document=parent.document, parent=parent, unit=unit, executor=user,
                           role=parent.role, created_by=actor)
        child._history_user = actor
        child.save()
        # always an explicit date: the policy's term counted from today could end after the parent's
        card = _open_card(assignment=child, actor=actor, policy=parent_card.policy, due_date=due_date, start=start,
                          title=parent_card.title)
        _tell_the_executors([(child, card)], actor=actor, document=child.document, instruction=parent.resolution.text)
    return child


def assignment_report(*, actor, assignment, text, attachments=()):
    """The executor files the execution report (with files); the card records it, the controller decides."""
    card = _card_of(assignment)
    if card is None or EXECUTOR not in control_roles(user=actor, card=card):
        raise PermissionDeniedError(_("Only the executor reports on the card."))
    if not (text or "").strip():
        fail("text", _("Write what was done."))
    attachments = list(attachments)
    attachments_check_all(attachments)
    with transaction.atomic():
        control_report(card=card, actor=actor, report=text)  # locks the card: two reports at once come one by one
        if assignment.reports.filter(outcome=AssignmentReport.Outcome.PENDING).exists():
            fail("text", _("Your report waits for the decision; send another when it is returned."), code="report_pending")
        report = AssignmentReport(assignment=assignment, author=actor, text=text.strip())
        report._history_user = actor
        report.save()
        if attachments:
            attachment_add_many(item=report, uploads=attachments, actor=actor)
        title = deferred(gettext_noop("Report on %(number)s: %(unit)s"), number=assignment.document.number, unit=assignment.unit)
        _tell(report_deciders(assignment=assignment), actor=actor, document_id=assignment.document_id, body=report.text,
              title=title)
    return report


def _decide(*, actor, report, outcome, comment):
    card = _card_of(report.assignment)
    if card is None or CONTROLLER not in control_roles(user=actor, card=card):
        raise PermissionDeniedError(_("Only the head of the unit, their deputy or acting head, or the registry decides on a report."))
    # two controllers deciding at once: the row lock makes the second one read the first one's decision
    if AssignmentReport.objects.select_for_update().values_list("outcome", flat=True).get(pk=report.pk) != AssignmentReport.Outcome.PENDING:
        fail("report", _("This report has been decided already."))
    report.outcome, report.decided_by, report.decided_at, report.comment = outcome, actor, timezone.now(), comment.strip()
    report._history_user = actor
    report.save(update_fields=["outcome", "decided_by", "decided_at", "comment"])
    number = report.assignment.document.number
    title = (deferred(gettext_noop("Your report on %(number)s is accepted"), number=number) if outcome == AssignmentReport.Outcome.ACCEPTED
             else deferred(gettext_noop("Your report on %(number)s is returned"), number=number))
    _tell([report.author], actor=actor, title=title, body=report.comment, document_id=report.assignment.document_id)
    return card


def report_accept(*, actor, report, comment=""):
    """Accept the report: the assignment is removed from control; the document is executed when every
    assignment is."""
    with transaction.atomic():
        card = _decide(actor=actor, report=report, outcome=AssignmentReport.Outcome.ACCEPTED, comment=comment)
        control_close(card=card, actor=actor, result=report.text)
        document = Document.objects.select_for_update().get(pk=report.assignment.document_id)
        open_cards = ControlCard.objects.filter(
            content_type=card.content_type, object_id__in=document.assignments.values("pk"),
            state__in=[ControlCard.State.OPEN, ControlCard.State.PAUSED])
        if not open_cards.exists() and document.state != Document.State.EXECUTED:
            document.state = Document.State.EXECUTED
            document._history_user = actor
            document._change_reason = history_reason(gettext_noop("Executed: every assignment is removed from control."))
            document.save(update_fields=["state"])
    return report


def report_return(*, actor, report, comment):
    """Return the report to the executor with the controller's comment; the card stays under control."""
    if not (comment or "").strip():
        fail("comment", _("Say what is missing."))
    with transaction.atomic():
        _decide(actor=actor, report=report, outcome=AssignmentReport.Outcome.RETURNED, comment=comment)
    return report

