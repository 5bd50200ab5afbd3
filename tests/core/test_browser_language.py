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


def test_navigation_folds_on_a_phone_and_shows_on_a_desktop(live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/?lang=en")
    structure = page.locator("#main-navigation").get_by_role("link", name="Structure", exact=True)
    assert not structure.is_visible()
    page.get_by_text("Menu").click()
    assert structure.is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    assert page.locator("#main-navigation").get_by_role("link", name="Structure", exact=True).is_visible()
    assert not page.get_by_text("Menu").is_visible()
