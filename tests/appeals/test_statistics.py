"""Monthly statistics: the counts a head would check by hand, no personal data in the open endpoints, the staff
page and its XLSX, and the monthly letter sent once on the first working day."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from appeals.models import Case, ExternalBody, StatisticsReport
from appeals.services import case_answer, case_assign, case_route, case_submit
from appeals.statistics import case_statistics, statistics_send_monthly
from core.models import OutboundEmail
from documents.models import ApprovalStep
from documents.services.approval import approval_decide
from tests.appeals.conftest import APPEAL
from units.models import Unit

pytestmark = pytest.mark.django_db

PERSONAL = ("Leyla", "Həsənova", "leyla@example.az", "123 45 67", "Nizami", "Pension not paid")


@pytest.fixture
def month_of_cases(ministry, staff, imported):
    """Last month: answered on time, answered late, forwarded, not considered (anonymous), one still open."""
    month = date(2026, 10, 1)
    received = timezone.make_aware(datetime(2026, 10, 6, 10, 0))
    sector = imported["İnformasiya sektoru"]

    def answered(n, outcome="full", answered_at=None, **extra):
        case, _created = case_submit(organisation=ministry, case_type="appeal", received_at=received + timedelta(days=n),
                                     data={**APPEAL, "email": f"c{n}@example.az", "phone": "", "subject": f"Subject number {n} {n * 7}"})
        case_route(actor=staff["clerk"], case=case, unit=sector)
        case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
        case = case_answer(actor=staff["info_officer"], case=case, text="Answer.", outcome=outcome, **extra)
        step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
        approval_decide(step=step, actor=staff["info_head"], approve=True)
        Case.objects.filter(pk=case.pk).update(answered_at=answered_at)
        return case

    answered(0, answered_at=received + timedelta(days=7))  # 5 working days: on time
    answered(1, answered_at=received + timedelta(days=60))  # past the 15 working days: late
    answered(2, outcome="forwarded", body=ExternalBody.objects.create(name="Fund"), answered_at=received + timedelta(days=3))
    case_submit(organisation=ministry, case_type="appeal", received_at=received,
                data={"kind": "suggestion", "subject": "Anonymous", "text": "No name."})
    case_submit(organisation=ministry, case_type="information_request", received_at=received, channel="post", actor=staff["clerk"],
                data={"subject": "Budget", "text": "Budget", "name": "Anar", "address": "Bakı"})
    case_submit(organisation=ministry, case_type="appeal", received_at=received - timedelta(days=30), data=APPEAL)  # September
    return month


def test_the_month_s_figures(ministry, month_of_cases):
    stats = case_statistics(organisation=ministry, month=month_of_cases)
    totals = stats["totals"]
    assert (totals["received"], totals["on_time"], totals["late"], totals["forwarded"], totals["not_considered"],
            totals["open"]) == (5, 1, 1, 1, 1, 1)
    assert {row["key"]: row["count"] for row in stats["by_channel"]}["post"] == 1
    assert {row["key"]: row["count"] for row in stats["by_kind"]} == {"application": 0, "complaint": 3, "suggestion": 1}
    sector = next(row for row in stats["by_unit"] if row["unit"] == "İnformasiya sektoru")
    assert sector["received"] == 3 and sector["median_working_days"] is not None


def test_the_open_data_carries_no_personal_data(ministry, month_of_cases):
    api = APIClient()
    data = api.get("/api/v1/public/statistics/appeals/", {"month": "2026-10"})
    assert data.status_code == 200 and data.json()["totals"]["received"] == 5
    exported = api.get("/api/v1/public/statistics/appeals/csv/", {"month": "2026-10"})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["month", "dimension", "group", "measure", "value"]
    assert ["2026-10", "total", "", "received", "5"] in rows
    for body in (data.content.decode(), exported.content.decode()):
        assert not any(marker in body for marker in PERSONAL)
    assert api.get("/api/v1/public/statistics/appeals/", {"month": "October"}).status_code == 400


def test_the_staff_page_draws_the_charts_and_exports_xlsx(client, ministry, staff, month_of_cases):
    client.force_login(staff["info_head"])
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("appeals:statistics"), {"month": "2026-10"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'aria-label="Answered late: 1"' in html and "İnformasiya sektoru" in html
    assert html.count(">By unit<") == 1 and ">Received by unit<" in html  # the chart and the table, each its own heading
    xlsx = client.get(reverse("appeals:statistics"), {"month": "2026-10", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content))["By unit"]
    assert [cell.value for cell in sheet[sheet.max_row]][:2] == ["Total", 5]
    # the organisation and its units are named in the reader's language where they have such a name
    from units.services import unit_names_set

    unit_names_set(unit=ministry, names={"ru": "Министерство труда"})
    unit_names_set(unit=Unit.objects.get(name="İnformasiya sektoru"), names={"ru": "Сектор информации"})
    russian = client.get(reverse("appeals:statistics"), {"month": "2026-10", "lang": "ru"}).content.decode()
    assert "Министерство труда" in russian and "Сектор информации" in russian and "İnformasiya sektoru" not in russian


def test_the_monthly_letter_goes_to_the_heads_once_on_the_first_working_day(ministry, staff, month_of_cases):
    staff["minister"].email, staff["minister"].preferred_language = "minister@example.az", ""  # no choice: Azerbaijani
    staff["minister"].save()
    from documents.services.calendar import calendar_for

    first = calendar_for("AZ", around=date(2026, 11, 1)).next_working_day(date(2026, 11, 1), include_self=True)
    assert statistics_send_monthly(today=first + timedelta(days=1)) == 0
    sent = statistics_send_monthly(today=first)
    assert sent >= 1 and statistics_send_monthly(today=first) == 0
    letter = OutboundEmail.objects.get(to=["minister@example.az"])
    assert "2026-10" in letter.subject and "5" in letter.body
    assert "Əmək" in letter.body.splitlines()[0] and "Daxil olub: 5" in letter.body  # the default language
    # a head who chose Russian reads it in Russian
    StatisticsReport.objects.all().delete()
    staff["minister"].preferred_language = "ru"
    staff["minister"].save()
    assert statistics_send_monthly(today=first) >= 1
    russian = OutboundEmail.objects.filter(to=["minister@example.az"]).latest("pk")
    assert "Обращения граждан" in russian.subject and "Поступило: 5" in russian.body
    assert StatisticsReport.objects.filter(organisation=ministry, month=date(2026, 10, 1)).count() == 1
