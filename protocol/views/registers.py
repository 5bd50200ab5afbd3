"""The partner registry and cards, the meetings with their minutes and follow-ups, the register of agreements (with
its XLSX) and an agreement's page with its obligations and working group."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.spreadsheets import xlsx_response
from documents.services.attachments import attachment_response, attachments_of
from documents.views.approval import approval_of
from protocol.forms import (
    AgreementForm,
    ApproverForm,
    CloseObligationForm,
    ControlledItemForm,
    MeetingForm,
    MinutesForm,
    PartnerForm,
    RenewForm,
    ScanForm,
    TerminateForm,
    WorkingGroupForm,
)
from protocol.models import Agreement, Partner
from protocol.querysets import protocol_scope
from protocol.selectors import (
    AGREEMENT_STATUSES,
    access_agreement,
    access_meeting,
    access_partner,
    agreement_list,
    agreement_status,
    follow_ups_of,
    meeting_list,
    obligations_of,
    partner_card,
    partner_list,
    working_group_of,
)
from protocol.services.agreements import (
    agreement_attach_scan,
    agreement_renew,
    agreement_save,
    agreement_terminate,
    obligation_add,
    obligation_close,
    obligation_errors,
    working_group_add,
)
from protocol.services.common import protocol_organisations, runs_protocol
from protocol.services.meetings import (
    follow_up_add,
    follow_up_errors,
    meeting_minutes_save,
    meeting_minutes_submit,
    meeting_save,
    minutes_approvers,
)
from protocol.services.partners import partner_save
from units.selectors import unit_staff


def _status_label(status):
    return {"in_force": _("in force"), "expiring": _("expires within 90 days"), "expired": _("expired"),
            "not_yet": _("not yet in force")}[status]


def _require_register(user):
    if protocol_scope(user) == []:
        raise Http404


# --- partners --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def partners(request):
    _require_register(request.user)
    form = PartnerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                partner = partner_save(actor=request.user, values=form.cleaned_data)
                messages.success(request, _("Added to the registry."))
                return redirect("protocol:partner", pk=partner.pk)
            except ApplicationError as error:
                form_add_application_error(form, error)
        status = 400
    query, kind = request.GET.get("q", "").strip()[:100], request.GET.get("kind", "")
    return render(request, "protocol/partners.html", {
        "partners": partner_list(user=request.user, query=query, kind=kind if kind in Partner.Kind.values else ""),
        "form": form, "query": query, "kind": kind, "kinds": Partner.Kind.choices}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def partner_detail(request, pk):
    partner = access_partner(user=request.user, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                partner_save(actor=request.user, values=form.cleaned_data, partner=partner)
                messages.success(request, _("Saved."))
                return redirect("protocol:partner", pk=partner.pk)
            except ApplicationError as error:
                form_add_application_error(form, error)
        status = 400
    return render(request, "protocol/partner.html", {
        "partner": partner, "form": form, **partner_card(user=request.user, partner=partner),
        "history": partner.history.select_related("history_user").order_by("-history_date")[:20]}, status=status)


# --- meetings --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request):
    organisations = list(protocol_organisations(user=request.user))
    form = None
    if organisations:
        form = MeetingForm(request.POST or None, organisations=organisations, staff=unit_staff(unit=organisations[0]))
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting, clashes = meeting_save(actor=request.user, organisation=data["organisation"],
                                                organising_unit=data["organising_unit"], officials=list(data["officials"]),
                                                values=data)
                _tell_clashes(request, clashes, _("The meeting is planned; it is on the participants' agendas."))
                return redirect("protocol:meeting", pk=meeting.pk)
            except ApplicationError as error:
                form_add_application_error(form, error)
        status = 400
    return render(request, "protocol/meetings.html", {
        "upcoming": meeting_list(user=request.user, upcoming=True),
        "past": meeting_list(user=request.user, upcoming=False)[:50], "form": form}, status=status)


def _tell_clashes(request, clashes, done):
    if clashes:
        messages.warning(request, _("Planned, but a participant is engaged elsewhere at that time: %(what)s") % {
            "what": "; ".join(f"{c.official.get_full_name() or c.official}: {_(c.title)}" for c in clashes[:3])})
    else:
        messages.success(request, done)


def _posted_form(request, forms, action, act):
    """Run a posted form's action: None when done (the caller redirects), 200 for a plain page, 400 with the form's
    errors (ours or the service's) kept for the user."""
    if request.method != "POST":
        return 200
    form = forms.get(action)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            act(form.cleaned_data)
            return None
        except ApplicationError as error:
            form_add_application_error(form, error)
    return 400


def _meeting_act(request, meeting, action, data):
    if action == "edit":
        _meeting, clashes = meeting_save(actor=request.user, organisation=meeting.organisation, meeting=meeting,
                                         organising_unit=data["organising_unit"], officials=list(data["officials"]), values=data)
        _tell_clashes(request, clashes, _("Saved."))
    elif action == "minutes":
        meeting_minutes_save(actor=request.user, meeting=meeting, minutes=data["minutes"])
        messages.success(request, _("The minutes are saved."))
    elif action == "submit":
        meeting_minutes_submit(actor=request.user, meeting=meeting, approver=data["approver"])
        messages.success(request, _("The minutes are sent to the head of department."))
    else:
        follow_up_add(actor=request.user, meeting=meeting, text=data["text"], responsible_unit=data["responsible_unit"],
                      due_on=data["due_on"])
        messages.success(request, _("The action is under control."))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request, pk):
    meeting = access_meeting(user=request.user, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "edit": MeetingForm(request.POST if action == "edit" else None, instance=meeting, organisations=[meeting.organisation],
                            staff=unit_staff(unit=meeting.organisation),
                            initial={"organisation": meeting.organisation_id, "organising_unit": meeting.organising_unit_id}),
        "minutes": MinutesForm(request.POST if action == "minutes" else None, initial={"minutes": meeting.minutes}),
        "submit": ApproverForm(request.POST if action == "submit" else None, approvers=minutes_approvers(meeting=meeting)),
        "follow_up": ControlledItemForm(request.POST if action == "follow_up" else None, organisation=meeting.organisation,
                                        rules=follow_up_errors),
    }
    status = _posted_form(request, forms, action, lambda data: _meeting_act(request, meeting, action, data))
    if status is None:
        return redirect("protocol:meeting", pk=meeting.pk)
    return render(request, "protocol/meeting.html", {
        "meeting": meeting, "forms": forms, "actions": follow_ups_of(meeting=meeting, user=request.user), "approval": approval_of(request, meeting),
        "now": timezone.now(), "history": meeting.history.select_related("history_user").order_by("-history_date")[:20]},
        status=status)


# --- agreements ------------------------------------------------------------------------------------------------


def _filters(request):
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    return {"kind": kind if kind in Agreement.Kind.values else "", "status": status if status in AGREEMENT_STATUSES else "",
            "query": request.GET.get("q", "").strip()[:100]}


@login_required
@require_http_methods(["GET", "POST"])
def agreements(request):
    organisations = list(protocol_organisations(user=request.user))
    form = AgreementForm(request.POST or None, request.FILES or None, organisations=organisations) if organisations else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                agreement = agreement_save(actor=request.user, organisation=data["organisation"],
                                           responsible_unit=data["responsible_unit"], partners=list(data["partners"]), values=data)
                if data.get("scan"):
                    agreement_attach_scan(actor=request.user, agreement=agreement, uploads=data["scan"])
                messages.success(request, _("Registered as %(number)s.") % {"number": agreement.number})
                return redirect("protocol:agreement", pk=agreement.pk)
            except ApplicationError as error:
                form_add_application_error(form, error)
        status = 400
    filters = _filters(request)
    items = agreement_list(user=request.user, **filters)
    if request.GET.get("format") == "xlsx":
        return _agreements_xlsx(items)
    for agreement in items:
        agreement.status_label = _status_label(agreement_status(agreement))
    return render(request, "protocol/agreements.html", {
        "agreements": items, "form": form, "filters": filters, "kinds": Agreement.Kind.choices,
        "statuses": [(s, _status_label(s)) for s in AGREEMENT_STATUSES], "query_string": request.GET.urlencode()}, status=status)


def _agreements_xlsx(items):
    header = [_("Number"), _("Type"), _("Title"), _("Parties"), _("Signed on"), _("Place of signing"), _("In force from"),
              _("Expires on"), _("Renewal"), _("Responsible unit"), _("Status"), _("Open obligations"), _("Late obligations")]
    rows = [[a.number, a.get_kind_display(), a.title, "; ".join(str(p) for p in a.partners.all()), a.signed_on, a.signed_place,
             a.in_force_on, a.expires_on, a.get_renewal_display(), a.responsible_unit.display_name, _status_label(agreement_status(a)),
             a.open_obligations, a.late_obligations] for a in items]
    return xlsx_response("agreements.xlsx", [(_("Agreements"), header, rows)])


@login_required
@require_http_methods(["GET", "POST"])
def agreement_detail(request, pk):
    agreement = access_agreement(user=request.user, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    staff = unit_staff(unit=agreement.organisation)
    forms = {
        "obligation": ControlledItemForm(request.POST if action == "obligation" else None, organisation=agreement.organisation,
                                         rules=partial(obligation_errors, agreement=agreement)),
        "close": CloseObligationForm(request.POST if action == "close" else None),
        "member": WorkingGroupForm(request.POST if action == "member" else None, staff=staff),
        "scan": ScanForm(request.POST if action == "scan" else None, request.FILES if action == "scan" else None),
        "renew": RenewForm(request.POST if action == "renew" else None),
        "terminate": TerminateForm(request.POST if action == "terminate" else None),
    }
    status = _posted_form(request, forms, action, lambda data: _agreement_act(request, agreement, action, data))
    if status is None:
        return redirect("protocol:agreement", pk=agreement.pk)
    return render(request, "protocol/agreement.html", {
        "agreement": agreement, "status_label": _status_label(agreement_status(agreement)), "forms": forms,
        "runs_protocol": runs_protocol(user=request.user, organisation_id=agreement.organisation_id),
        "obligations": obligations_of(agreement=agreement, user=request.user), "group": working_group_of(agreement=agreement),
        "scans": attachments_of(agreement), "today": timezone.localdate(),
        "history": agreement.history.select_related("history_user").order_by("-history_date")[:20]}, status=status)


def _agreement_act(request, agreement, action, data):
    if action == "obligation":
        obligation_add(actor=request.user, agreement=agreement, text=data["text"], responsible_unit=data["responsible_unit"],
                       due_on=data["due_on"])
        messages.success(request, _("The obligation is under control."))
    elif action == "close":
        obligation = agreement.obligations.filter(pk=data["obligation"]).first()
        if obligation is None:
            raise Http404
        obligation_close(actor=request.user, obligation=obligation, report=data["report"], cancelled=data["cancelled"])
        messages.success(request, _("Done."))
    elif action == "member":
        working_group_add(actor=request.user, agreement=agreement, user=data["user"], full_name=data["full_name"],
                          organisation_name=data["organisation_name"], is_chair=data["is_chair"])
        messages.success(request, _("Added to the working group."))
    elif action == "renew":
        agreement_renew(actor=request.user, agreement=agreement, months=data["months"])
        messages.success(request, _("Renewed until %(day)s.") % {"day": agreement.expires_on.strftime("%d.%m.%Y")})
    elif action == "terminate":
        agreement_terminate(actor=request.user, agreement=agreement, on=data["on"], reason=data["reason"])
        messages.success(request, _("The agreement is terminated; its open obligations are cancelled."))
    else:
        agreement_attach_scan(actor=request.user, agreement=agreement, uploads=data["scan"])
        messages.success(request, _("The signed text is attached."))


@login_required
@require_GET
def agreement_file(request, pk, attachment_pk):
    agreement = access_agreement(user=request.user, pk=pk)
    attachment = attachments_of(agreement).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)
