"""The events sector's officer, in Chromium: opens next week's visit, builds its programme item by item (a bad time
first, the way a hurried officer types it), sees the clash with the ambassador's call flagged, and
downloads the programme as PDF. No page scrolls sideways at 360 px."""

from datetime import timedelta

import pytest

from tests.protocol.conftest import EVENTS, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _moment(value):
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _add_item(page, starts, ends, activity, place, official=None):
    page.locator("#add-item summary").click()
    page.fill("#id_starts_at", _moment(starts))
    page.fill("#id_ends_at", _moment(ends))
    page.fill("#id_activity", activity)
    page.fill("#id_place", place)
    if official is not None:
        page.select_option("#id_officials", str(official.pk))
    page.locator("#add-item button[type=submit]").click()
    page.wait_for_load_state()


def test_an_officer_builds_a_programme_sees_a_clash_and_downloads_the_pdf(live_server, browser, people, incoming_visit,
                                                                              partner, mincom, imported):
    from protocol.services.meetings import meeting_save

    day = incoming_visit.starts_on
    deputy = people["deputy_minister"]
    meeting_save(actor=people["icd_head"], organisation=mincom, organising_unit=imported[EVENTS], officials=[deputy], values={
        "partner": partner, "title": "Courtesy call of the ambassador", "starts_at": at(day, 11), "ends_at": at(day, 12),
        "place": "Ministry", "guests": "H.E. the Ambassador"})

    page = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB", accept_downloads=True).new_page()
    page.goto(f"{live_server.url}/accounts/login/?lang=en")
    page.fill("#id_username", "events_officer")
    page.fill("#id_password", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/protocol/")
    page.get_by_role("link", name=incoming_visit.title).click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # the breadcrumb is announced in the page's language (Pico styles it by its English aria-label)
    assert page.get_by_role("navigation", name="You are here").count() == 1

    _add_item(page, at(day, 12), at(day, 11), "Official talks", "Ministry, hall 1", deputy)  # ends before it starts
    assert "The item ends after it starts." in page.content()
    assert page.input_value("#id_activity") == "Official talks"  # nothing typed is lost

    page.fill("#id_starts_at", _moment(at(day, 11, 30)))
    page.fill("#id_ends_at", _moment(at(day, 12, 30)))
    page.locator("#add-item button[type=submit]").click()
    page.wait_for_load_state()
    assert "Clashes with the new item" in page.content() and "Courtesy call of the ambassador" in page.content()

    _add_item(page, at(day + timedelta(days=1), 10), at(day + timedelta(days=1), 12), "Visit to the Data Centre", "Data Centre")
    assert page.locator("#programme tbody tr").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # a stacked row keeps a cell's parts (the activity, its place) together beside the label, not in slivers
    activity = page.locator("#programme tbody tr").first.locator("td", has_text="Official talks")
    label_box, value_box = activity.bounding_box(), activity.locator(".cell-value").bounding_box()
    assert value_box["width"] >= label_box["width"] * 0.5 and "Ministry, hall 1" in activity.locator(".cell-value").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Programme (PDF) · EN").click()
    path = download_info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
