import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_finds_a_duty_and_lands_on_the_clause(live_server, page, imported):
    page.goto(live_server.url + "/structure/?lang=en")
    page.get_by_role("link", name="İctimaiyyətlə əlaqələr şöbəsi").click()
    assert page.get_by_role("heading", name="İctimaiyyətlə əlaqələr şöbəsi").is_visible()
    page.get_by_role("searchbox").fill("ictimai şura")
    page.get_by_role("button", name="Search").click()
    result = page.locator("a.search-result").first
    result.click()
    page.wait_for_url(re.compile(r"#clause-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    clause = page.locator(f"#{anchor}")
    assert clause.is_visible()
    assert "İctimai şura" in clause.inner_text()
