from datetime import timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from documents.models import ControlCard
from tests.factories import UserFactory, open_card

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


# --- the calculator -------------------------------------------------------------------------------

@pytest.mark.smoke
def test_calculator_api_returns_the_documented_shape():
    response = api().get("/api/v1/deadlines/calculate/", {"policy": "appeal.standard", "start": "2026-03-18T10:00:00+04:00"},
                         HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert body["policy"] == "appeal.standard"
    assert body["due"] == "2026-04-17T23:59:59+04:00"
    assert body["term"] == {"value": 15, "unit": "working_days"}
    assert "1308-IVQ" in body["legal_basis"]
    assert {"date": "2026-03-20", "reason": "Eid al-Fitr; Spring Festival"} in body["skipped"]
    assert {"date": "2026-03-28", "reason": "Saturday"} in body["skipped"]


def test_calculator_names_holidays_in_the_readers_language():
    body = api().get("/api/v1/deadlines/calculate/", {"policy": "appeal.standard", "start": "2026-03-18"},
                     HTTP_ACCEPT_LANGUAGE="ru").json()
    assert {"date": "2026-03-20", "reason": "Рамазан байрам; Новруз байрам"} in body["skipped"]


@pytest.mark.parametrize(("params", "field"), [
    ({"policy": "no.such", "start": "2026-01-01"}, "policy"),
    ({"policy": "appeal.standard", "start": "yesterday"}, "start"),
    ({"policy": "appeal.standard", "start": "2026-13-45"}, "start"),
    ({"start": "2026-01-01"}, "policy"),
])
def test_calculator_rejects_bad_input_with_a_clear_message(params, field):
    response = api().get("/api/v1/deadlines/calculate/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert field in body["fields"] and body["detail"]


def test_calculator_page(client):
    html = client.get(reverse("documents:calculator"), {"policy": "inforequest.life_liberty", "start": "2026-11-20T12:00", "lang": "en"}).content.decode()
    assert "Threat to life" in html
    assert "24 November 2026" in html


def test_deadline_command_prints_the_same_json(capsys):
    import json

    from django.core.management import call_command

    call_command("deadline", "inforequest.standard", "2026-12-30T10:00:00+04:00")
    body = json.loads(capsys.readouterr().out)
    # 31 Dec, 1 Jan, the weekend, 4 Jan (2 Jan fell on Saturday) and the next weekend are skipped: 5–8, 11–13 Jan
    assert body["due"] == "2027-01-13T23:59:59+04:00"


def test_policies_are_listed_publicly():
    codes = {p["code"] for p in api().get("/api/v1/deadlines/policies/").json()}
    assert {"appeal.standard", "inforequest.urgent", "kz.appeal.standard"} <= codes


# --- cards ----------------------------------------------------------------------------------------

@pytest.fixture
def cards(staff, imported):
    sector, other_sector = imported["İnformasiya sektoru"], imported["Kommunikasiya sektoru"]
    now = timezone.now()
    made = {
        "mine": open_card(unit=sector, executor=staff["info_officer"], title="Mine"),
        "late": open_card(unit=sector, executor=staff["info_officer"], start=now - timedelta(days=60), title="Late"),
        "other": open_card(unit=other_sector, executor=staff["comm_officer"], title="Other sector",
                           co_executors=[staff["info_officer"]]),
        "icd": open_card(unit=imported["International Cooperation Department"], executor=staff["icd_head"], title="ICD"),
    }
    return made


def titles(response):
    return {c["title"] for c in response.json()["results"]}


def test_card_list_follows_visibility(cards, staff):
    assert titles(api(staff["info_officer"]).get("/api/v1/control/cards/")) == {"Mine", "Late", "Other sector"}
    assert titles(api(staff["pr_head"]).get("/api/v1/control/cards/")) == {"Mine", "Late", "Other sector"}
    assert titles(api(staff["icd_head"]).get("/api/v1/control/cards/")) == {"ICD"}
    assert titles(api(UserFactory()).get("/api/v1/control/cards/")) == set()
    assert api().get("/api/v1/control/cards/").status_code in (401, 403)


def test_card_list_filters(cards, staff, imported):
    client = api(staff["pr_head"])
    assert titles(client.get("/api/v1/control/cards/", {"overdue": "true"})) == {"Late"}
    assert titles(client.get("/api/v1/control/cards/", {"overdue": "false"})) == {"Mine", "Other sector"}
    assert titles(client.get("/api/v1/control/cards/", {"unit": imported["Kommunikasiya sektoru"].slug})) == {"Other sector"}
    assert titles(client.get("/api/v1/control/cards/", {"executor": staff["comm_officer"].pk})) == {"Other sector"}
    soon = (timezone.now() + timedelta(days=60)).isoformat()
    assert "Late" in titles(client.get("/api/v1/control/cards/", {"due_before": soon}))
    assert client.get("/api/v1/control/cards/", {"state": "nonsense"}).status_code == 400


def test_card_list_query_count_does_not_grow(staff, imported):
    client = api(staff["pr_head"])
    sector = imported["İnformasiya sektoru"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/control/cards/").status_code == 200
        return len(queries)

    open_card(unit=sector, executor=staff["info_officer"], title="one")
    few = count()
    for n in range(15):
        open_card(unit=sector, executor=staff["info_officer"], title=f"card {n}", co_executors=[staff["comm_officer"]])
    assert count() == few


@pytest.mark.parametrize(("method", "suffix", "data"), [
    ("get", "", None), ("post", "extend/", {"value": 1, "reason": "r", "legal_basis": "b"}),
    ("post", "pause/", {"reason": "r"}), ("post", "resume/", {}), ("post", "close/", {"result": "r"}),
])
def test_outsider_gets_404_for_every_card_endpoint(cards, staff, method, suffix, data):
    card = cards["mine"]
    outsider = api(staff["icd_head"])  # heads another organisation's department
    response = getattr(outsider, method)(f"/api/v1/control/cards/{card.pk}/{suffix}", data)
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "code", "fields"}
    missing = getattr(api(staff["info_officer"]), method)(f"/api/v1/control/cards/999999/{suffix}", data)
    assert missing.status_code == 404  # "missing" and "not yours" look the same
    assert ControlCard.objects.get(pk=card.pk).state == "open"


def test_card_detail_has_the_explanation(cards, staff):
    body = api(staff["info_officer"]).get(f"/api/v1/control/cards/{cards['mine'].pk}/").json()
    assert body["explanation"]["policy"] == "appeal.standard"
    assert body["explanation"]["steps"][0]["kind"] == "term"


def test_extend_pause_resume_close_through_the_api(cards, staff):
    card = cards["mine"]
    head, officer = api(staff["info_head"]), api(staff["info_officer"])
    refused = officer.post(f"/api/v1/control/cards/{card.pk}/extend/", {"value": 5, "reason": "r", "legal_basis": "b"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    extended = head.post(f"/api/v1/control/cards/{card.pk}/extend/", {"value": 5, "reason": "Site visit", "legal_basis": "art. 10.2"})
    assert extended.status_code == 200
    assert extended.json()["due"] > ControlCard.objects.get(pk=card.pk).start.isoformat()
    assert extended.json()["explanation"]["steps"][1]["kind"] == "extension"
    too_much = head.post(f"/api/v1/control/cards/{card.pk}/extend/", {"value": 26, "reason": "r", "legal_basis": "b"})
    assert too_much.status_code == 400 and too_much.json()["code"] == "extension_limit"
    assert officer.post(f"/api/v1/control/cards/{card.pk}/pause/", {"reason": "Waiting for documents"}).json()["state"] == "paused"
    assert officer.post(f"/api/v1/control/cards/{card.pk}/resume/").json()["state"] == "open"
    reported = officer.post(f"/api/v1/control/cards/{card.pk}/report/", {"report": "Answered"}).json()
    assert reported["state"] == "open" and reported["result"] == "Answered"
    assert officer.post(f"/api/v1/control/cards/{card.pk}/close/", {"result": "Answered"}).status_code == 403
    closed = head.post(f"/api/v1/control/cards/{card.pk}/close/", {"result": "Answered"}).json()
    assert closed["state"] == "done" and closed["result"] == "Answered"
    assert ControlCard.history.filter(id=card.pk).count() == 6  # opened, extended, paused, resumed, reported, closed


# --- pages ----------------------------------------------------------------------------------------

def test_my_control_groups_the_cards_with_their_explanation(client, cards, staff):
    client.force_login(staff["info_officer"])
    html = client.get(reverse("documents:my-control") + "?lang=en").content.decode()
    assert html.index("Overdue") < html.index("Late") < html.index("Mine")
    assert "Other sector" in html  # co-executed
    assert "How this date was computed" in html


def test_unit_control_counts_roll_up_and_export(client, cards, staff, imported):
    client.force_login(staff["pr_head"])
    page = client.get(reverse("documents:unit-control") + "?lang=en")
    rows = {r["unit"].name: r for r in page.context["rows"]}
    assert rows["İnformasiya sektoru"]["total"]["overdue"] == 1
    assert rows["İctimaiyyətlə əlaqələr şöbəsi"]["total"]["overdue"] == 1
    assert sum(rows["İctimaiyyətlə əlaqələr şöbəsi"]["total"].values()) == 3
    assert "International Cooperation Department" not in rows
    drill = client.get(reverse("documents:unit-control"), {"unit": imported["İnformasiya sektoru"].slug})
    assert {c.title for c in drill.context["cards"]} == {"Mine", "Late"}
    export = client.get(reverse("documents:unit-control"), {"unit": imported["İnformasiya sektoru"].slug, "format": "xlsx"})
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(export.content))
    assert workbook.sheetnames[0] and len(workbook.sheetnames) == 2
    assert [row[0] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)] == ["Late", "Mine"]
    assert client.get(reverse("documents:unit-control"), {"unit": imported["International Cooperation Department"].slug}).status_code == 404


def test_card_page_extension_error_keeps_what_was_typed(client, cards, staff):
    client.force_login(staff["info_head"])
    card = cards["mine"]
    response = client.post(reverse("documents:card-action", args=[card.pk, "extend"]) + "?lang=en",
                           {"value": 99, "reason": "A long explanation", "legal_basis": "art. 10.2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The law allows at most 30" in html
    assert "A long explanation" in html and 'value="art. 10.2"' in html


def test_card_page_actions(client, cards, staff):
    client.force_login(staff["info_officer"])
    card = cards["mine"]
    page = client.get(reverse("documents:card", args=[card.pk]) + "?lang=en").content.decode()
    assert "Stop the clock" in page and "Extend the term" not in page  # officers cannot extend
    client.post(reverse("documents:card-action", args=[card.pk, "pause"]), {"reason": "Waiting"})
    assert ControlCard.objects.get(pk=card.pk).state == "paused"
    paused_page = client.get(reverse("documents:card", args=[card.pk]) + "?lang=en").content.decode()
    assert ">Resume<" in paused_page and "Stop the clock" not in paused_page
    client.post(reverse("documents:card-action", args=[card.pk, "resume"]))
    assert ControlCard.objects.get(pk=card.pk).state == "open"
    client.force_login(staff["icd_head"])
    assert client.get(reverse("documents:card", args=[card.pk])).status_code == 404


def test_calculator_page_opened_without_a_question_shows_no_errors(client):
    html = client.get(reverse("documents:calculator"), {"lang": "en"}).content.decode()
    assert "This field is required" not in html
    assert "Calculate" in html


def test_my_control_query_count_does_not_grow_with_the_cards(client, staff, imported):
    client.force_login(staff["info_officer"])
    sector = imported["İnformasiya sektoru"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("documents:my-control")).status_code == 200
        return len(queries)

    for n in range(2):
        open_card(unit=sector, executor=staff["info_officer"], title=f"first {n}")
    count()  # warm the caches (the content types, the calendar)
    few = count()
    for n in range(10):
        open_card(unit=sector, executor=staff["info_officer"], title=f"more {n}", co_executors=[staff["comm_officer"]])
    assert count() == few


def test_a_closed_card_says_when_it_was_closed_and_by_how_many_working_days_late(client, staff, imported):
    from documents.services.control import control_close

    sector = imported["İnformasiya sektoru"]
    # 15 working days from 18 March 2026: due 17 April (a Friday); closed the next Wednesday, three working days late
    late = open_card(unit=sector, start=timezone.datetime(2026, 3, 18, 10, tzinfo=BAKU), title="Answered late")
    in_time = open_card(unit=sector, title="Answered in time")
    for card in (late, in_time):
        control_close(card=card, actor=None, result="Answered.", system=True)
    ControlCard.objects.filter(pk=late.pk).update(closed_at=timezone.datetime(2026, 4, 22, 12, tzinfo=BAKU))
    client.force_login(staff["info_head"])

    page = client.get(reverse("documents:card", args=[late.pk]) + "?lang=ru").content.decode()
    assert "Снято с контроля" in page and "22 апреля 2026" in page and "с опозданием на 3 рабочих дня" in page
    page = client.get(reverse("documents:card", args=[in_time.pk]) + "?lang=en").content.decode()
    assert "Closed" in page and "on time" in page and "working days late" not in page
    running = open_card(unit=sector, title="Still running")
    assert "Closed" not in client.get(reverse("documents:card", args=[running.pk]) + "?lang=en").content.decode()


def test_a_card_reported_on_tells_the_head_who_closes_it(client, cards, staff):
    from core.models import Notification

    reported = api(staff["info_officer"]).post(f"/api/v1/control/cards/{cards['mine'].pk}/report/", {"report": "Sent to the newspaper"},
                                                format="json")
    assert reported.status_code == 200
    [notice] = Notification.objects.filter(recipient=staff["info_head"])
    assert notice.url == reverse("documents:card", args=[cards["mine"].pk]) and "Sent to the newspaper" in notice.body
    assert not Notification.objects.filter(recipient=staff["info_officer"]).exists()  # not the one who reported

    client.force_login(staff["info_head"])
    desk = client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    assert "1</strong> <span>reported card waits for you to close it" in desk
    mine = client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()
    assert mine.count("reported, to close") == 1
    assert titles(api(staff["info_head"]).get("/api/v1/control/cards/", {"reported": "true"})) == {"Mine"}
    assert api(staff["info_head"]).post(f"/api/v1/control/cards/{cards['mine'].pk}/close/", {"result": "Done"}, format="json").status_code == 200
    assert "reported card" not in client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    assert titles(api(staff["info_head"]).get("/api/v1/control/cards/", {"reported": "true"})) == set()
