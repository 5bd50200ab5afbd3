"""Accessibility in a real browser: axe-core (vendored in tests/vendor/axe-core) finds no serious or critical
violation on the public pages, the press service's pages and the staff's main pages, on a phone-sized screen."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
PUBLIC = ["/", "/structure/", "/appeals/new/", "/information-requests/new/", "/reception/", "/control/calculator/",
          "/press/", "/press/events/", "/press/join/", "/press/archive/", "/press/accreditation/verify/unknown/",
          "/accounts/login/"]
PRESS_OFFICE = ["/press/office/", "/press/office/accreditations/?state=all", "/press/office/events/", "/press/office/releases/",
                "/press/office/mentions/", "/press/office/mentions/import/", "/press/office/mentions/report/",
                "/press/office/outlets/", "/press/office/subscriptions/", "/staff/", "/agenda/"]
STAFF = ["/appeals/cases/", "/documents/", "/control/my/", "/control/units/", "/plans/", "/documents/drafts/",
         "/documents/approvals/", "/appeals/statistics/", "/reception/manage/"]


def _violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""")
    return [f"{url} {item}" for item in found]


def test_no_serious_accessibility_violations(live_server, browser, staff, imported):
    from media_relations.models import MediaOutlet
    from media_relations.services.events import press_event_save
    from units.models import ServiceDesignation

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    ServiceDesignation.objects.create(organisation=ministry, function="press", unit=imported["İctimaiyyətlə əlaqələr şöbəsi"])
    MediaOutlet.objects.create(name="APA", kind="news_agency")
    start = timezone.now() + timedelta(days=3)
    event, _clashes = press_event_save(actor=staff["pr_officer"], organisation=ministry, speakers=[staff["minister"]], values={
        "kind": "briefing", "title": "Briefing", "starts_at": start, "ends_at": start + timedelta(hours=1), "place": "Hall"})

    # the policy forbids inline scripts; the test injects axe, so this context bypasses it (the CSP has its own test)
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True, locale="az-AZ")
    page = context.new_page()
    problems = []
    for path in [*PUBLIC, f"/press/events/{event.pk}/"]:
        problems += _violations(page, live_server.url + path)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", staff["pr_officer"].username)
    page.fill("#id_password", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    for path in [*PRESS_OFFICE, *STAFF, f"/press/office/events/{event.pk}/"]:
        problems += _violations(page, live_server.url + path)
    assert problems == []
