"""Work plans: drafted in the unit, approved by the head of the parent department (or the acting head),
items under control once approved; the period report shows what was done and what the regulation asked
for that nobody planned."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, PermissionDeniedError, fail
from core.history import history_reason
from core.i18n import deferred
from core.services.notifications import notification_send_many
from documents.domain.deadlines import Term
from documents.models import ControlCard, TermUnit, WorkPlan, WorkPlanItem, WorkPlanReport
from documents.services.control import control_open, policy_for
from units.models import Clause, ClauseKind
from units.selectors import unit_heads, user_manages_unit

EDITABLE = (WorkPlan.State.DRAFT, WorkPlan.State.RETURNED)
DUTY_KINDS = (ClauseKind.DUTY, ClauseKind.FUNCTION)  # "vəzifələri", "функции": what a unit must do



def works_in(user, unit):
    return user.memberships.filter(position__unit=unit).exists() or user_manages_unit(user=user, unit=unit)


def plan_approver_unit(plan):
    """Whose head approves: the parent department's (a department without a parent approves its own)."""
    return plan.unit.parent if plan.unit.parent and plan.unit.parent.parent_id else plan.unit


def _save(plan, actor, reason, fields=None):
    plan._history_user = actor
    plan._change_reason = reason
    plan.save(update_fields=fields) if fields else plan.save()


def plan_create(*, actor, unit, period, year, number=1):
    if not works_in(actor, unit):
        raise PermissionDeniedError(_("A unit's plan is drafted by its own staff."))
    limits = {WorkPlan.Period.QUARTER: 4, WorkPlan.Period.HALF_YEAR: 2, WorkPlan.Period.YEAR: 1}
    if period not in limits:
        fail("period", _("Choose a quarter, a half-year or a year."))
    if not 1 <= number <= limits[period]:
        fail("number", _("There is no such period in the year."))
    if not 2000 <= year <= 2200:
        fail("year", _("Give a year between 2000 and 2200."))
    if WorkPlan.objects.filter(unit=unit, period=period, year=year, number=number).exists():
        fail("period", _("The unit already has a plan for this period."), code="duplicate_plan")
    plan = WorkPlan(unit=unit, period=period, year=year, number=number, author=actor)
    _save(plan, actor, history_reason(gettext_noop("Drafted")))
    return plan


def duty_clauses_for(unit):
    """The duties a plan of `unit` may cite: its own regulation's, or its parent department's."""
    units = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    return Clause.objects.in_force().substantive().filter(unit_id__in=units, kind__in=DUTY_KINDS)


def plan_item_add(*, actor, plan, title, clauses, responsible, due_date):
    if plan.state not in EDITABLE:
        raise ApplicationError(_("Only a draft or returned plan can be changed."), code="plan_locked")
    if not works_in(actor, plan.unit):
        raise PermissionDeniedError(_("A unit's plan is drafted by its own staff."))
    if not (title or "").strip():
        fail("title", _("Describe the measure."))
    clauses = list(clauses)
    if not clauses:
        fail("clauses", _("Cite at least one duty of the regulation."))
    allowed = set(duty_clauses_for(plan.unit).filter(pk__in=[c.pk for c in clauses]).values_list("pk", flat=True))
    foreign = [c for c in clauses if c.pk not in allowed]
    if foreign:
        fail("clauses", _("Clause %(number)s is not a duty of %(unit)s or its department.") % {
            "number": foreign[0].number, "unit": plan.unit.display_name}, code="foreign_clause")
    first, last = plan.bounds
    if due_date is None or not first <= due_date <= last:
        fail("due_date", _("The term must fall within the plan's period, %(first)s – %(last)s.") % {
            "first": first.strftime("%d.%m.%Y"), "last": last.strftime("%d.%m.%Y")})
    if responsible is None or not responsible.memberships.filter(position__unit__path__startswith=plan.unit.path).exists():
        fail("responsible", _("The responsible person must work in %(unit)s.") % {"unit": plan.unit.display_name})
    with transaction.atomic():
        item = WorkPlanItem(plan=plan, title=title.strip(), responsible=responsible, due_date=due_date)
        item._history_user = actor
        item.save()
        item.clauses.set(clauses)
    return item


def _tell(users, *, actor, plan, title, body=""):
    """A notice about a plan, in the inbox and by e-mail (never to the one who acted)."""
    url = reverse("documents:plan", args=[plan.pk])
    notification_send_many(items=[(user, "documents.plan", deferred(title, plan=plan), body, url) for user in users], actor=actor)


def _submitter(plan):
    """Who submitted the plan last (learns whether it is approved or returned)."""
    record = plan.history.filter(state=WorkPlan.State.SUBMITTED).select_related("history_user").order_by("-history_date").first()
    return [record.history_user] if record and record.history_user else []


def plan_submit(*, actor, plan):
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state not in EDITABLE:
            raise ApplicationError(_("This plan is not a draft."), code="wrong_state")
        if not works_in(actor, plan.unit):
            raise PermissionDeniedError(_("A unit's plan is submitted by its own staff."))
        if not plan.items.exists():
            fail("items", _("Add at least one measure before submitting."))
        plan.state = WorkPlan.State.SUBMITTED
        _save(plan, actor, history_reason(gettext_noop("Submitted for approval")), ["state"])
        _tell(_approvers(plan), actor=actor, plan=plan, title=gettext_noop("Work plan waits for your approval: %(plan)s"))
    return plan


def plan_withdraw(*, actor, plan, reason):
    """The unit takes its submitted plan back (a measure to add, a term to move) before the head decides; the head who
    approves is told why."""
    if not (reason or "").strip():
        fail("reason", _("Say why you withdraw it."))
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if not works_in(actor, plan.unit):
            raise PermissionDeniedError(_("A unit's plan is withdrawn by its own staff."))
        if plan.state != WorkPlan.State.SUBMITTED:
            raise ApplicationError(_("It is no longer in approval."), code="wrong_state")
        plan.state = WorkPlan.State.DRAFT
        _save(plan, actor, history_reason(gettext_noop("Withdrawn from approval: %(comment)s"), comment=reason.strip()[:200]), ["state"])
        _tell(_approvers(plan), actor=actor, plan=plan, title=gettext_noop("Work plan withdrawn from approval: %(plan)s"), body=reason.strip())
    return plan


def _approvers(plan):
    approver_unit = plan_approver_unit(plan)
    return unit_heads(unit_ids=[approver_unit.pk]).get(approver_unit.pk, [])


def _require_approver(actor, plan):
    if not user_manages_unit(user=actor, unit=plan_approver_unit(plan)):
        raise PermissionDeniedError(_("Only the head of %(unit)s, or the acting head, approves this plan.") % {
            "unit": plan_approver_unit(plan).display_name})


def plan_return(*, actor, plan, comment):
    if not (comment or "").strip():
        fail("comment", _("Say what should change."))
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        _require_approver(actor, plan)
        if plan.state != WorkPlan.State.SUBMITTED:
            raise ApplicationError(_("Only a submitted plan can be returned."), code="wrong_state")
        plan.state, plan.comment, plan.decided_by, plan.decided_at = WorkPlan.State.RETURNED, comment.strip(), actor, timezone.now()
        _save(plan, actor, history_reason(gettext_noop("Returned: %(comment)s"), comment=comment.strip()[:200]),
              ["state", "comment", "decided_by", "decided_at"])
        _tell(_submitter(plan), actor=actor, plan=plan, title=gettext_noop("Your work plan is returned: %(plan)s"), body=plan.comment)
    return plan


def plan_approve(*, actor, plan):
    """Approve: every item goes under control with its term (the plan's own dates)."""
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        _require_approver(actor, plan)
        if plan.state != WorkPlan.State.SUBMITTED:
            raise ApplicationError(_("Only a submitted plan can be approved."), code="wrong_state")
        policy = policy_for(code="document.default", organisation=plan.unit.organisation)
        start = timezone.now()
        today = timezone.localtime(start).date()
        for item in plan.items.select_related("responsible"):
            days = max((item.due_date - today).days, 0)
            control_open(item=item, policy=policy, start=start, responsible_unit=plan.unit, executor=item.responsible,
                         title=f"{plan.period_label}: {item.title}", actor=actor, term=Term(days, TermUnit.CALENDAR_DAYS))
        plan.state, plan.decided_by, plan.decided_at = WorkPlan.State.APPROVED, actor, start
        _save(plan, actor, history_reason(gettext_noop("Approved")), ["state", "decided_by", "decided_at"])
        _tell(_submitter(plan), actor=actor, plan=plan, title=gettext_noop("Your work plan is approved: %(plan)s"))
    return plan


def plan_item_drop(*, actor, item, reason):
    if not (reason or "").strip():
        fail("reason", _("Say why the measure is dropped."))
    _require_approver(actor, item.plan)
    from documents.services.control import control_close

    with transaction.atomic():
        item.dropped_reason = reason.strip()
        item._history_user = actor
        item.save(update_fields=["dropped_reason"])
        card = _card_of(item)
        if card is not None and card.state in (ControlCard.State.OPEN, ControlCard.State.PAUSED):
            control_close(card=card, actor=actor, result=reason.strip(), cancelled=True)
    return item


def _card_of(item):
    return ControlCard.objects.filter(content_type__app_label="documents", content_type__model="workplanitem",
                                      object_id=item.pk).first()


def plan_report_build(*, plan):
    """The period report's facts: each item done on time, late, not done or dropped; and the duties of the
    regulation that no item of the period cited."""
    items = list(plan.items.prefetch_related("clauses").select_related("responsible"))
    cards = {c.object_id: c for c in ControlCard.objects.filter(
        content_type__app_label="documents", content_type__model="workplanitem", object_id__in=[i.pk for i in items])}
    rows = []
    for item in items:
        card = cards.get(item.pk)
        if item.dropped_reason:
            outcome = "dropped"
        elif card is not None and card.state == ControlCard.State.DONE:
            outcome = "done_late" if card.closed_at and card.closed_at > card.due else "done_on_time"
        else:
            outcome = "not_done"
        rows.append({"item": item, "card": card, "outcome": outcome})
    cited = {c.pk for item in items for c in item.clauses.all()}
    unplanned = [c for c in duty_clauses_for(plan.unit).filter(unit=plan.unit).order_by("sort_key") if c.pk not in cited]
    counts = {key: sum(1 for r in rows if r["outcome"] == key) for key in ("done_on_time", "done_late", "not_done", "dropped")}
    return {"rows": rows, "unplanned": unplanned, "counts": counts}


def plan_report_save(*, actor, plan, narrative):
    if not works_in(actor, plan.unit):
        raise PermissionDeniedError(_("A unit's report is written by its own staff."))
    if plan.state != WorkPlan.State.APPROVED:
        raise ApplicationError(_("Only an approved plan has a report."), code="wrong_state")
    report, _created = WorkPlanReport.objects.get_or_create(plan=plan)
    if report.state == WorkPlanReport.State.APPROVED:
        raise ApplicationError(_("The report is approved already."), code="wrong_state")
    report.narrative = narrative.strip()
    report._history_user = actor
    report.save()
    return report


def plan_report_approve(*, actor, plan):
    _require_approver(actor, plan)
    report, _created = WorkPlanReport.objects.get_or_create(plan=plan)
    report.state, report.approved_by, report.approved_at = WorkPlanReport.State.APPROVED, actor, timezone.now()
    report._history_user = actor
    report.save()
    return report


def _outcome_labels():
    return {"done_on_time": _("done on time"), "done_late": _("done late"), "not_done": _("not done"), "dropped": _("dropped")}


def plan_report_letter(*, plan, facts, report):
    """The period report as a letter to the approving head (the PDF renderer's input)."""
    from documents.services.letters import Letter

    outcome = _outcome_labels()
    lines = [report.narrative if report else ""]
    lines.append("\n".join(f"{n}. {row['item'].title} — {outcome[row['outcome']]}"
                           + (f" ({row['item'].dropped_reason})" if row["item"].dropped_reason else "")
                           for n, row in enumerate(facts["rows"], start=1)))
    if facts["unplanned"]:
        lines.append(_("Duties of the regulation that no measure covered:") + "\n" +
                     "\n".join(f"{c.number} {c.text}" for c in facts["unplanned"]))
    approver = report.approved_by if report and report.approved_by else None
    return Letter(organisation=plan.unit.organisation.display_name, unit=plan.unit.display_name, addressee=plan_approver_unit(plan).display_name,
                  subject=_("Report on the work plan for %(period)s") % {"period": plan.period_label},
                  body="\n\n".join(part for part in lines if part), number=f"{plan.period_label}", date=timezone.localdate(),
                  signer_name=str(approver) if approver else "")


def plan_report_sheets(*, facts):
    """The period report as spreadsheet sheets: the measures with their outcomes, and the unplanned duties."""
    outcome = _outcome_labels()
    return [
        (_("Measures"), [_("Measure"), _("Duties of the regulation"), _("Responsible"), _("Term"), _("Outcome")],
         [[r["item"].title, ", ".join(c.number for c in r["item"].clauses.all()), str(r["item"].responsible),
           r["item"].due_date, outcome[r["outcome"]]] for r in facts["rows"]]),
        (_("Unplanned duties"), [_("Clause"), _("Text")], [[c.number, c.text] for c in facts["unplanned"]]),
    ]
