import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_finds_a_duty_and_lands_on_the_clause(live_server, page, imported):
    page.goto(live_server.url + "/structure/?lang=en")
    # the tree shows who is under whom: a sector stands further in than its department, the department than the ministry
    lefts = [page.get_by_role("link", name=name, exact=True).bounding_box()["x"]
             for name in ("Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "İctimaiyyətlə əlaqələr şöbəsi", "İnformasiya sektoru")]
    assert lefts[0] < lefts[1] < lefts[2], lefts
    page.get_by_role("link", name="İctimaiyyətlə əlaqələr şöbəsi").click()
    assert page.get_by_role("heading", name="İctimaiyyətlə əlaqələr şöbəsi").is_visible()
    # within the page: only the clauses with every word stay, and the count is said
    total = page.locator("li.clause").count()
    page.get_by_role("searchbox", name="Find in this regulation").fill("ictimai şura")
    expect(page.locator("#clause-filter-status")).to_contain_text("Clauses found:")
    shown = page.locator("li.clause:visible")
    assert 0 < shown.count() < total
    folded = [text.replace("İ", "i").lower() for text in shown.all_inner_texts()]
    assert all("ictimai" in text and "şura" in text for text in folded)
    # across the portal: the search page, then back to the clause by its permalink
    page.get_by_role("searchbox", name="Search duties, rights and functions").fill("ictimai şura")
    page.get_by_role("button", name="Search").click()
    result = page.locator("a.search-result").first
    result.click()
    page.wait_for_url(re.compile(r"#clause-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    clause = page.locator(f"#{anchor}")
    assert clause.is_visible()
    assert "İctimai şura" in clause.inner_text()


def test_a_long_name_in_the_breadcrumb_does_not_push_the_page_sideways_on_a_phone(live_server, page, imported):
    from units.services import unit_names_set

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    unit_names_set(unit=ministry, names={"ru": "Министерство труда и социальной защиты населения"})
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + f"/structure/{imported['İnformasiya sektoru'].slug}/?lang=ru")
    # the divider after a name that wraps to the edge stays on the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
