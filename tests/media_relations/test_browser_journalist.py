"""A journalist on a phone, in Chromium: creates an account, confirms the address from the e-mail, applies for
accreditation with a press card, is approved by the press service, downloads nothing yet, finds the briefing in the
calendar and registers for it. No page scrolls sideways at 360 px."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 780}


def _no_sideways_scroll(page):
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_journalist_goes_from_application_to_event_registration(live_server, browser, staff, imported, tmp_path):
    from core.models import OutboundEmail
    from media_relations.models import Accreditation, EventRegistration, MediaOutlet
    from media_relations.services.accreditation import accreditation_decide
    from media_relations.services.events import press_event_save
    from units.models import ServiceDesignation

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    ServiceDesignation.objects.create(organisation=ministry, function="press", unit=imported["İctimaiyyətlə əlaqələr şöbəsi"])
    MediaOutlet.objects.create(name="APA", kind="news_agency")
    start = (timezone.now() + timedelta(days=4)).replace(microsecond=0)
    event, _clashes = press_event_save(actor=staff["pr_officer"], organisation=ministry, values={
        "kind": "briefing", "title": "Briefing on pensions", "starts_at": start, "ends_at": start + timedelta(hours=1),
        "place": "Press hall", "capacity": 10}, speakers=[staff["minister"]])

    page = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    page.goto(f"{live_server.url}/press/?lang=en")
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Journalists: apply for accreditation").click()
    _no_sideways_scroll(page)
    # a hurried first try: a weak password; what was typed stays
    page.fill("#id_full_name", "Kamilə Rüstəmova")
    page.fill("#id_email", "kamila@apa.example")
    page.fill("#id_password", "123")
    page.fill("#id_outlet_name", "APA")
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_load_state()
    assert page.input_value("#id_full_name") == "Kamilə Rüstəmova"
    assert "too short" in page.content() or "too common" in page.content()
    page.fill("#id_password", "press-card-2026-long")
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_load_state()
    assert "Check your e-mail" in page.content()

    link = re.search(r"https?://\S+/press/join/confirm/\S+", OutboundEmail.objects.get(to=["kamila@apa.example"]).body).group(0)
    page.goto(live_server.url + "/press/" + link.split("/press/", 1)[1] + "?lang=en")
    assert "My accreditation" in page.content()
    _no_sideways_scroll(page)

    card = tmp_path / "press-card.pdf"
    card.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.select_option("#id_event", str(event.pk))
    page.set_input_files("#id_documents", str(card))
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "Your application is registered" in page.content()
    assert "waiting for a decision" in page.content()
    _no_sideways_scroll(page)

    accreditation = Accreditation.objects.get(journalist__user__username="kamila@apa.example")
    assert accreditation.event == event and accreditation.kind == "temporary"
    accreditation_decide(accreditation=accreditation, actor=staff["pr_head"], approve=True)

    page.reload()
    assert "Download the badge (PDF)" in page.content()
    page.get_by_role("link", name="Press events").first.click()
    page.get_by_role("link", name="Briefing on pensions").click()
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Register for this event").click()
    page.wait_for_load_state()
    assert "You are registered" in page.content()
    assert EventRegistration.objects.get(event=event).journalist.full_name == "Kamilə Rüstəmova"
    _no_sideways_scroll(page)
