"""Reception of citizens: publishing hours, booking up to the cap, cancelling through the private link, the
reminder the day before (once), and the oral appeal recorded as a case of channel "reception"."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from appeals.models import Case, ReceptionBooking
from appeals.reception import (
    reception_book,
    reception_cancel,
    reception_record,
    reception_remind,
    reception_session_create,
)
from core.exceptions import ApplicationError, PermissionDeniedError
from core.models import OutboundEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(ministry, staff):
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = timezone.make_aware(datetime.combine(tomorrow, time(10, 0)))
    return reception_session_create(actor=staff["clerk"], organisation=ministry, official=staff["minister"], starts_at=starts,
                                    ends_at=starts + timedelta(hours=2), place="Room 101", capacity=2)


def citizen(n, **extra):
    return {"name": f"Citizen {n}", "phone": f"+994 50 000 00 0{n}", "email": f"c{n}@example.az", "subject": "Pension", **extra}


def test_only_the_registry_or_the_official_publishes_hours(ministry, staff):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(PermissionDeniedError):
        reception_session_create(actor=staff["info_officer"], organisation=ministry, official=staff["minister"],
                                 starts_at=starts, ends_at=starts + timedelta(hours=1), place="Room", capacity=5)
    with pytest.raises(ApplicationError) as error:
        reception_session_create(actor=staff["clerk"], organisation=ministry, official=staff["minister"],
                                 starts_at=starts, ends_at=starts - timedelta(hours=1), place="Room", capacity=5)
    assert "ends_at" in error.value.fields


def test_the_hours_form_names_every_mistake_on_the_first_answer(client, ministry, staff):
    starts = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    client.force_login(staff["clerk"])
    response = client.post(reverse("appeals:reception-manage"), {
        "official": staff["minister"].pk, "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{starts - timedelta(hours=1):%Y-%m-%dT%H:%M}", "place": "", "capacity": 5})
    assert set(response.context["form"].errors) == {"place", "ends_at"}  # not the times only after the place is given


def test_bookings_stop_at_the_cap_and_a_cancellation_frees_the_place(session):
    first, _created = reception_book(session=session, data=citizen(1))
    reception_book(session=session, data=citizen(2))
    with pytest.raises(ApplicationError) as error:
        reception_book(session=session, data=citizen(3))
    assert error.value.code == "full"
    confirmation = OutboundEmail.objects.get(to=["c1@example.az"])
    when = f"{timezone.localtime(session.starts_at):%d.%m.%Y %H:%M}"
    assert confirmation.subject.endswith(when) and "Room 101" not in confirmation.subject  # a phone shows it whole
    assert "Room 101" in confirmation.body and when in confirmation.body
    reception_cancel(booking=first)
    third, _created = reception_book(session=session, data=citizen(3))
    assert third.state == "booked"
    with pytest.raises(ApplicationError) as error:
        reception_book(session=session, data=citizen(4, phone=third.phone))
    assert "phone" in error.value.fields


def test_the_reminder_goes_once_the_day_before(session):
    reception_book(session=session, data=citizen(1))
    reception_book(session=session, data=citizen(2, email=""))
    assert reception_remind(today=timezone.localdate() - timedelta(days=1)) == 0  # two days before: nothing yet
    assert reception_remind() == 1
    assert reception_remind() == 0
    to_citizen = OutboundEmail.objects.filter(to=["c1@example.az"]).order_by("id")
    assert to_citizen.count() == 2  # the confirmation, then one reminder
    reminder = to_citizen.last()
    assert "Room 101" in reminder.body and "/reception/booking/" in reminder.body


def test_the_citizen_books_and_cancels_on_the_pages(client, session):
    client.cookies["portal_language"] = "en"
    schedule = client.get(reverse("appeals:reception")).content.decode()
    assert "Room 101" in schedule and "2 places free" in schedule
    url = reverse("appeals:reception-book", args=[session.pk])
    bad = client.post(url, {**citizen(1, phone="call me"), "submission_key": "k1"})
    assert bad.status_code == 400 and "Citizen 1" in bad.content.decode() and "digits only" in bad.content.decode()
    good = client.post(url, {**citizen(1), "submission_key": "k2"})
    assert good.status_code == 302
    assert client.post(url, {**citizen(1), "submission_key": "k2"})["Location"] == good["Location"]  # double click
    booking = ReceptionBooking.objects.get()
    assert "1 place free" in client.get(reverse("appeals:reception")).content.decode()
    assert client.post(reverse("appeals:reception-booking", args=[booking.token])).status_code == 302
    booking.refresh_from_db()
    assert booking.state == "cancelled"
    assert client.get(reverse("appeals:reception-booking", args=["x" * 30])).status_code == 404


def test_the_public_api_books_and_cancels(session):
    api = APIClient()
    sessions = api.get("/api/v1/public/reception/sessions/").json()
    assert sessions[0]["free"] == 2 and sessions[0]["place"] == "Room 101"
    assert ", minister — " in api.get("/api/v1/public/reception/sessions/", HTTP_ACCEPT_LANGUAGE="en").json()[0]["official"]
    wrong = api.post(f"/api/v1/public/reception/sessions/{session.pk}/bookings/", {**citizen(1), "name": "", "phone": "tomorrow"},
                     format="json")
    assert wrong.status_code == 400 and {"name", "phone"} <= set(wrong.json()["fields"])
    booked = api.post(f"/api/v1/public/reception/sessions/{session.pk}/bookings/", citizen(1), format="json")
    assert booked.status_code == 201 and booked.json()["session"]["free"] == 1
    token = booked.json()["token"]
    assert api.get(f"/api/v1/public/reception/bookings/{token}/").json()["state"] == "booked"
    assert api.post(f"/api/v1/public/reception/bookings/{token}/cancel/").json()["state"] == "cancelled"
    assert api.post(f"/api/v1/public/reception/bookings/{token}/cancel/").status_code == 400


def test_the_clerk_records_the_oral_appeal_as_a_reception_case(client, session, staff):
    booking, _created = reception_book(session=session, data=citizen(1))
    with pytest.raises(PermissionDeniedError):
        reception_record(actor=staff["info_officer"], booking=booking, text="I was refused a pension.")
    client.force_login(staff["clerk"])
    url = reverse("appeals:reception-record", args=[booking.pk])
    assert client.post(url, {"kind": "complaint", "text": ""}).status_code == 400
    response = client.post(url, {"kind": "complaint", "text": "I was refused a pension without reasons."})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "reception" and case.name == "Citizen 1" and case.registered_by == staff["clerk"]
    booking.refresh_from_db()
    assert booking.state == "attended" and booking.case == case
    manage = client.get(reverse("appeals:reception-manage")).content.decode()
    assert case.number in manage
    client.force_login(staff["icd_head"])
    assert client.get(url).status_code == 404


def test_hours_repeat_on_the_same_day_of_each_month(ministry, staff):
    from datetime import date

    from appeals.models import ReceptionSession
    from documents.services.calendar import calendar_for

    second_thursday = date(2027, 2, 11)
    starts = timezone.make_aware(datetime.combine(second_thursday, time(15, 0)))
    reception_session_create(actor=staff["clerk"], organisation=ministry, official=staff["pr_head"], starts_at=starts,
                             ends_at=starts + timedelta(hours=2), place="Room 5", capacity=8, repeat_months=3)
    sessions = list(ReceptionSession.objects.filter(official=staff["pr_head"]).order_by("starts_at"))
    days = [timezone.localtime(s.starts_at).date() for s in sessions]
    assert len(days) == 4 and days[0] == second_thursday
    calendar = calendar_for("AZ", around=second_thursday)
    for day in days[1:]:
        assert calendar.is_working_day(day) and 8 <= day.day <= 20  # the second Thursday, or the working day after it
    assert all(timezone.localtime(s.starts_at).hour == 15 and (s.ends_at - s.starts_at) == timedelta(hours=2) for s in sessions)
