"""The registry's pages: the list with filters and export, registering a document, the document page, and
attachment downloads (served only to those who may see the item)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import asked_query, form_add_application_error
from core.paging import keyset_page
from core.spreadsheets import xlsx_response
from documents.forms import DocumentFilterForm, DocumentRegisterForm
from documents.models import Attachment, CaseFile
from documents.selectors import (
    access_assignment,
    access_document,
    access_report,
    document_detail,
    document_list,
)
from documents.services.attachments import attachment_may_download, attachment_response
from documents.services.registry import document_register
from units.models import Unit
from units.selectors import units_user_may_register_for

__all__ = ["assignment_report_page", "attachment_download", "document_page", "document_register_page", "registry",
           "report_decision_page", "resolution_page", "assignment_hand_on_page"]


def _registerable_units(user):
    return units_user_may_register_for(user=user).order_by("path")


def _without(query, name):
    query = query.copy()
    query.pop(name, None)
    query.pop("format", None)
    query.pop("page", None)
    return query.urlencode()


@login_required
def registry(request):
    # the units whose documents the user sees: their own scope, and for the registry the whole organisation
    visible_units = Unit.objects.filter(Q(pk__in=Unit.objects.visible_to(request.user).values("pk"))
                                        | Q(pk__in=units_user_may_register_for(user=request.user).values("pk"))).order_by("path")
    form = DocumentFilterForm(asked_query(request, DocumentFilterForm.base_fields), units=visible_units,
                              case_files=CaseFile.objects.filter(unit__in=visible_units).order_by("-year", "index"))
    documents = document_list(user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["direction"]:
            documents = documents.filter(direction=data["direction"])
        documents = documents.registered_between(data["registered_from"], data["registered_to"])
        if data["state"]:
            documents = documents.filter(state=data["state"])
        if data["unit"]:
            documents = documents.filter(unit__path__startswith=data["unit"].path)
        if data["case_file"]:
            documents = documents.filter(case_file=data["case_file"])
        if data["text"]:
            documents = documents.matching(data["text"])
    if request.GET.get("format") == "xlsx":
        return xlsx_response("registry.xlsx", [(_("Registry"), [
            _("Number"), _("Registered"), _("Direction"), _("Correspondent"), _("Their number"), _("Subject"), _("Unit"),
            _("State")], [[d.number, timezone.localtime(d.registered_at).replace(tzinfo=None), d.get_direction_display(),
                           d.correspondent, d.correspondent_number, d.subject, d.unit.display_name, d.get_state_display()]
                          for d in documents[:10000]])])
    rows, older = keyset_page(documents, request.GET.get("before"), field="registered_at")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "documents/registry.html", {
        "form": form, "documents": rows, "older": older, "newest": "before" in request.GET,
        "may_register": request.user.is_superuser or _registerable_units(request.user).exists(),
        "query": request.GET.urlencode(), "page_query": _without(request.GET, "before"),
    }, status=status)


@login_required
def document_register_page(request):
    units = _registerable_units(request.user)
    if not units.exists():
        raise Http404
    organisation_ids = {u.organisation_id for u in units}
    case_files = CaseFile.objects.filter(organisation_id__in=organisation_ids, year=timezone.localdate().year,
                                         closed_at__isnull=True).order_by("index")
    form = DocumentRegisterForm(request.POST or None, request.FILES or None, units=units, case_files=case_files,
                                initial={"idempotency_key": secrets.token_urlsafe(16)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document, created = document_register(
                actor=request.user, unit=data["unit"], direction=data["direction"], subject=data["subject"],
                correspondent=data["correspondent"], correspondent_number=data["correspondent_number"],
                correspondent_date=data["correspondent_date"], summary=data["summary"], access_level=data["access_level"],
                pages=data["pages"], case_file=data["case_file"], attachments=data["attachments"],
                idempotency_key=data["idempotency_key"] or None,
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            if created:
                messages.success(request, _("Registered as %(number)s.") % {"number": document.number})
            return redirect("documents:document", pk=document.pk)
    status = 400 if form.is_bound else 200
    return render(request, "documents/register.html", {"form": form}, status=status)


@login_required
def document_page(request, pk):
    return _document_page(request, pk)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if not attachment_may_download(user=request.user, attachment=attachment):
        raise Http404  # the same answer as for a missing file: nothing to enumerate
    return attachment_response(attachment)


def _resolution_form(document, data=None, **kwargs):
    """The resolution form with the document's unit and the units and people below it to choose from."""
    from core.models import User
    from documents.forms import ResolutionForm

    units = Unit.objects.filter(path__startswith=document.unit.path).order_by("path")
    people = User.objects.filter(memberships__position__unit__path__startswith=document.unit.path, is_active=True).distinct()
    return ResolutionForm(data, units=units, people=people, **kwargs)


def _execution_forms(request, document, **bound):
    """The forms the document page offers this user: a resolution for a head of the document's unit."""
    from units.selectors import user_manages_unit

    forms = {}
    if user_manages_unit(user=request.user, unit=document.unit):
        forms["resolution_form"] = _resolution_form(document, initial={"policy": "document.default"})
    forms.update(bound)
    return forms


# A page shows a hand-on and a report form for each of the reader's assignments and a decision form for each report:
# each form has its own ids, so a label names its own field; `posted` is the one sent back with its errors.
def _hand_on_form(assignment, *args, choices_memo=None):
    from documents.forms import HandOnForm

    return HandOnForm(*args, assignment=assignment, choices_memo=choices_memo, auto_id=f"id_hand_on_{assignment.pk}_%s")


def _report_form(assignment_pk, *args):
    from documents.forms import ExecutionReportForm

    return ExecutionReportForm(*args, auto_id=f"id_report_{assignment_pk}_%s")


def _decision_form(report_pk, *args):
    from documents.forms import ReportDecisionForm

    return ReportDecisionForm(*args, auto_id=f"id_decision_{report_pk}_%s")


def _document_page(request, document_pk, status=200, posted=None, **bound):
    posted = posted or {}
    detail = document_detail(user=request.user, pk=document_pk)
    hand_on_choices = {}
    for row in detail["execution"]:
        for entry in row["assignments"]:
            assignment = entry["assignment"]
            if entry["may_hand_on"]:
                entry["hand_on_form"] = posted.get(("hand_on", assignment.pk)) or _hand_on_form(assignment, choices_memo=hand_on_choices)
            if entry["may_report"]:
                entry["report_form"] = posted.get(("report", assignment.pk)) or _report_form(assignment.pk)
            if entry["may_decide"]:
                for report in entry["reports"]:
                    report.decision_form = posted.get(("decision", report.pk)) or _decision_form(report.pk)
                    report.decision_open = str(report.pk) == request.GET.get("decide")  # come from "reports waiting for me"
    return render(request, "documents/document.html", {**detail, **_execution_forms(request, detail["document"], **bound)},
                  status=status)


@login_required
@require_POST
def resolution_page(request, pk):
    from documents.services.execution import resolution_write

    document = access_document(user=request.user, pk=pk)
    form = _resolution_form(document, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            resolution_write(actor=request.user, document=document, text=data["text"], executors=form.executors(),
                             policy_code=data["policy"].code if data["policy"] else "document.default", due_date=data["due_date"])
        except ApplicationError as error:
            error.fields = {form.field_for_service_error(name): messages for name, messages in error.fields.items()}
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The resolution is written; each executor's part is under control."))
            return redirect("documents:document", pk=document.pk)
    return _document_page(request, document.pk, status=400, resolution_form=form)


@login_required
@require_POST
def assignment_report_page(request, pk):
    from documents.services.execution import assignment_report

    assignment = access_assignment(user=request.user, pk=pk)
    form = _report_form(assignment.pk, request.POST, request.FILES)
    if form.is_valid():
        try:
            assignment_report(actor=request.user, assignment=assignment, text=form.cleaned_data["text"],
                              attachments=form.cleaned_data["attachments"])
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Your report is on the card; the head of the unit closes it."))
            return redirect("documents:document", pk=assignment.document_id)
    return _document_page(request, assignment.document_id, status=400, posted={("report", assignment.pk): form})


@login_required
@require_POST
def assignment_hand_on_page(request, pk):
    from documents.services.execution import assignment_hand_on

    assignment = access_assignment(user=request.user, pk=pk)
    form = _hand_on_form(assignment, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assignment_hand_on(actor=request.user, parent=assignment, unit=data["unit"], user=data["executor"],
                               due_date=data["due_date"])
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The work is handed on; the new part is under control."))
            return redirect("documents:document", pk=assignment.document_id)
    return _document_page(request, assignment.document_id, status=400, posted={("hand_on", assignment.pk): form})


@login_required
@require_POST
def report_decision_page(request, pk, decision):
    from documents.services.execution import report_accept, report_return

    report = access_report(user=request.user, pk=pk)
    form = _decision_form(report.pk, request.POST)
    if form.is_valid():
        try:
            if decision == "accept":
                report_accept(actor=request.user, report=report, comment=form.cleaned_data["comment"])
                messages.success(request, _("The report is accepted; the assignment is removed from control."))
            elif decision == "return":
                report_return(actor=request.user, report=report, comment=form.cleaned_data["comment"])
                messages.success(request, _("The report is returned to the executor."))
            else:
                raise Http404
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("documents:document", pk=report.assignment.document_id)
    return _document_page(request, report.assignment.document_id, status=400, posted={("decision", report.pk): form})


@login_required
def document_letter_pdf(request, pk):
    """An outgoing document's letter (from the draft it was signed from), for whoever may see the document."""
    from documents.models import OutgoingDraft
    from documents.selectors import draft_letter_response

    document = access_document(user=request.user, pk=pk)
    draft = OutgoingDraft.objects.filter(document=document).select_related("unit", "document", "in_reply_to").first()
    if draft is None:
        raise Http404
    return draft_letter_response(draft=draft)


__all__ += ["document_letter_pdf"]
