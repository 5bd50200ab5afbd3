"""The API reaches everything the pages do: outgoing drafts along their route to a signed letter, the archive's
transfer list and disposal acts, and a work plan's period report with its files. Outsiders get 404."""

from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from documents.models import CaseFile, Document, OutgoingDraft
from documents.services.plans import plan_approve, plan_create, plan_item_add, plan_submit
from units.models import Clause

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_a_draft_goes_from_the_api_to_a_signed_registered_letter(staff, imported):
    officer, sector_head, department_head = api(staff["info_officer"]), api(staff["info_head"]), api(staff["pr_head"])
    refused = officer.post("/api/v1/documents/drafts/", {"unit": imported["International Cooperation Department"].slug,
                                                         "addressee": "A", "subject": "S", "body": "B"}, format="json")
    assert refused.status_code == 400 and "unit" in refused.json()["fields"]
    created = officer.post("/api/v1/documents/drafts/", {
        "unit": imported["İnformasiya sektoru"].slug, "addressee": "“Xalq qəzeti” redaksiyası",
        "subject": "Correction of the figures", "body": "The figures published are wrong."}, format="json")
    assert created.status_code == 201, created.content
    draft_id = created.json()["id"]
    assert [d["id"] for d in officer.get("/api/v1/documents/drafts/").json()["results"]] == [draft_id]

    edited = officer.put(f"/api/v1/documents/drafts/{draft_id}/", {
        "unit": imported["İnformasiya sektoru"].slug, "addressee": "“Xalq qəzeti” redaksiyası",
        "subject": "Correction of the figures", "body": "The figures published are wrong. Source: the Statistics Committee."},
        format="json")
    assert edited.status_code == 200 and "Statistics Committee" in edited.json()["body"]
    sent = officer.post(f"/api/v1/documents/drafts/{draft_id}/send/",
                        {"visas": [staff["info_head"].pk], "signer": staff["pr_head"].pk}, format="json")
    assert sent.status_code == 200, sent.content
    assert sent.json()["state"] == "in_approval"
    assert [s["kind"] for s in sent.json()["routes"][0]["steps"]] == ["visa", "signature"]
    assert officer.put(f"/api/v1/documents/drafts/{draft_id}/", {**edited.json(), "unit": imported["İnformasiya sektoru"].slug},
                       format="json").status_code == 400  # locked while in approval

    queue = sector_head.get("/api/v1/documents/approvals/").json()["results"]
    assert queue[0]["item_page"].endswith(f"/documents/drafts/{draft_id}/")
    assert sector_head.post(f"/api/v1/documents/approvals/{queue[0]['id']}/decide/", {"approve": True}, format="json").status_code == 200
    signature = department_head.get("/api/v1/documents/approvals/").json()["results"][0]
    assert department_head.post(f"/api/v1/documents/approvals/{signature['id']}/decide/", {"approve": True},
                                format="json").status_code == 200

    detail = officer.get(f"/api/v1/documents/drafts/{draft_id}/").json()
    assert detail["state"] == "signed" and detail["document_number"]
    assert Document.objects.get(pk=detail["document"]).direction == "outgoing"
    letter = officer.get(f"/api/v1/documents/drafts/{draft_id}/letter/", HTTP_ACCEPT="application/pdf")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf" and letter.content.startswith(b"%PDF")
    assert detail["document_number"].replace("/", "-") in letter["Content-Disposition"]

    outsider = api(staff["icd_head"])
    for url in (f"/api/v1/documents/drafts/{draft_id}/", f"/api/v1/documents/drafts/{draft_id}/letter/"):
        assert outsider.get(url).status_code == 404
    assert outsider.post(f"/api/v1/documents/drafts/{draft_id}/send/", {"signer": staff["pr_head"].pk},
                         format="json").status_code == 404
    assert outsider.get("/api/v1/documents/drafts/").json()["results"] == []


def test_the_route_must_name_people_of_the_organisation(staff, imported):
    from tests.factories import UserFactory

    officer = api(staff["info_officer"])
    draft_id = officer.post("/api/v1/documents/drafts/", {"unit": imported["İnformasiya sektoru"].slug, "addressee": "A",
                                                          "subject": "S", "body": "B"}, format="json").json()["id"]
    stranger = UserFactory()
    refused = officer.post(f"/api/v1/documents/drafts/{draft_id}/send/", {"visas": [stranger.pk], "signer": staff["pr_head"].pk},
                           format="json")
    assert refused.status_code == 400 and "visas" in refused.json()["fields"]
    assert OutgoingDraft.objects.get(pk=draft_id).state == "draft"


@pytest.fixture
def archive(imported):
    department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    year = timezone.localdate().year - 6

    def make(index, **extra):
        return CaseFile.objects.create(organisation=ministry, unit=department, index=index, title=f"File {index}", year=year,
                                       retention_years=3, closed_at=timezone.now(), **extra)

    return {"unit": department, "year": year, "old": make("01-1"),
            "held": make("01-2", legal_hold=True, legal_hold_reason="Court case 2-145/2026")}


def test_the_archive_api_lists_exports_and_disposes_never_under_a_hold(staff, archive):
    head = api(staff["pr_head"])
    query = {"unit": archive["unit"].slug, "year": archive["year"]}
    rows = head.get("/api/v1/documents/archive/transfer-list/", query).json()
    assert [r["index"] for r in rows] == ["01-1", "01-2"]
    sheet = head.get("/api/v1/documents/archive/transfer-list/xlsx/", query)
    assert sheet.status_code == 200
    cells = [row[0] for row in load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True)]
    assert cells == ["Index", "01-1", "01-2"]

    held = head.post("/api/v1/documents/archive/disposal-acts/", {"unit": archive["unit"].slug,
                                                                  "case_files": [archive["old"].pk, archive["held"].pk]}, format="json")
    assert held.status_code == 400 and held.json()["code"] == "disposal_refused"
    assert "Court case 2-145/2026" in held.json()["fields"]["case_files"][0]
    act = head.post("/api/v1/documents/archive/disposal-acts/", {"unit": archive["unit"].slug, "case_files": [archive["old"].pk]},
                    format="json")
    assert act.status_code == 201 and act.json()["state"] == "draft"
    approved = head.post(f"/api/v1/documents/archive/disposal-acts/{act.json()['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    archive["old"].refresh_from_db()
    assert archive["old"].disposed_at is not None and [r["index"] for r in head.get(
        "/api/v1/documents/archive/transfer-list/", query).json()] == ["01-2"]

    outsider = api(staff["icd_head"])
    assert outsider.get("/api/v1/documents/archive/transfer-list/", query).status_code == 404
    assert outsider.get("/api/v1/documents/archive/transfer-list/xlsx/", query).status_code == 404
    assert outsider.post(f"/api/v1/documents/archive/disposal-acts/{act.json()['id']}/approve/").status_code == 404
    assert outsider.get("/api/v1/documents/archive/disposal-acts/").json()["results"] == []


@pytest.fixture
def approved_plan(staff, imported):
    sector = imported["İnformasiya sektoru"]
    today = timezone.localdate()
    plan = plan_create(actor=staff["info_head"], unit=sector, period="quarter", year=today.year, number=(today.month - 1) // 3 + 1)
    duty = Clause.objects.substantive().filter(unit=sector, kind="duty").order_by("sort_key").first()
    plan_item_add(actor=staff["info_head"], plan=plan, title="Weekly digest", clauses=[duty], responsible=staff["info_officer"],
                  due_date=plan.bounds[1])
    plan_submit(actor=staff["info_head"], plan=plan)
    return plan_approve(actor=staff["pr_head"], plan=plan)


def test_the_period_report_through_the_api(staff, approved_plan, imported):
    sector_head, department_head = api(staff["info_head"]), api(staff["pr_head"])
    url = f"/api/v1/work-plans/{approved_plan.pk}/report/"
    report = sector_head.get(url).json()
    assert report["state"] == "draft" and report["counts"]["not_done"] == 1
    assert report["rows"][0]["item"]["title"] == "Weekly digest"
    cited = report["rows"][0]["item"]["clauses"]
    unplanned = [d["number"] for d in report["unplanned_duties"]]
    assert unplanned and not set(cited) & set(unplanned)

    saved = sector_head.put(url, {"narrative": "The quarter went to the digest."}, format="json")
    assert saved.status_code == 200 and saved.json()["narrative"] == "The quarter went to the digest."
    assert sector_head.post(f"{url}approve/").status_code == 403
    approved = department_head.post(f"{url}approve/")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert sector_head.put(url, {"narrative": "Rewritten"}, format="json").status_code == 400

    pdf = department_head.get(f"{url}pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    workbook = load_workbook(BytesIO(department_head.get(f"{url}xlsx/").content))
    assert workbook.sheetnames == ["Measures", "Unplanned duties"]
    assert workbook["Measures"]["E2"].value == "not done"

    outsider = api(staff["icd_head"])
    for suffix in ("", "pdf/", "xlsx/"):
        assert outsider.get(f"{url}{suffix}").status_code == 404


def test_a_plan_not_yet_approved_has_no_report(staff, imported):
    plan = plan_create(actor=staff["info_head"], unit=imported["İnformasiya sektoru"], period="year", year=timezone.localdate().year)
    assert api(staff["info_head"]).get(f"/api/v1/work-plans/{plan.pk}/report/").status_code == 404
