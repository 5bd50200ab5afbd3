"""Nomenclature and archive: year-end closing, the transfer list, disposal refused under a legal hold or
before retention ends, approved by a head."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import CaseFile, DisposalAct
from documents.services.archive import (
    archive_transfer_list,
    case_files_close_past_years,
    disposal_act_approve,
    disposal_act_create,
)
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(imported):
    department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    this_year = timezone.localdate().year

    def make(index, year, retention=3, **extra):
        return CaseFile.objects.create(organisation=ministry, unit=department, index=index, title=f"File {index}", year=year,
                                       retention_years=retention, closed_at=timezone.now() if year < this_year else None, **extra)

    return {
        "old": make("01-1", this_year - 6),
        "held": make("01-2", this_year - 6, legal_hold=True, legal_hold_reason="Court case 2-145/2026"),
        "recent": make("01-3", this_year - 2),
        "permanent": make("01-4", this_year - 10, retention=None),
        "open": make("01-5", this_year),
    }


def test_past_years_close_on_a_working_day_only(imported, files):
    CaseFile.objects.update(closed_at=None)
    assert case_files_close_past_years(today=date(2026, 1, 3)) == 0  # a Saturday
    closed = case_files_close_past_years(today=date(2026, 1, 5))  # Monday, the first working day
    assert closed == CaseFile.objects.filter(year__lt=2026).count()
    assert not CaseFile.objects.filter(year__gte=2026, closed_at__isnull=False).exists()


def test_the_transfer_list_names_closed_files_with_their_document_counts(imported, files):
    rows = list(archive_transfer_list(unit=imported["İctimaiyyətlə əlaqələr şöbəsi"], year=files["old"].year))
    assert [(r.index, r.documents_count) for r in rows] == [("01-1", 0), ("01-2", 0)]


@translation.override("en")
def test_disposal_is_refused_under_a_legal_hold_and_before_retention_ends(staff, imported, files):
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    for key, words in (("held", "Court case 2-145/2026"), ("recent", "must be kept until"), ("permanent", "kept permanently")):
        with pytest.raises(ApplicationError) as error:
            disposal_act_create(actor=staff["pr_head"], unit=unit, case_files=[files["old"], files[key]])
        assert error.value.code == "disposal_refused" and words in " ".join(error.value.fields["case_files"])
    assert not DisposalAct.objects.exists()


def test_a_head_approves_the_act_and_a_later_hold_stops_it(staff, imported, files):
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    act = disposal_act_create(actor=staff["pr_head"], unit=unit, case_files=[files["old"]])
    with pytest.raises(PermissionDeniedError):
        disposal_act_approve(actor=staff["pr_officer"], act=act)
    CaseFile.objects.filter(pk=files["old"].pk).update(legal_hold=True, legal_hold_reason="Audit")
    with pytest.raises(ApplicationError):
        disposal_act_approve(actor=staff["pr_head"], act=act)
    CaseFile.objects.filter(pk=files["old"].pk).update(legal_hold=False)
    approved = disposal_act_approve(actor=staff["pr_head"], act=act)
    assert approved.state == "approved" and CaseFile.objects.get(pk=files["old"].pk).disposed_at is not None


def test_the_archive_page_exports_the_transfer_list_and_refuses_a_held_disposal(client, staff, imported, files):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = "en"
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    year = files["old"].year
    page = client.get(reverse("documents:archive"), {"unit": unit.slug, "year": year})
    assert page.status_code == 200 and "01-1" in page.content.decode()
    boxes = _checkboxes(page.content.decode())
    assert " disabled" in boxes[files["held"].pk] and " disabled" not in boxes[files["old"].pk]  # a held file cannot be ticked
    Unit.objects.filter(pk=unit.pk).update(name_en="Public Relations Department")
    assert f'<option value="{unit.slug}" selected>Public Relations Department</option>' in client.get(  # in the page's language
        reverse("documents:archive"), {"unit": unit.slug, "year": year}).content.decode()
    export = client.get(reverse("documents:archive"), {"unit": unit.slug, "year": year, "format": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["01-1", "01-2"]
    refused = client.post(reverse("documents:disposal-create"), {"unit": unit.slug, "case_files": [files["held"].pk]})
    assert refused.status_code == 400 and "Court case 2-145/2026" in refused.content.decode()
    created = client.post(reverse("documents:disposal-create"), {"unit": unit.slug, "case_files": [files["old"].pk]})
    assert created.status_code == 302
    act = DisposalAct.objects.get()
    assert client.post(reverse("documents:disposal-approve", args=[act.pk])).status_code == 302
    assert DisposalAct.objects.get().state == "approved"
    api = APIClient()
    api.force_authenticate(staff["pr_head"])
    listed = api.get("/api/v1/documents/case-files/", {"year": year}).json()["results"]
    assert {f["index"] for f in listed} >= {"01-1", "01-2"}
    outsider = APIClient()
    outsider.force_authenticate(staff["icd_head"])
    assert outsider.get("/api/v1/documents/case-files/", {"year": year}).json()["results"] == []


def test_an_officer_is_told_who_keeps_the_archive(client, staff):
    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    response = client.get(reverse("documents:archive"))
    assert response.status_code == 200 and "kept by the registry and the heads of units" in response.content.decode()


def _checkboxes(html):
    """The disposal form's boxes by case file id."""
    import re

    return {int(re.search(r'value="(\d+)"', tag).group(1)): tag for tag in re.findall(r'<input type="checkbox" name="case_files"[^>]*>', html)}
