"""The officials' agenda: apps write engagements without knowing of each other, clashes across them show, and each
official subscribes to a private iCalendar feed in Asia/Baku time."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from units.agenda import agenda_clear, agenda_feed_for, agenda_write
from units.models import AgendaEntry

pytestmark = pytest.mark.django_db


def at(hour, day_offset=2):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=day_offset), datetime.min.time())
                               .replace(hour=hour))


def test_writing_is_idempotent_and_follows_the_officials_named(staff, imported):
    source = imported["İnformasiya sektoru"]  # any item can be a source: here a unit stands in for a press event
    agenda_write(source=source, officials=[staff["minister"], staff["pr_head"]], starts_at=at(10), ends_at=at(11), title="Briefing")
    agenda_write(source=source, officials=[staff["minister"]], starts_at=at(12), ends_at=at(13), title="Briefing, moved")
    entries = list(AgendaEntry.objects.all())
    assert [(e.official, e.title, timezone.localtime(e.starts_at).hour) for e in entries] == [(staff["minister"], "Briefing, moved", 12)]
    agenda_clear(source=source)
    assert not AgendaEntry.objects.exists()


def test_clashes_show_across_sources(client, staff, imported):
    press_event, visit = imported["İnformasiya sektoru"], imported["Kommunikasiya sektoru"]
    assert agenda_write(source=press_event, officials=[staff["minister"]], starts_at=at(10), ends_at=at(12), title="Press conference") == []
    clashes = agenda_write(source=visit, officials=[staff["minister"], staff["pr_head"]], starts_at=at(11), ends_at=at(13),
                           title="Delegation from Georgia")
    assert [(c.official, c.title) for c in clashes] == [(staff["minister"], "Press conference")]
    assert agenda_write(source=visit, officials=[staff["pr_head"]], starts_at=at(11), ends_at=at(13), title="Delegation") == []
    agenda_write(source=visit, officials=[staff["minister"]], starts_at=at(11), ends_at=at(13), title="Delegation from Georgia")
    client.force_login(staff["minister"])
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("agenda:mine")).content.decode()
    assert "At the same time as: Delegation from Georgia" in page and "At the same time as: Press conference" in page


def test_the_private_feed_is_icalendar_in_baku_time_and_a_new_link_retires_the_old(client, staff, imported):
    agenda_write(source=imported["İnformasiya sektoru"], officials=[staff["minister"]], starts_at=at(10), ends_at=at(11),
                 title="Press conference", place="Press hall")
    token = agenda_feed_for(user=staff["minister"]).token
    response = client.get(reverse("agenda:feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Press conference" and str(event["LOCATION"]) == "Press hall"
    assert event["DTSTART"].params["TZID"] == "Asia/Baku" and event["DTSTART"].dt.hour == 10
    assert any(str(tz["TZID"]) == "Asia/Baku" for tz in calendar.walk("VTIMEZONE"))
    client.force_login(staff["minister"])
    client.post(reverse("agenda:mine"))
    client.logout()
    assert client.get(reverse("agenda:feed", args=[token])).status_code == 404
    assert client.get(reverse("agenda:feed", args=["short"])).status_code == 404
    assert client.get(reverse("agenda:feed", args=[agenda_feed_for(user=staff["minister"]).token])).status_code == 200


def test_published_reception_hours_go_on_the_official_s_agenda(staff, imported):
    from appeals.reception import reception_session_create
    from tests.factories import UserFactory
    from units.services import membership_assign

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    clerk = UserFactory(username="agenda_clerk")
    membership_assign(user=clerk, unit=ministry, kind="clerk")
    session = reception_session_create(actor=clerk, organisation=ministry, official=staff["minister"], starts_at=at(15),
                                       ends_at=at(17), place="Room 101", capacity=5)
    entry = AgendaEntry.objects.get(official=staff["minister"])
    assert entry.starts_at == session.starts_at and entry.place == "Room 101"
