"""Pages: the citizen's forms and tracking page (no account), and the staff's case list and case page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from appeals.forms import (
    AnswerTextForm,
    AppealForm,
    AssignForm,
    ClarificationForm,
    InformationRequestForm,
    ReplyForm,
    RouteForm,
)
from appeals.models import Case, CaseType
from appeals.selectors import (
    access_case,
    case_due,
    case_for_token,
    case_letter,
    case_public_timeline,
    case_staff_timeline,
    public_organisation,
)
from appeals.services import (
    case_actions,
    case_answer,
    case_ask_clarification,
    case_assign,
    case_reply,
    case_route,
    case_submit,
)
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.idempotency import idempotency_key_clean
from core.ratelimit import rate_limit
from documents.services.attachments import attachments_of

FORMS = {CaseType.APPEAL: AppealForm, CaseType.INFORMATION_REQUEST: InformationRequestForm}


@require_http_methods(["GET", "POST"])
@rate_limit("appeal_submit", methods=("POST",))
def submit(request, case_type=CaseType.APPEAL):
    form_class = FORMS[case_type]
    form = form_class(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_robot():
            form.add_error(None, _("The form could not be accepted. Please try again."))
        elif form.is_valid():
            try:
                case, _created = case_submit(
                    organisation=public_organisation(), case_type=case_type, data=form.service_data(),
                    attachments=form.cleaned_data["attachments"],
                    idempotency_key=idempotency_key_clean(form.cleaned_data["submission_key"]))
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                return redirect(f"{_track_path(case)}?new=1")
    template = "appeals/submit.html"
    return render(request, template, {"form": form, "case_type": case_type}, status=status)


def _track_path(case):
    from django.urls import reverse

    return reverse("appeals:track", args=[case.tracking_token])


@require_http_methods(["GET", "POST"])
@rate_limit("appeal_track")
def track(request, token):
    case = case_for_token(token=token)
    reply_form = ReplyForm(request.POST or None) if case.state == Case.State.WAITING_CITIZEN else None
    status = 200
    if request.method == "POST":
        if reply_form is None:
            raise Http404
        if reply_form.is_valid():
            try:
                case_reply(case=case, text=reply_form.cleaned_data["text"])
            except ApplicationError as error:
                form_add_application_error(reply_form, error)
            else:
                messages.success(request, _("Thank you: your reply is with the executor, and the clock runs again."))
                return redirect(_track_path(case))
        status = 400
    return render(request, "appeals/track.html", {
        "case": case, "new": request.GET.get("new") == "1", "due": case_due(case), "timeline": case_public_timeline(case=case),
        "reply_form": reply_form, "has_letter": case.answer_draft_id is not None and case.state == Case.State.ANSWERED,
    }, status=status)


@rate_limit("appeal_track")
def track_letter(request, token):
    from documents.services.letters import letter_pdf_response

    case = case_for_token(token=token)
    letter = case_letter(case=case)
    if letter is None:
        raise Http404
    return letter_pdf_response(letter, filename=f"answer-{case.number}")


@login_required
def staff_cases(request):
    state = request.GET.get("state") or ""
    cases = Case.objects.visible_to(request.user).select_related("unit", "executor")
    if state in Case.State.values:
        cases = cases.filter(state=state)
    return render(request, "appeals/staff_list.html", {"cases": cases[:200], "state": state, "states": Case.State.choices})


@login_required
def staff_case(request, pk):
    case = access_case(user=request.user, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    allowed = case_actions(user=request.user, case=case)
    forms = {}
    if "route" in allowed:
        preselected = case.unit or case.suggested_unit
        forms["route_form"] = RouteForm(request.POST if action == "route" else None, organisation=case.organisation,
                                        initial={"unit": preselected.slug if preselected else None})
    if "assign" in allowed:
        forms["assign_form"] = AssignForm(request.POST if action == "assign" else None, unit=case.unit)
    if "clarify" in allowed:
        forms["clarify_form"] = ClarificationForm(request.POST if action == "clarify" else None)
    if "answer" in allowed:
        forms["answer_form"] = AnswerTextForm(request.POST if action == "answer" else None, initial={"text": case.answer_text})
    status = 200
    if action:
        form = forms.get(f"{action}_form")
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                if action == "route":
                    case_route(actor=request.user, case=case, unit=form.cleaned_data["unit"])
                elif action == "assign":
                    case_assign(actor=request.user, case=case, executor=form.cleaned_data["executor"])
                elif action == "clarify":
                    case_ask_clarification(actor=request.user, case=case, question=form.cleaned_data["question"])
                else:
                    case_answer(actor=request.user, case=case, text=form.cleaned_data["text"])
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Done."))
                return redirect("appeals:staff-case", pk=case.pk)
        status = 400
    return render(request, "appeals/staff_case.html", {
        "case": case, "due": case_due(case), "timeline": case_staff_timeline(case=case), "attachments": attachments_of(case),
        **forms}, status=status)
