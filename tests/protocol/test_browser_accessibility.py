"""The protocol service's pages pass axe-core (no serious or critical violation) on a phone-sized screen."""

import pytest

from tests.core.test_browser_accessibility import _violations
from tests.protocol.conftest import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_protocol_pages_have_no_serious_accessibility_violations(live_server, browser, people, incoming_visit, partner):
    from protocol.services.visits import member_save, programme_item_save

    member_save(actor=people["events_officer"], visit=incoming_visit, values={"full_name": "Nino Beridze", "passport_number": "1"})
    day = incoming_visit.starts_on
    programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["icd_head"]],
                        values={"starts_at": at(day, 10), "ends_at": at(day, 11), "activity": "Talks", "place": "Hall"})
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True, locale="az-AZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "events_officer")
    page.fill("#id_password", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    problems = []
    for path in ["/protocol/", f"/protocol/visits/{incoming_visit.pk}/", "/protocol/partners/", f"/protocol/partners/{partner.pk}/",
                 "/protocol/meetings/", "/protocol/agreements/"]:
        problems += _violations(page, live_server.url + path)
    assert problems == []
