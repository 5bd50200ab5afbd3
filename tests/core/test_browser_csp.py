"""The Content-Security-Policy holds in a real browser and breaks nothing: the portal's pages, Swagger UI
and the Django admin work, and Chromium reports no violation."""

import pytest

from tests.factories import UserFactory

# Every transactional test here restores the database it found (serialized rollback): a flush without it
# re-creates content types under new ids, which the next serialized test then collides with.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def violations(page):
    seen = []
    page.on("console", lambda message: seen.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text else None)
    return seen


def test_portal_pages_work_under_the_policy(live_server, page, violations):
    for path in ("/", "/structure/", "/control/calculator/?policy=appeal.standard&start=2026-03-18T10:00", "/no-such-page/",
                 "/press/", "/press/events/", "/press/join/"):
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").first.is_visible()
    assert violations == []


def test_swagger_ui_renders_the_api_under_the_policy(live_server, page, violations):
    page.goto(live_server.url + "/api/docs/")
    page.locator(".opblock").first.wait_for(timeout=15000)
    # Swagger UI draws a long API virtualised (what is on the screen): the operations and the schemas are there
    assert page.locator(".opblock").count() >= 5
    assert page.locator(".models .model-container").count() >= 5
    assert page.locator("html").get_attribute("lang") == "en"  # a screen reader reads the reference in English
    assert violations == []


def test_the_admin_works_under_the_policy(live_server, page, violations):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/documents/deadlinepolicy/")
    assert page.locator("#result_list").is_visible()
    assert violations == []
