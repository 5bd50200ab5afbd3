"""Reception of citizens: the public schedule, booking and the private booking page; the registry's schedule
with its bookings, and recording an oral appeal."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from appeals.forms import BookingForm, RecordForm, SessionForm
from appeals.models import ReceptionBooking, ReceptionSession
from appeals.reception import (
    booking_for_token,
    booking_url,
    reception_book,
    reception_cancel,
    reception_record,
    reception_schedule,
    reception_session_create,
    reception_session_for_booking,
)
from appeals.selectors import public_organisation
from appeals.services import is_registry
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.idempotency import idempotency_key_clean
from core.ratelimit import rate_limit


def schedule(request):
    sessions = list(reception_schedule(organisation=public_organisation()))
    for session in sessions:
        session.free = max(session.capacity - session.taken, 0)
    return render(request, "appeals/reception_schedule.html", {"sessions": sessions})


@require_http_methods(["GET", "POST"])
@rate_limit("appeal_submit", methods=("POST",))
def book(request, pk):
    session = reception_session_for_booking(pk=pk)
    form = BookingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_robot():
            form.add_error(None, _("The form could not be accepted. Please try again."))
        elif form.is_valid():
            try:
                booking, _created = reception_book(session=session, data=form.service_data(),
                                                   idempotency_key=idempotency_key_clean(form.cleaned_data["submission_key"]))
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                return redirect(f"{booking_url(booking)}?new=1")
    return render(request, "appeals/reception_book.html", {"session": session, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@rate_limit("appeal_track")
def booking_page(request, token):
    booking = booking_for_token(token=token)
    if request.method == "POST":
        try:
            reception_cancel(booking=booking)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your booking is cancelled. Thank you for freeing the place."))
        return redirect(booking_url(booking))
    may_cancel = booking.state == ReceptionBooking.State.BOOKED and booking.session.starts_at > timezone.now()
    return render(request, "appeals/reception_booking.html", {"booking": booking, "new": request.GET.get("new") == "1",
                                                              "may_cancel": may_cancel})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request):
    organisation = public_organisation()
    manager = is_registry(user=request.user, organisation=organisation)
    if not (manager or request.user.memberships.exists()):  # staff see their own hours; the registry, everyone's
        raise Http404
    form = SessionForm(request.POST or None, organisation=organisation,
                       initial={"official": request.user.pk if not manager else None})
    if request.method == "POST" and form.is_valid():
        try:
            reception_session_create(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The reception is published."))
            return redirect("appeals:reception-manage")
    sessions = (ReceptionSession.objects.filter(organisation=organisation, starts_at__gte=timezone.now() - timedelta(days=31))
                .select_related("official", "official_position__unit").prefetch_related(Prefetch("bookings", queryset=ReceptionBooking.objects.select_related("case")))
                .order_by("starts_at"))
    if not manager:
        sessions = sessions.filter(official=request.user)
    return render(request, "appeals/reception_manage.html", {"sessions": sessions, "form": form, "manager": manager},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def record(request, pk):
    booking = (ReceptionBooking.objects.select_related("session__organisation", "session__official", "session__official_position__unit")
               .filter(pk=pk).first())
    if booking is None or not is_registry(user=request.user, organisation=booking.session.organisation):
        raise Http404
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = reception_record(actor=request.user, booking=booking, text=form.cleaned_data["text"],
                                    kind=form.cleaned_data["kind"])
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": case.number})
            return redirect("appeals:staff-case", pk=case.pk)
    return render(request, "appeals/reception_record.html", {"booking": booking, "form": form},
                  status=400 if form.is_bound else 200)
