"""Pages: the citizen's forms and tracking page (no account), and the staff's case list and case page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_filters.conf import settings as filter_settings

from appeals.answer_templates import answer_template_text, answer_templates_for
from appeals.filters import CaseFilter
from appeals.forms import (
    AnswerTextForm,
    AppealForm,
    AssignForm,
    ClarificationForm,
    ContestForm,
    ExtendForm,
    ExtraStudyForm,
    ForwardForm,
    InformationRequestForm,
    PublishForm,
    RegisterForm,
    ReplyForm,
    RouteForm,
)
from appeals.models import Case, CaseType, Outcome, PublishedAnswer
from appeals.publication import answer_publish, published_answer, published_answers
from appeals.querysets import case_units
from appeals.repeats import repeat_summary
from appeals.selectors import (
    access_case,
    answer_files,
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
    case_contest,
    case_extend,
    case_extra_study,
    case_reply,
    case_route,
    case_submit,
    is_registry,
)
from core.charts import bar_rows
from core.exceptions import ApplicationError
from core.forms import asked_query, form_add_application_error
from core.idempotency import idempotency_key_clean
from core.paging import keyset_page
from core.ratelimit import rate_limit
from core.selectors import mark_openable
from documents.models import ControlCard, OutgoingDraft
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


class TrackLookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Your tracking link or code"), max_length=300,
                           help_text=gettext_lazy("It is in the e-mail and on the page you saw when you submitted."))

    def clean_code(self):
        # a pasted link works as well as the code alone
        code = self.cleaned_data["code"].strip().rstrip("/").rsplit("/", 1)[-1]
        try:
            case_for_token(token=code)  # the tracking page's own rule: a malformed or unknown code is "not found"
        except Http404:
            raise forms.ValidationError(_("We found no case with this code. Check the link in your e-mail; "
                                          "the registry can also tell you the status by your case number.")) from None
        return code


@rate_limit("appeal_track")
def track_lookup(request):
    """"Track my case" from the home page: the citizen pastes the link or code they were given."""
    form = TrackLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("appeals:track", token=form.cleaned_data["code"])
    return render(request, "appeals/track_lookup.html", {"form": form}, status=400 if form.is_bound else 200)


def _track_path(case):
    from django.urls import reverse

    return reverse("appeals:track", args=[case.tracking_token])


@require_http_methods(["GET", "POST"])
@rate_limit("appeal_track")
def track(request, token):
    case = case_for_token(token=token)
    post = request.POST if request.method == "POST" else None
    reply_form = ReplyForm(post) if case.state == Case.State.WAITING_CITIZEN else None
    contest_form = ContestForm(post) if case.state == Case.State.ANSWERED else None
    status = 200
    if request.method == "POST":
        form, act, done = ((reply_form, case_reply, _("Thank you: your reply is with the executor, and the clock runs again."))
                           if reply_form else (contest_form, case_contest, _("Your objection is registered: the case is reopened.")))
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                act(case=case, text=form.cleaned_data["text"])
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, done)
                return redirect(_track_path(case))
        status = 400
    timeline = case_public_timeline(case=case)
    # the question being answered stands above the reply box, not only in the history further down
    question = next((event for event in reversed(timeline) if event.get("direction") == "to_citizen"), None) if reply_form else None
    return render(request, "appeals/track.html", {
        "case": case, "new": request.GET.get("new") == "1", "due": case_due(case), "timeline": timeline,
        "reply_form": reply_form, "question": question, "contest_form": contest_form, "answer_files": answer_files(case) if case.is_closed else [],
        "has_letter": case.answer_draft_id is not None and case.is_closed,
    }, status=status)


@rate_limit("appeal_track")
def track_file(request, token, pk):
    """A file the staff sent with the answer, once the case is closed (the citizen's own uploads are theirs)."""
    from documents.services.attachments import attachment_response

    case = case_for_token(token=token)
    attachment = answer_files(case).filter(pk=pk).first() if case.is_closed else None
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


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
    cases = Case.objects.visible_to(request.user).select_related("unit", "executor")
    filters = CaseFilter(asked_query(request, CaseFilter.base_filters), queryset=cases)
    # the API takes a unit's slug; a person picks from the units whose cases they may see, by name
    units = case_units(request.user).filter(is_active=True)
    filters.form.fields["unit"] = forms.ChoiceField(
        label=_("Unit"), required=False, help_text=_("The unit and the units below it."),
        choices=[("", filter_settings.EMPTY_CHOICE_LABEL), *((unit.slug, unit.display_name) for unit in units.order_by("path"))])
    valid = not filters.is_bound or filters.is_valid()
    rows, older = keyset_page(filters.qs if valid else cases.none(), request.GET.get("before"), field="received_at")
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "appeals/staff_list.html", {
        "cases": rows, "older": older, "filters": filters, "page_query": query.urlencode(),
        "may_register": is_registry(user=request.user, organisation=public_organisation()),
    }, status=400 if filters.is_bound and filters.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def staff_register(request):
    """The clerk registers a case that came by post, e-mail, phone or at a reception."""
    organisation = public_organisation()
    if not is_registry(user=request.user, organisation=organisation):
        raise Http404
    form = RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case, _created = case_submit(organisation=organisation, case_type=form.cleaned_data["case_type"],
                                         data=form.service_data(), attachments=form.cleaned_data["attachments"],
                                         channel=form.cleaned_data["channel"], received_at=form.cleaned_data["received_at"],
                                         actor=request.user)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": case.number})
            return redirect("appeals:staff-case", pk=case.pk)
    return render(request, "appeals/register.html", {"form": form}, status=400 if form.is_bound else 200)


def _staff_forms(request, case, allowed, action):
    """The action forms `allowed` on the case; the posted one bound; the letter's form started from the template
    asked for (?template=<outcome>)."""
    def data(name):
        return request.POST if action == name else None

    def files(name):
        return request.FILES if action == name else None

    template = request.GET.get("template", "")
    answer_initial = {"text": case.answer_text}
    if template in Outcome.values and template != Outcome.FORWARDED:
        answer_initial = {"text": answer_template_text(case, template), "outcome": template}
    forward_initial = {"text": answer_template_text(case, Outcome.FORWARDED)} if template == Outcome.FORWARDED else {}

    def ids(name):  # several forms on one page: each field's id names its form
        return f"id_{name}_%s"

    preselected = case.unit or case.suggested_unit
    builders = {
        "route": lambda: RouteForm(data("route"), auto_id=ids("route"), organisation=case.organisation,
                                   initial={"unit": preselected.slug if preselected else None}),
        "assign": lambda: AssignForm(data("assign"), auto_id=ids("assign"), unit=case.unit),
        "clarify": lambda: ClarificationForm(data("clarify"), auto_id=ids("clarify")),
        "answer": lambda: AnswerTextForm(data("answer"), files("answer"), auto_id=ids("answer"), case_type=case.case_type,
                                         initial=answer_initial),
        "forward": lambda: ForwardForm(data("forward"), files("forward"), auto_id=ids("forward"), initial=forward_initial),
        "extra_study": lambda: ExtraStudyForm(data("extra_study"), auto_id=ids("extra_study")),
        "extend": lambda: ExtendForm(data("extend"), auto_id=ids("extend")),
        "publish": lambda: PublishForm(data("publish"), auto_id=ids("publish"),
                                       initial={"subject": case.subject, "question": case.text, "answer": case.answer_text}),
    }
    return {f"{name}_form": build() for name, build in builders.items() if name in allowed}


def _staff_act(user, case, action, data):
    if action == "route":
        case_route(actor=user, case=case, unit=data["unit"])
    elif action == "assign":
        case_assign(actor=user, case=case, executor=data["executor"])
    elif action == "clarify":
        case_ask_clarification(actor=user, case=case, question=data["question"])
    elif action == "answer":
        case_answer(actor=user, case=case, text=data["text"], outcome=data["outcome"], ground=data["ground"],
                    attachments=data["attachments"])
    elif action == "forward":
        case_answer(actor=user, case=case, text=data["text"], outcome=Outcome.FORWARDED, body=data["body"],
                    attachments=data["attachments"])
    elif action == "publish":
        answer_publish(actor=user, case=case, **data)
    elif action == "extra_study":
        case_extra_study(actor=user, case=case, reason=data["reason"])
    else:
        case_extend(actor=user, case=case, days=data["days"], reason=data["reason"])


@login_required
@require_http_methods(["GET", "POST"])
def staff_case(request, pk):
    case = access_case(user=request.user, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _staff_forms(request, case, case_actions(user=request.user, case=case), action)
    status = 200
    if action:
        form = forms.get(f"{action}_form")
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                _staff_act(request.user, case, action, form.cleaned_data)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Done."))
                return redirect("appeals:staff-case", pk=case.pk)
        status = 400
    due = case_due(case)
    mark_openable([due and due["card"]], ControlCard.objects.visible_to(request.user))
    mark_openable([case.answer_draft], OutgoingDraft.objects.visible_to(request.user))
    return render(request, "appeals/staff_case.html", {
        "case": case, "due": due, "timeline": case_staff_timeline(case=case), "attachments": attachments_of(case),
        "published": PublishedAnswer.objects.filter(case=case).only("pk").first(), "repeats": repeat_summary(case, user=request.user),
        "answer_templates": answer_templates_for(case),
        "template": request.GET.get("template", ""), **forms}, status=status)


@login_required
def statistics_page(request):
    from appeals.statistics import (
        STAT_COLUMNS,
        case_statistics,
        parse_month,
        previous_month,
        statistics_headers,
        statistics_sheets,
    )
    from core.spreadsheets import xlsx_response

    if not request.user.memberships.exists() and not request.user.is_superuser:
        raise Http404
    month = parse_month(request.GET.get("month"), default=previous_month())
    stats = case_statistics(organisation=public_organisation(), month=month)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"appeals-statistics-{stats['month']}.xlsx", statistics_sheets(stats))
    totals = stats["totals"]
    outcome_rows = [{"label": header, "count": totals[column]}
                    for header, column in zip(statistics_headers(), STAT_COLUMNS, strict=True) if column != "median_working_days"]
    return render(request, "appeals/statistics.html", {
        "stats": stats, "month": month, "headers": statistics_headers(),
        "unit_rows": [[row["unit"], *[row[c] for c in STAT_COLUMNS]] for row in stats["by_unit"]],
        "total_row": [totals[c] for c in STAT_COLUMNS],
        "charts": [(_("Outcomes"), bar_rows(outcome_rows)), (_("By channel"), bar_rows(stats["by_channel"])),
                   (_("By kind"), bar_rows(stats["by_kind"])),
                   (_("Received by unit"), bar_rows(stats["by_unit"], label_key="unit", value_key="received"))],
    })


def published_list(request):
    rows, older = keyset_page(published_answers(), request.GET.get("before"), field="published_at")
    return render(request, "appeals/published_list.html", {"answers": rows, "older": older})


def published_detail(request, pk):
    return render(request, "appeals/published_detail.html", {"answer": published_answer(pk=pk)})
