"""The staff API: the whole workflow through the endpoints, filters and cursor paging with a constant query count,
registration of paper cases, and 404 for anyone outside the case's units."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from appeals.models import Case, ExternalBody
from appeals.services import case_route, case_submit
from documents.models import ApprovalStep
from documents.services.approval import approval_decide
from tests.appeals.conftest import APPEAL

pytestmark = pytest.mark.django_db


def api_as(user):
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_the_workflow_through_the_api(ministry, staff, imported):
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    base = f"/api/v1/appeals/cases/{case.pk}/"
    clerk, head, officer = api_as(staff["clerk"]), api_as(staff["info_head"]), api_as(staff["info_officer"])
    detail = clerk.get(base)
    assert detail.status_code == 200 and detail.json()["actions"] == ["extra_study", "forward", "route"]
    assert detail.json()["due_explanation"]["policy"] == "appeal.standard"
    assert clerk.post(base + "route/", {"unit": "no-such-unit"}, format="json").status_code == 400
    sector = imported["İnformasiya sektoru"]
    routed = clerk.post(base + "route/", {"unit": sector.slug}, format="json")
    assert routed.status_code == 200 and routed.json()["state"] == "routed" and routed.json()["unit"] == sector.slug
    assert officer.post(base + "assign/", {"executor": staff["info_officer"].pk}, format="json").status_code == 403
    assert head.post(base + "assign/", {"executor": staff["info_officer"].pk}, format="json").json()["state"] == "in_progress"
    asked = officer.post(base + "clarify/", {"question": "Which bank?"}, format="json")
    assert asked.json()["state"] == "waiting_citizen"
    assert APIClient().get(f"/api/v1/public/cases/{case.tracking_token}/").json()["status"] == "waiting_citizen"
    from appeals.services import case_reply

    case_reply(case=case, text="Kapital Bank")
    extended = head.post(base + "extend/", {"days": 5, "reason": "Waiting for the bank"}, format="json")
    assert extended.status_code == 200
    bad = officer.post(base + "answer/", {"outcome": "refused", "ground": "restricted", "text": "No."}, format="json")
    assert bad.status_code == 400 and "outcome" in bad.json()["fields"]
    answered = officer.post(base + "answer/", {"text": "Paid on 20 November."}, format="json")
    assert answered.status_code == 200 and answered.json()["state"] == "in_approval"
    step = ApprovalStep.objects.get(route__object_id=Case.objects.get(pk=case.pk).answer_draft_id, state="waiting")
    approval_decide(step=step, actor=staff["info_head"], approve=True)
    final = officer.get(base).json()
    assert final["state"] == "answered" and final["outcome"] == "full" and final["actions"] == []
    texts = " ".join(event["text"] for event in final["timeline"])
    assert "Routed to" in texts and "Which bank?" in texts and "Waiting for the bank" in texts


def test_forwarding_through_the_api_uses_the_registry_of_bodies(ministry, staff):
    body = ExternalBody.objects.create(name="Dövlət Sosial Müdafiə Fondu")
    ExternalBody.objects.create(name="Closed body", is_active=False)
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    clerk = api_as(staff["clerk"])
    bodies = clerk.get("/api/v1/appeals/bodies/").json()
    assert [b["name"] for b in bodies] == ["Dövlət Sosial Müdafiə Fondu"]
    url = f"/api/v1/appeals/cases/{case.pk}/forward/"
    assert clerk.post(url, {"body": 999999, "text": "x"}, format="json").status_code == 400
    forwarded = clerk.post(url, {"body": body.pk, "text": "Sent to the Fund."}, format="json")
    assert forwarded.status_code == 200 and forwarded.json()["due_explanation"]["policy"] == "appeal.forward"


def test_outsiders_get_404_on_the_case_and_every_step(ministry, staff):
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    outsider = api_as(staff["icd_head"])
    base = f"/api/v1/appeals/cases/{case.pk}/"
    assert outsider.get(base).status_code == 404
    for step, payload in (("route/", {"unit": "x"}), ("assign/", {"executor": 1}), ("clarify/", {"question": "?"}),
                          ("answer/", {"text": "x"}), ("forward/", {"body": 1, "text": "x"}),
                          ("extra-study/", {"reason": "x"}), ("extend/", {"days": 1, "reason": "x"})):
        assert outsider.post(base + step, payload, format="json").status_code == 404, step
    assert outsider.get("/api/v1/appeals/cases/").json()["results"] == []
    assert APIClient().get(base).status_code in (401, 403)


def test_the_list_filters_and_pages_by_cursor_with_a_constant_query_count(ministry, staff, imported):
    now = timezone.now()
    for n in range(7):
        case_submit(organisation=ministry, case_type="appeal", received_at=now - timedelta(hours=n),
                    data={**APPEAL, "subject": f"Case {n}", "email": f"c{n}@example.az", "kind": "complaint" if n % 2 else "suggestion"})
    case_submit(organisation=ministry, case_type="information_request", data={"subject": "Budget", "text": "Budget",
                                                                              "name": "Anar", "email": "a@example.az"})
    clerk = api_as(staff["clerk"])
    first = clerk.get("/api/v1/appeals/cases/", {"type": "appeal", "limit": 3}).json()
    assert [row["subject"] for row in first["results"]] == ["Case 0", "Case 1", "Case 2"]
    second = clerk.get(first["next"]).json()
    assert [row["subject"] for row in second["results"]] == ["Case 3", "Case 4", "Case 5"]
    assert {row["kind"] for row in clerk.get("/api/v1/appeals/cases/", {"kind": "complaint"}).json()["results"]} == {"complaint"}
    assert clerk.get("/api/v1/appeals/cases/", {"overdue": "true"}).json()["results"] == []
    assert clerk.get("/api/v1/appeals/cases/", {"received_from": "1899-01-01"}).status_code == 400
    with CaptureQueriesContext(connection) as few:
        clerk.get("/api/v1/appeals/cases/", {"limit": 2})
    with CaptureQueriesContext(connection) as many:
        clerk.get("/api/v1/appeals/cases/", {"limit": 8})
    assert len(few) == len(many)


def test_the_clerk_finds_a_callers_case_by_name_e_mail_or_phone(client, ministry, staff):
    from django.urls import reverse

    case_submit(organisation=ministry, case_type="appeal", data=APPEAL)  # Leyla Həsənova, leyla@example.az, +994 50 123 45 67
    case_submit(organisation=ministry, case_type="appeal", data={**APPEAL, "subject": "Another matter", "name": "Anar Əliyev",
                                                                 "email": "anar@example.az", "phone": "+994 55 765 43 21"})
    clerk = api_as(staff["clerk"])
    for told in ("Həsənova", "LEYLA@example", "123 45 67"):
        found = clerk.get("/api/v1/appeals/cases/", {"text": told}).json()["results"]
        assert [row["subject"] for row in found] == [APPEAL["subject"]], told
    client.force_login(staff["clerk"])
    page = client.get(reverse("appeals:staff-cases"), {"text": "Əliyev"}).content.decode()
    assert "Another matter" in page and APPEAL["subject"] not in page
    # staff who may not see the cases find nothing by a citizen's name either
    assert api_as(staff["icd_head"]).get("/api/v1/appeals/cases/", {"text": "Həsənova"}).json()["results"] == []


def test_the_registry_registers_a_phone_call_through_the_api(ministry, staff):
    received = (timezone.now() - timedelta(days=1)).isoformat()
    payload = {"case_type": "information_request", "channel": "phone", "received_at": received, "subject": "Opening hours",
               "text": "When is the service centre open?", "name": "Kamran Quliyev", "address": "Bakı", "language": "ru"}
    assert api_as(staff["info_officer"]).post("/api/v1/appeals/cases/", payload, format="json").status_code == 403
    created = api_as(staff["clerk"]).post("/api/v1/appeals/cases/", payload, format="json", HTTP_IDEMPOTENCY_KEY="call-1")
    assert created.status_code == 201, created.content
    assert created.json()["channel"] == "phone" and created.json()["number"].startswith("I-")
    again = api_as(staff["clerk"]).post("/api/v1/appeals/cases/", payload, format="json", HTTP_IDEMPOTENCY_KEY="call-1")
    assert again.status_code == 200 and Case.objects.count() == 1
    online = api_as(staff["clerk"]).post("/api/v1/appeals/cases/", {**payload, "channel": "online"}, format="json")
    assert online.status_code == 400 and "channel" in online.json()["fields"]


def test_the_staff_list_page_shows_filters_and_pages(client, ministry, staff, imported):
    from django.urls import reverse

    now = timezone.now()
    for n in range(52):
        case_submit(organisation=ministry, case_type="appeal", received_at=now - timedelta(minutes=n),
                    data={**APPEAL, "subject": f"Case number {n}", "email": f"p{n}@example.az"})
    client.force_login(staff["clerk"])
    url = reverse("appeals:staff-cases")
    first = client.get(url).content.decode()
    assert "Case number 0<" in first and "Case number 49<" in first and "Case number 50<" not in first
    older = re.search(r'href="\?(before=[^"]+)"', first).group(1).replace("&amp;", "&")
    second = client.get(f"{url}?{older}").content.decode()
    assert "Case number 50<" in second and "Case number 0<" not in second
    filtered = client.get(url, {"text": "number 7"}).content.decode()
    assert "Case number 7<" in filtered and "Case number 8<" not in filtered
    # on a phone the filter stays folded until it is used; its choices read as the page's language, dates get a picker
    assert "<details >" in client.get(url, {"lang": "ru"}).content.decode() and "<details open>" in filtered
    # every filter's empty choice says "all" in the page's language (not "---------", nor "Unknown" for yes/no)
    russian = client.get(url, {"lang": "ru"}).content.decode()
    selects = re.findall(r'<select name="(\w+)".*?<option value=""[^>]*>([^<]*)<', russian, re.S)
    assert {name for name, _label in selects} >= {"state", "type", "kind", "channel", "unit", "overdue"}
    assert {label for _name, label in selects} == {"все"}
    assert 'type="date" name="received_from"' in first
    assert "Case number 1<" not in client.get(url, {"overdue": "true"}).content.decode()  # none is late yet
    assert client.get(url, {"received_from": "1800-01-01"}).status_code == 400
    # the unit is picked by name among the units whose cases the clerk keeps (the API takes its slug)
    sector = imported["İnformasiya sektoru"]
    picker = client.get(url, {"lang": "ru"}).content.decode()
    assert f'<option value="{sector.slug}">İnformasiya sektoru</option>' in picker and "A unit's slug" not in picker
    case_route(actor=staff["clerk"], case=Case.objects.get(subject="Case number 3"), unit=sector)
    in_sector = client.get(url, {"unit": sector.slug}).content.decode()
    assert "Case number 3<" in in_sector and "Case number 4<" not in in_sector
    assert client.get(url, {"unit": "no-such-unit"}).status_code == 400
    client.force_login(staff["icd_head"])
    assert "Case number" not in client.get(url).content.decode()


def test_who_sees_which_case(ministry, staff, imported):
    from tests.factories import UserFactory
    from units.services import membership_assign

    sector = imported["İnformasiya sektoru"]
    unrouted, _c = case_submit(organisation=ministry, case_type="appeal", data={**APPEAL, "email": "a@example.az"})
    routed, _c = case_submit(organisation=ministry, case_type="appeal", data={**APPEAL, "email": "b@example.az"})
    from appeals.services import case_route

    case_route(actor=staff["clerk"], case=routed, unit=sector)
    outside_executor = UserFactory(username="lent_officer")
    membership_assign(user=outside_executor, unit=imported["Kommunikasiya sektoru"], kind="officer")
    Case.objects.filter(pk=routed.pk).update(executor=outside_executor, state="in_progress")
    sector_clerk = UserFactory(username="sector_clerk")
    membership_assign(user=sector_clerk, unit=sector, kind="clerk")

    def seen(user):
        return set(Case.objects.visible_to(user).values_list("pk", flat=True))

    assert seen(staff["clerk"]) == {unrouted.pk, routed.pk}
    assert seen(staff["info_head"]) == {routed.pk} == seen(sector_clerk)
    assert seen(outside_executor) == {routed.pk}  # the case they execute, though it is not their unit's
    assert seen(staff["comm_officer"]) == set() == seen(staff["icd_head"])


def test_the_case_pages_cost_the_same_however_long_the_story(client, ministry, staff, imported):
    from django.urls import reverse

    from appeals.services import case_ask_clarification, case_assign, case_reply, case_route

    case, _c = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
    case = case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
    client.force_login(staff["info_officer"])
    staff_page, track_page = reverse("appeals:staff-case", args=[case.pk]), reverse("appeals:track", args=[case.tracking_token])

    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    short = cost(staff_page), cost(track_page)
    for n in range(4):
        case_ask_clarification(actor=staff["info_officer"], case=case, question=f"Question {n}?")
        case_reply(case=case, text=f"Reply {n}")
    assert (cost(staff_page), cost(track_page)) == short
    # the staff's history says which way each message went
    client.cookies["portal_language"] = "en"
    history = html.unescape(client.get(staff_page).content.decode())
    assert "Question to the citizen: Question 3?" in history and "The citizen's reply: Reply 3" in history
