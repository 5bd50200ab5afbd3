import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_switches_language_in_a_real_browser(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "az"
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.get_by_role("link", name="Русский").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Портал министерства" in page.title()
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    # the choice is remembered on the next page
    page.goto(live_server.url + "/structure/")
    assert page.locator("html").get_attribute("lang") == "en"
