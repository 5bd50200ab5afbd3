"""Reads for the registry. Every list and page starts from Document.objects.visible_to(user)."""

from django.http import Http404

from core.selectors import mark_openable
from documents.models import AssignmentReport, ControlCard, Document, OutgoingDraft
from documents.services.attachments import attachment_access_register, attachments_attach, attachments_of


def document_list(*, user):
    return (Document.objects.visible_to(user)
            .select_related("unit", "journal", "case_file", "registered_by")
            .order_by("-registered_at", "-id"))


def access_document(*, user, pk):
    """The document if the user may see it; 404 for both "missing" and "not yours"."""
    document = document_list(user=user).filter(pk=pk).select_related("in_reply_to", "supersedes").first()
    if document is None:
        raise Http404
    return document


def access_assignment(*, user, pk):
    """An assignment of a document the user may see; 404 otherwise."""
    from documents.models import Assignment

    assignment = Assignment.objects.select_related("document", "unit", "resolution").filter(pk=pk).first()
    if assignment is None:
        raise Http404
    access_document(user=user, pk=assignment.document_id)
    return assignment


def access_report(*, user, pk):
    """An execution report on a document the user may see; 404 otherwise."""
    report = AssignmentReport.objects.select_related("assignment__document").filter(pk=pk).first()
    if report is None:
        raise Http404
    access_document(user=user, pk=report.assignment.document_id)
    return report


def document_execution(*, user, document):
    """The document's resolutions, each with its assignments, their cards and reports, and what the user
    may do on each (report as the executor; accept or return as the controller)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Prefetch

    from documents.domain.control_states import CONTROLLER, EXECUTOR
    from documents.models import Assignment, AssignmentReport, ControlCard
    from documents.selectors.control import card_closing
    from documents.services.control import control_roles
    from documents.services.execution import user_may_hand_on

    resolutions = list(document.resolutions.select_related("author").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit", "executor").prefetch_related(
            Prefetch("reports", queryset=AssignmentReport.objects.select_related("author", "decided_by"))))))
    assignment_ids = [a.pk for r in resolutions for a in r.assignments.all()]
    cards = {c.object_id: c for c in ControlCard.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment), object_id__in=assignment_ids).select_related("responsible_unit", "policy")}
    rows, controls, manages = [], {}, {}  # each unit's roles asked once for the page
    for resolution in resolutions:
        entries = []
        for assignment in resolution.assignments.all():
            card = cards.get(assignment.pk)
            live = card is not None and card.state in ("open", "paused")
            roles = control_roles(user=user, card=card, controls=controls) if live else set()  # a part done offers nothing to do
            reports = list(assignment.reports.all())
            waiting = any(report.outcome == AssignmentReport.Outcome.PENDING for report in reports)
            entries.append({"assignment": assignment, "card": card, "closing": card and card_closing(card), "reports": reports,
                            "may_report": live and EXECUTOR in roles and not waiting, "may_decide": live and CONTROLLER in roles,
                            "may_hand_on": live and user_may_hand_on(user=user, assignment=assignment, manages=manages)})
        rows.append({"resolution": resolution, "assignments": entries})
    attachments_attach(report for row in rows for entry in row["assignments"] for report in entry["reports"])
    return rows


def document_timeline(*, document, execution, draft=None):
    """Everything that happened to the document, newest first: registration and state changes, resolutions,
    reports and the controller's decisions, and, for a letter signed through the chain, every version's visas
    and signature."""
    from django.utils.translation import gettext as _

    from core.history import history_reason_message, history_reason_text
    from documents.models import ApprovalStep
    from documents.services.execution import RESOLUTION_REASON

    events = [(h.history_date, h.history_user, history_reason_text(h.history_change_reason) or h.get_state_display())
              for h in document.history.select_related("history_user")
              if history_reason_message(h.history_change_reason) != RESOLUTION_REASON]  # listed from the resolutions below
    for row in execution:
        resolution = row["resolution"]
        events.append((resolution.created_at, resolution.author, _("Resolution: %(text)s") % {"text": resolution.text}))
        for entry in row["assignments"]:
            for report in entry["reports"]:
                events.append((report.created_at, report.author, _("Report (%(unit)s): %(text)s") % {
                    "unit": entry["assignment"].unit.display_name, "text": report.text}))
                if report.decided_at:
                    events.append((report.decided_at, report.decided_by, f"{report.get_outcome_display()}"
                                   + (f": {report.comment}" if report.comment else "")))
    if draft is not None:
        steps = ApprovalStep.objects.filter(route__object_id=draft.pk, route__content_type__model="outgoingdraft",
                                            decided_at__isnull=False).select_related("decided_by", "route")
        for step in steps:
            events.append((step.decided_at, step.decided_by, _("Version %(version)d: %(kind)s %(state)s") % {
                "version": step.route.version, "kind": step.get_kind_display(), "state": step.get_state_display()}
                + (f" — {step.comment}" if step.comment else "")))
    return sorted(events, key=lambda event: event[0], reverse=True)


def document_detail(*, user, pk):
    from documents.selectors.approval import draft_origin

    document = access_document(user=user, pk=pk)
    execution = document_execution(user=user, document=document)
    mark_openable([entry["card"] for row in execution for entry in row["assignments"]], ControlCard.objects.visible_to(user))
    mark_openable([document.in_reply_to], Document.objects.visible_to(user))
    draft = OutgoingDraft.objects.filter(document=document).first()  # a letter signed through the chain
    return {
        "document": document, "execution": execution, "draft": draft,
        "timeline": document_timeline(document=document, execution=execution, draft=draft),
        "origin": draft_origin(user=user, draft_id=draft.pk) if draft else None,
        "attachments": list(attachments_of(document)),
        "replies": list(Document.objects.visible_to(user).filter(in_reply_to=document).only("id", "number", "subject")),
    }


def _may_see_document(user, document_id):
    return Document.objects.visible_to(user).filter(pk=document_id).exists()


attachment_access_register(Document, lambda user, item: _may_see_document(user, item.pk))
attachment_access_register(AssignmentReport, lambda user, item: _may_see_document(user, item.assignment.document_id))


def _register_card_items():
    """What a card of the registry's and the plans' items points to (documents.services.control.control_item)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from documents.models import Assignment, WorkPlanItem
    from documents.services.control import control_item_register
    from units.models import Clause, Unit

    control_item_register(
        Assignment, owned={"report", "close", "cancel"},  # the report and its acceptance mark the document executed
        place=lambda a: (_("Document %(number)s") % {"number": a.document.number},
                         reverse("documents:document", args=[a.document_id]) + f"#assignment-{a.pk}"),
        visible=lambda user: Assignment.objects.filter(document__in=Document.objects.visible_to(user)))
    control_item_register(
        WorkPlanItem, place=lambda item: (_("Work plan: %(plan)s") % {"plan": item.plan}, reverse("documents:plan", args=[item.plan_id])),
        visible=lambda user: WorkPlanItem.objects.filter(plan__unit__in=Unit.objects.visible_to(user)))
    def clause_place(clause):
        page = reverse("units:detail", args=[clause.unit.slug]) if clause.unit else reverse("units:tree")
        return _("Regulation, clause %(number)s") % {"number": clause.number}, f"{page}#clause-{clause.pk}"

    control_item_register(Clause, place=clause_place, visible=lambda user: Clause.objects.all())  # the regulations are public


_register_card_items()
