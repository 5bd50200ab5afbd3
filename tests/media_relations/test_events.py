"""Press events: the public calendar and its iCalendar feed in Baku time, places, confirmation, the speakers' agendas,
invitations and the reminder the day before."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.exceptions import ApplicationError
from core.models import OutboundEmail
from media_relations.models import PressEvent
from media_relations.services.events import (
    event_register,
    press_event_cancel,
    press_event_invite,
    press_events_remind,
    registration_decide,
)
from units.models import AgendaEntry

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")


def test_the_event_form_names_every_mistake_on_the_first_answer(client, staff, ministry, press_office):
    starts = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    client.force_login(staff["pr_officer"])
    response = client.post("/press/office/events/", {
        "organisation": ministry.pk, "kind": "briefing", "title": "", "starts_at": f"{starts:%Y-%m-%dT%H:%M}",
        "ends_at": f"{starts - timedelta(hours=1):%Y-%m-%dT%H:%M}", "place": "Hall", "capacity": 20})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "ends_at"}
    # the API names them with its fields' own errors in one answer too
    answer = client.post("/api/v1/media/events/", {
        "organisation": ministry.pk, "kind": "briefing", "title": "", "starts_at": starts.isoformat(),
        "ends_at": (starts - timedelta(hours=1)).isoformat(), "place": "Hall", "capacity": -1}, content_type="application/json")
    assert answer.status_code == 400 and set(answer.json()["fields"]) == {"title", "capacity", "ends_at"}


def test_the_ics_feed_parses_back_with_baku_times(client, briefing):
    response = client.get(reverse("media_relations:events-ics"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Baku"]
    [event] = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(start.tzinfo) == "Asia/Baku"
    assert start == briefing.starts_at and end == briefing.ends_at
    assert start.hour == briefing.starts_at.astimezone(BAKU).hour
    assert "Briefing on pensions" in str(event["SUMMARY"]) and str(event["LOCATION"]) == "Press hall"
    assert str(event["URL"]).endswith(reverse("media_relations:event", args=[briefing.pk]))


def test_a_cancelled_event_stays_in_the_feed_as_cancelled_and_leaves_the_agendas(client, briefing, staff):
    assert AgendaEntry.objects.filter(official__in=[staff["minister"], staff["pr_head"]]).count() == 2
    press_event_cancel(event=briefing, actor=staff["pr_officer"])
    assert not AgendaEntry.objects.exists()
    [event] = Calendar.from_ical(client.get(reverse("media_relations:events-ics")).content).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert client.get(reverse("media_relations:event", args=[briefing.pk])).status_code == 404


def test_places_run_out_and_the_office_confirms(briefing, accredited, make_journalist, staff, ministry):
    from media_relations.services.accreditation import accreditation_apply, accreditation_decide
    from tests.media_relations.conftest import press_card

    journalists = [accredited.journalist]
    for n in range(2):
        other = make_journalist(f"reporter{n}", f"Reporter {n}")
        item = accreditation_apply(journalist=other, organisation=ministry, kind="permanent", valid_from=timezone.localdate(),
                                   documents=[press_card()], actor=other.user)
        accreditation_decide(accreditation=item, actor=staff["pr_head"], approve=True)
        journalists.append(other)
    first = event_register(event=briefing, journalist=journalists[0], actor=journalists[0].user)
    event_register(event=briefing, journalist=journalists[1], actor=journalists[1].user)
    with pytest.raises(ApplicationError, match="No places"):
        event_register(event=briefing, journalist=journalists[2], actor=journalists[2].user)
    # registering twice is one registration
    assert event_register(event=briefing, journalist=journalists[0], actor=journalists[0].user).pk == first.pk
    # the press service sees what waits for it in words, not as a bare number
    from django.test import Client

    office = Client()
    office.force_login(staff["pr_officer"])
    for path in ("/press/office/?lang=en", "/press/office/events/?lang=en"):
        assert "2</span> registrations to confirm" in office.get(path).content.decode()
    assert "ждут подтверждения" in office.get("/press/office/?lang=ru").content.decode()
    registration_decide(registration=first, actor=staff["pr_officer"], confirm=True)
    first.refresh_from_db()
    assert first.state == "confirmed"
    assert "1</span> registration to confirm" in office.get("/press/office/?lang=en").content.decode()
    assert journalists[0].user.notifications.filter(title__icontains="confirmed").exists()
    with pytest.raises(ApplicationError):
        registration_decide(registration=first, actor=journalists[1].user, confirm=False)


def test_without_accreditation_registration_is_refused_with_the_reason(client, briefing, make_journalist):
    journalist = make_journalist("fresh", "Fresh Face")
    client.force_login(journalist.user)
    response = client.post(reverse("media_relations:event", args=[briefing.pk]) + "?lang=en")
    assert response.status_code == 400
    assert "You need an accreditation valid on the day of the event." in response.content.decode()
    assert not briefing.registrations.exists()
    assert client.post(f"/api/v1/media/events/{briefing.pk}/register/").status_code == 400


def test_invitations_and_the_reminder_the_day_before(briefing, accredited, staff):
    registration = event_register(event=briefing, journalist=accredited.journalist, actor=accredited.journalist.user)
    registration_decide(registration=registration, actor=staff["pr_officer"], confirm=True)
    count = press_event_invite(event=briefing, actor=staff["pr_officer"])
    assert count == 2  # the outlet's desk and its accredited journalist
    invitations = OutboundEmail.objects.filter(subject__contains="Briefing on pensions")
    assert sorted(address for email in invitations for address in email.to) == ["desk@apa.example", accredited.journalist.email]
    # each in the reader's language: the journalist's English, the outlet's desk the portal's Azerbaijani
    assert invitations.get(to=[accredited.journalist.email]).subject.startswith("Invitation")
    assert invitations.get(to=["desk@apa.example"]).subject.startswith("Dəvət")
    the_day_before = briefing.starts_at - timedelta(days=1)
    assert press_events_remind(now=the_day_before) == 1
    assert press_events_remind(now=the_day_before) == 0
    assert OutboundEmail.objects.filter(to=[accredited.journalist.email], subject__startswith="Tomorrow").count() == 1


def test_the_speakers_agendas_show_clashes_across_apps(staff, ministry, press_office, briefing):
    from media_relations.services.events import press_event_save

    _event, clashes = press_event_save(actor=staff["pr_officer"], organisation=ministry, values={
        "kind": "interview", "title": "Interview", "starts_at": briefing.starts_at + timedelta(minutes=30),
        "ends_at": briefing.ends_at + timedelta(minutes=30), "place": "Studio"}, speakers=[staff["minister"]])
    assert [clash.title for clash in clashes] == ["Briefing on pensions"]


def test_staff_of_other_units_do_not_manage_events(client, staff, briefing):
    client.force_login(staff["icd_head"])
    assert client.get(reverse("media_relations:event-manage", args=[briefing.pk])).status_code == 404
    assert client.get(f"/api/v1/media/events/{briefing.pk}/").status_code == 404
    assert client.get("/api/v1/media/events/").json()["count"] == 0
    client.force_login(staff["pr_officer"])
    page = client.get(reverse("media_relations:event-manage", args=[briefing.pk]) + "?lang=en")
    assert page.status_code == 200 and "Send invitations" in page.content.decode()


def test_public_calendar_lists_coming_events_with_places(client, briefing, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("media_relations:events") + "?lang=en").content.decode()
    assert "Briefing on pensions" in page and "0 of 2 places taken" in page
    PressEvent.objects.filter(pk=briefing.pk).update(starts_at=timezone.now() - timedelta(days=2),
                                                     ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=1))
    assert "Briefing on pensions" not in client.get(reverse("media_relations:events")).content.decode()
    assert "Briefing on pensions" in client.get(reverse("media_relations:events") + "?show=past").content.decode()


def test_materials_are_added_by_the_press_service_with_history(client, briefing, staff):
    from tests.media_relations.conftest import press_card

    client.force_login(staff["pr_officer"])
    # the file field is the portal's own (its button in the page's language), and sending none says so beside it
    empty = client.post(reverse("media_relations:event-manage", args=[briefing.pk]) + "?lang=en", {"action": "materials"})
    assert empty.status_code == 400 and empty.context["materials_form"].errors["materials"]
    assert 'class="file-picker"' in empty.content.decode()
    response = client.post(reverse("media_relations:event-manage", args=[briefing.pk]), {"action": "materials", "materials": [press_card()]})
    assert response.status_code == 302
    page = client.get(reverse("media_relations:event", args=[briefing.pk])).content.decode()
    assert "press-card.pdf" in page
    from django.utils import translation

    from core.history import history_reason_text

    with translation.override("en"):
        assert history_reason_text(briefing.history.first().history_change_reason) == "Materials added: 1"
    client.force_login(staff["icd_head"])
    assert client.post(reverse("media_relations:event-manage", args=[briefing.pk]),
                       {"action": "materials", "materials": [press_card()]}).status_code == 404
