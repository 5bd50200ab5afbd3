"""A department head, in Chromium, approves the Information Sector's plan and downloads the period report."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_department_head_approves_a_plan_and_downloads_the_report(live_server, page, staff, imported):
    from documents.services import plans
    from units.models import Clause

    sector = imported["İnformasiya sektoru"]
    today = timezone.localdate()
    plan = plans.plan_create(actor=staff["info_head"], unit=sector, period="quarter", year=today.year,
                             number=(today.month - 1) // 3 + 1)
    duty = Clause.objects.substantive().filter(unit=sector, kind="duty").order_by("sort_key").first()
    plans.plan_item_add(actor=staff["info_head"], plan=plan, title="Weekly press digest", clauses=[duty],
                        responsible=staff["info_officer"], due_date=plan.bounds[1])
    plans.plan_submit(actor=staff["info_head"], plan=plan)

    page.set_viewport_size({"width": 390, "height": 844})  # on a phone
    page.goto(f"{live_server.url}/accounts/login/?lang=en")
    page.fill("#id_username", "pr_head")
    page.fill("#id_password", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.goto(f"{live_server.url}/plans/")
    page.locator("main ul.plans a", has_text=sector.name).first.click()
    page.get_by_role("button", name="Approve the plan").click()
    page.wait_for_load_state()
    assert "every measure is under control" in page.content()
    page.get_by_role("link", name="Period report").click()
    assert page.get_by_text("Weekly press digest").is_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
