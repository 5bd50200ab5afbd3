"""The whole appeal on a phone, in Chromium: a citizen submits, the clerk routes, the sector head assigns, the
officer asks for clarification, the citizen replies, the officer answers, the head signs, and the citizen reads the
answer and downloads the signed letter. No page scrolls sideways at 360 px."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 780}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _as(browser, live_server, username):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?lang=en")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return page


def _open_case(page, live_server, case_pk):
    page.goto(f"{live_server.url}/appeals/cases/{case_pk}/")
    _no_sideways_scroll(page)


def _act(page, summary, fill, button):
    page.locator("summary", has_text=summary).click()
    fill(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert "Done." in page.content(), page.content()[:2000]


def test_a_citizen_on_a_phone_gets_a_signed_answer(live_server, browser, staff, imported):
    from appeals.models import Case
    from documents.services.attachments import attachments_of

    citizen = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    citizen.goto(f"{live_server.url}/appeals/new/?lang=en")
    _no_sideways_scroll(citizen)
    citizen.get_by_label("complaint").check()
    citizen.fill("#id_subject", "Pension not paid for October")
    citizen.fill("#id_text", "My pension for October was not paid to my card.")
    citizen.fill("#id_name", "Leyla Həsənova")
    citizen.fill("#id_email", "leyla@example.az")
    # the file field speaks the page's language: our button and the chosen names, the browser's own button hidden
    citizen.set_input_files("#id_attachments", files=[{"name": "statement.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    picker = citizen.locator(".file-picker")
    assert picker.locator(".file-button").inner_text() == "Choose files"
    assert picker.locator(".file-chosen").inner_text() == "statement.pdf"
    assert picker.locator("input[type=file]").bounding_box()["width"] <= 1
    citizen.get_by_role("button", name="Send").click()
    citizen.wait_for_load_state()
    assert "Your case is registered as M-" in citizen.content()
    track_url = citizen.url.split("?")[0]
    _no_sideways_scroll(citizen)
    case = Case.objects.get()
    assert [file.original_name for file in attachments_of(case)] == ["statement.pdf"]

    sector = imported["İnformasiya sektoru"]
    clerk = _as(browser, live_server, "clerk")
    # the list, stacked on the phone in Russian (the longest label words): every value starts at the same place
    clerk.goto(f"{live_server.url}/appeals/cases/?lang=ru")
    _no_sideways_scroll(clerk)
    starts = clerk.evaluate("""() => [...document.querySelectorAll('table.stacks td[data-label]')].map(td => {
        const range = document.createRange(); range.selectNodeContents(td);
        return Math.round(Math.min(...[...range.getClientRects()].filter(r => r.width > 0).map(r => r.left))); })""")
    assert len(starts) >= 6 and len(set(starts)) == 1, starts
    clerk.goto(f"{live_server.url}/appeals/cases/?lang=en")  # the language chosen stays with the person
    _open_case(clerk, live_server, case.pk)
    _act(clerk, "Route to a unit", lambda p: p.select_option("#id_route_unit", sector.slug), "Route")

    head = _as(browser, live_server, "info_head")
    _open_case(head, live_server, case.pk)
    _act(head, "Assign the executor", lambda p: p.select_option("#id_assign_executor", str(staff["info_officer"].pk)), "Assign")

    officer = _as(browser, live_server, "info_officer")
    _open_case(officer, live_server, case.pk)
    _act(officer, "Ask the citizen to clarify", lambda p: p.fill("#id_clarify_question", "Which bank holds your card?"),
         "Ask (the clock stops)")

    citizen.goto(track_url)
    assert "Which bank holds your card?" in citizen.content()
    # a hurried reply with nothing in it: the portal's own error in the page's language, not the browser's bubble
    citizen.get_by_role("button", name="Send the reply").click()
    citizen.wait_for_load_state()
    assert "This field is required." in citizen.content()
    citizen.fill("#id_text", "Kapital Bank, card ending 1234.")
    citizen.get_by_role("button", name="Send the reply").click()
    citizen.wait_for_load_state()
    assert "the clock runs again" in citizen.content()

    _open_case(officer, live_server, case.pk)
    _act(officer, "Write the answer", lambda p: p.fill("#id_answer_text", "Your October pension was paid on 20 November."),
         "Send for the head's signature")

    _open_case(head, live_server, case.pk)
    head.get_by_role("link", name="The answer letter and its approval").click()
    head.get_by_role("button", name="Sign").click()
    head.wait_for_load_state()
    _no_sideways_scroll(head)

    citizen.goto(track_url)
    assert re.search(r"Status: answered", citizen.content())
    assert "Your October pension was paid on 20 November." in citizen.content()
    _no_sideways_scroll(citizen)
    letter = citizen.get_by_role("link", name="The signed letter (PDF)").get_attribute("href")
    response = citizen.request.get(f"{live_server.url}{letter}")  # the browser's own session and cookies
    assert response.ok and response.headers["content-type"] == "application/pdf" and response.body()[:5] == b"%PDF-"
