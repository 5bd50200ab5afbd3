"""The visits' pages: the calendar with the proposal form, one visit with its delegation, programme (clashes shown),
letters, moves and report; the programme as PDF and iCalendar; the delegation list as XLSX."""

from operator import attrgetter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.ical import CalendarEvent, ical_document
from core.selectors import mark_openable
from core.spreadsheets import xlsx_response
from documents.models import ControlCard, OutgoingDraft
from documents.services.control import control_explain
from documents.services.letters import html_pdf, pdf_response
from protocol.domain.visit_states import EDITABLE_STATES, LEADERSHIP_ACTIONS, actions_from
from protocol.forms import LetterForm, MemberForm, MoveForm, ProgrammeItemForm, ReportForm, VisitForm
from protocol.models import DelegationMember, Visit
from protocol.selectors import (
    access_visit,
    delegation_of,
    programme_days,
    programme_with_clashes,
    visit_calendar,
    visit_list,
)
from protocol.services.common import is_leadership, protocol_organisations, runs_protocol
from protocol.services.letters import visit_letter_create
from protocol.services.visits import (
    member_remove,
    member_save,
    programme_item_remove,
    programme_item_save,
    visit_move,
    visit_report_file,
    visit_save,
)
from units.selectors import unit_staff


def _month(request):
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        return timezone.datetime(year, month, 1).date()
    except (ValueError, TypeError):
        return timezone.localdate()


@login_required
@require_http_methods(["GET", "POST"])
def visits(request):
    organisations = protocol_organisations(user=request.user)
    form = VisitForm(request.POST or None, organisations=organisations) if organisations.exists() else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                visit = visit_save(actor=request.user, organisation=data["organisation"], organising_unit=data["organising_unit"],
                                   values={field: data[field] for field in VisitForm.Meta.fields})
                messages.success(request, _("The visit is proposed; the minister's office approves it."))
                return redirect("protocol:visit", pk=visit.pk)
            except ApplicationError as error:
                form_add_application_error(form, error)
        status = 400
    around = _month(request)
    state = request.GET.get("state", "")
    return render(request, "protocol/visits.html", {
        "calendar": visit_calendar(user=request.user, around=around), "form": form,
        "previous": (around.replace(day=1) - timezone.timedelta(days=1)).strftime("%Y-%m"),
        "next": (around.replace(day=28) + timezone.timedelta(days=10)).strftime("%Y-%m"),
        "states": Visit.State.choices, "state": state,
        "listed": visit_list(user=request.user, state=state) if state else None,
    }, status=status)


def _staff_of(visit):
    return unit_staff(unit=visit.organisation)


def _move_choices(user, visit):
    leadership = is_leadership(user=user, organisation_id=visit.organisation_id)
    labels = {"approve": _("Approve"), "confirm": _("Confirmed by the partner"), "start": _("Begin"),
              "complete": _("Completed"), "cancel": _("Cancel the visit")}
    return [(action, labels[action]) for action in actions_from(visit.state)
            if action in labels and (action not in LEADERSHIP_ACTIONS or leadership)]


@login_required
@require_http_methods(["GET", "POST"])
def visit_detail(request, pk):
    visit = access_visit(user=request.user, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    staff = _staff_of(visit)
    organisations = protocol_organisations(user=request.user)
    forms = {
        "edit": VisitForm(request.POST if action == "edit" else None, instance=visit,
                          organisations=organisations if organisations.exists() else [visit.organisation]),
        "member": MemberForm(request.POST if action == "member" else None, passport=visit.passport_visible),
        "item": ProgrammeItemForm(request.POST if action == "item" else None, staff=staff, visit=visit),
        "letter": LetterForm(request.POST if action == "letter" else None, initial={"language": translation.get_language()}),
        "report": ReportForm(request.POST if action == "report" else None),
    }
    clashes, status = [], 200
    if request.method == "POST":
        try:
            response = _act(request, visit, action, forms)
            if isinstance(response, list):
                clashes = response
            elif response is not None:
                return response
            else:
                status = 400
        except ApplicationError as error:
            if action in forms:
                form_add_application_error(forms[action], error)
            else:
                messages.error(request, error.message)
            status = 400
    card = visit.report_card
    mark_openable([card], ControlCard.objects.visible_to(request.user))
    letters = mark_openable(visit.letters.select_related("draft", "draft__document"), OutgoingDraft.objects.visible_to(request.user),
                            key=attrgetter("draft_id"))
    return render(request, "protocol/visit.html", {
        "visit": visit, "forms": forms, "members": delegation_of(visit=visit),
        "programme": programme_with_clashes(visit=visit), "new_clashes": clashes,
        "letters": letters, "moves": _move_choices(request.user, visit),
        "editable": visit.state in EDITABLE_STATES, "card": card, "explanation": control_explain(card=card) if card else None,
        "history": visit.history.select_related("history_user").order_by("-history_date")[:30],
        "runs_protocol": runs_protocol(user=request.user, organisation_id=visit.organisation_id),
    }, status=status)


def _posted_row(request, rows, name):
    """The row of `rows` whose id is posted as `name`; 404 for a missing, odd or foreign id."""
    raw = request.POST.get(name, "")
    row = rows.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if row is None:
        raise Http404
    return row


def _act(request, visit, action, forms):
    """Perform one posted action: a redirect when done, a list of clashes to show, or None when the form has errors."""
    back = redirect("protocol:visit", pk=visit.pk)
    if action == "edit":
        form = forms["edit"]
        if not form.is_valid():
            return None
        data = form.cleaned_data
        visit_save(actor=request.user, organisation=visit.organisation, organising_unit=data["organising_unit"],
                   values={field: data[field] for field in VisitForm.Meta.fields}, visit=visit)
        messages.success(request, _("Saved."))
        return back
    if action == "move":
        form = MoveForm(request.POST)
        if not form.is_valid():
            raise Http404
        visit_move(actor=request.user, visit=visit, action=form.cleaned_data["move"], reason=form.cleaned_data["reason"])
        messages.success(request, _("The visit is now %(state)s.") % {"state": Visit.objects.get(pk=visit.pk).get_state_display()})
        return back
    if action == "member":
        form = forms["member"]
        if not form.is_valid():
            return None
        member_save(actor=request.user, visit=visit, values=form.cleaned_data)
        messages.success(request, _("Added to the delegation."))
        return back
    if action == "member_remove":
        member_remove(actor=request.user, member=_posted_row(request, visit.members, "member"))
        messages.success(request, _("Removed from the delegation."))
        return back
    if action == "item":
        form = forms["item"]
        if not form.is_valid():
            return None
        data = form.cleaned_data
        _item, clashes = programme_item_save(actor=request.user, visit=visit, officials=list(data.pop("officials")), values=data)
        if clashes:
            messages.warning(request, _("Added, but an official is engaged elsewhere at that time: see the clashes below."))
            return clashes
        messages.success(request, _("Added to the programme."))
        return back
    if action == "item_remove":
        programme_item_remove(actor=request.user, item=_posted_row(request, visit.programme, "item"))
        messages.success(request, _("Removed from the programme."))
        return back
    if action == "letter":
        form = forms["letter"]
        if not form.is_valid():
            return None
        letter = visit_letter_create(actor=request.user, visit=visit, kind=form.cleaned_data["kind"],
                                     language=form.cleaned_data["language"])
        messages.success(request, _("The letter is drafted from its template; check it and send it for approval."))
        return redirect("documents:draft", pk=letter.draft_id)
    if action == "report":
        form = forms["report"]
        if not form.is_valid():
            return None
        visit_report_file(actor=request.user, visit=visit, report=form.cleaned_data["report"])
        messages.success(request, _("The report is filed."))
        return back
    raise Http404


@login_required
@require_GET
def programme_pdf(request, pk):
    visit = access_visit(user=request.user, pk=pk)
    language = request.GET.get("lang") or visit.language_codes[0]
    if language not in visit.language_codes:
        raise Http404
    with translation.override(language):
        html = render(request, "protocol/programme_pdf.html", {
            "visit": visit, "days": programme_days(programme_with_clashes(visit=visit)),
            "members": delegation_of(visit=visit), "language": language}).content.decode()
    return pdf_response(html_pdf(html), filename=f"programme-{visit.pk}-{language}", inline=False)


@login_required
@require_GET
def programme_ics(request, pk):
    visit = access_visit(user=request.user, pk=pk)
    base = settings.PORTAL_BASE_URL.rstrip("/")
    url = f"{base}{reverse('protocol:visit', args=[visit.pk])}"
    content = ical_document(name=visit.title, events=[
        CalendarEvent(uid=f"protocol-item-{item.pk}@ministry-portal", summary=item.activity, starts_at=item.starts_at,
                      ends_at=item.ends_at, stamp=item.updated_at, location=item.place, description=item.guests, url=url,
                      cancelled=visit.state == Visit.State.CANCELLED)
        for item in visit.programme.all()])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="visit-{visit.pk}.ics"'
    return response


@login_required
@require_GET
def delegation_xlsx(request, pk):
    visit = access_visit(user=request.user, pk=pk)
    fields = ["full_name", "position", "organisation_name", "role", "arrival_at", "arrival_flight", "departure_at",
              "departure_flight", "airport_service", "hotel", "dietary_needs", "access_needs"]
    if visit.passport_visible:
        fields += list(DelegationMember.PASSPORT_FIELDS)
    header = [DelegationMember._meta.get_field(name).verbose_name for name in fields]

    def value(member, name):
        raw = getattr(member, name)
        if name in ("role", "airport_service"):
            return getattr(member, f"get_{name}_display")()
        if hasattr(raw, "tzinfo") and raw is not None:
            return timezone.localtime(raw).replace(tzinfo=None)
        return raw

    rows = [[value(member, name) for name in fields] for member in delegation_of(visit=visit)]
    return xlsx_response(f"delegation-{visit.pk}.xlsx", [(_("Delegation"), header, rows)])
