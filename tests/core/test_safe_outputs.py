"""Safe outputs: spreadsheet cells that look like formulas stay text; a Content-Security-Policy on
every page; rejected uploads answer 400."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import xlsx_workbook
from tests.factories import UserFactory, open_card

pytestmark = pytest.mark.django_db


def _reload(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


@pytest.mark.smoke
def test_formula_looking_text_is_written_as_text_and_numbers_stay_numbers():
    rows = [["=HYPERLINK(\"http://evil.example\",\"click\")", 3], ["+1+2", 2.5], ["-2-3", None], ["@SUM(A1)", 0]]
    sheet = _reload(xlsx_workbook([("Export", ["Title", "Count"], rows)])).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [[r[0], r[1]] for r in rows]
    assert {sheet.cell(row=r, column=1).data_type for r in range(2, 6)} == {"s"}
    assert sheet.cell(row=2, column=2).data_type == "n"


def test_the_unit_control_export_keeps_a_formula_title_as_text(client, staff, imported):
    open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"], title="=1+cmd|' /C calc'!A0")
    client.force_login(staff["pr_head"])
    export = client.get(reverse("documents:unit-control"), {"unit": imported["İnformasiya sektoru"].slug, "format": "xlsx"})
    cards = load_workbook(BytesIO(export.content)).worksheets[1]
    cell = cards.cell(row=2, column=1)
    assert cell.value == "=1+cmd|' /C calc'!A0" and cell.data_type == "s"


def test_every_page_carries_a_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/api/docs/")["Content-Security-Policy"]


def test_a_rejected_upload_answers_400_and_keeps_what_was_typed(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_regulation"))
    client.force_login(user)
    client.cookies["portal_language"] = "en"
    from django.core.files.uploadedfile import SimpleUploadedFile

    binary = SimpleUploadedFile("reg.txt", b"\x00\x01binary", content_type="text/plain")
    response = client.post(reverse("units:regulation-upload"), {"file": binary, "organisation": "Ministry of Tests"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The file is not a text file." in html and 'value="Ministry of Tests"' in html
    empty = client.post(reverse("units:regulation-upload"), {"text": "   "})
    assert empty.status_code == 400


def test_a_refused_import_answers_400(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_regulation"))
    client.force_login(user)
    text = "ƏSASNAMƏ\n\n1. Ümumi müddəalar\n\n1.1. Sektor işləri görür.\n"
    response = client.post(reverse("units:regulation-upload"), {"text": text, "confirm": "1"})
    assert response.status_code == 400  # the text names no organisation; nothing is imported


def test_the_regulation_preview_is_capped_and_rate_limited(drf_throttle_rates):
    from rest_framework.test import APIClient

    from units.importer.parse import MAX_TEXT_BYTES

    drf_throttle_rates(regulation_preview="3/hour")
    client = APIClient()
    client.force_authenticate(UserFactory())
    too_big = client.post("/api/v1/regulations/preview/", {"text": "ə" * (MAX_TEXT_BYTES // 2 + 1)}, format="json",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert too_big.status_code == 400 and too_big.json()["fields"]["text"] == ["The text is larger than 1 MB."]
    codes = [client.post("/api/v1/regulations/preview/", {"text": "1. Ümumi\n1.1. Mətn."}, format="json").status_code
             for _ in range(3)]
    assert codes == [200, 200, 429]
