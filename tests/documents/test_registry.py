"""The registry and its shared mechanisms: numbering (unique and gapless under concurrency), registering
(idempotent), visibility (the registry clerk sees the whole organisation but restricted documents), the
attachment store (type by content, size, count; files follow visibility), pages and API."""

import itertools
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import Attachment, CaseFile, Document, Journal
from documents.services.numbering import registration_number_next
from documents.services.registry import document_register, journal_for
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from units.models import PositionKind
from units.services import membership_assign

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(name="letter.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def ministry(imported):
    return imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]


@pytest.fixture
def clerk(ministry):
    user = UserFactory(username="registry_clerk")
    membership_assign(user=user, unit=ministry, kind=PositionKind.CLERK)
    return user


@pytest.fixture
def case_file(ministry, imported):
    from django.utils import timezone

    return CaseFile.objects.create(organisation=ministry, unit=imported["İctimaiyyətlə əlaqələr şöbəsi"], index="12-3",
                                   title="Correspondence with the media", year=timezone.localdate().year, retention_years=5)


def register(actor, unit, **extra):
    values = {"direction": "incoming", "subject": "Request for an interview", "correspondent": "AZERTAC", **extra}
    document, _created = document_register(actor=actor, unit=unit, **values)
    return document


# --- numbering ------------------------------------------------------------------------------------

def test_numbers_follow_the_journal_format_with_the_case_file_index(clerk, imported, case_file):
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    first = register(clerk, unit, direction="outgoing", case_file=case_file)
    second = register(clerk, unit, direction="outgoing", case_file=case_file)
    year = first.year % 100
    assert (first.number, second.number) == (f"12-3/1-{year:02d}", f"12-3/2-{year:02d}")
    assert register(clerk, unit).number == f"1/{year:02d}"  # incoming: the registry's own count


def test_the_number_format_is_configurable_and_a_broken_one_is_a_clear_error(clerk, imported, ministry):
    journal = journal_for(organisation=ministry, direction="internal")
    journal.number_format = "{code}-{yyyy}-{seq}"
    journal.save()
    document = register(clerk, imported["İnformasiya sektoru"], direction="internal", correspondent="")
    assert document.number == f"internal-{document.year}-1"
    Journal.objects.filter(pk=journal.pk).update(number_format="{nonsense}")
    with pytest.raises(ApplicationError) as error:
        register(clerk, imported["İnformasiya sektoru"], direction="internal", correspondent="")
    assert error.value.code == "bad_number_format"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/core/test_browser_csp.py
def test_numbers_are_unique_and_gapless_under_concurrency(ministry):
    journal = Journal.objects.create(organisation=ministry, code="appeals", name="Appeals", direction="incoming",
                                     number_format="{seq}")
    taken = itertools.count()

    def take_five():
        numbers = []
        for _ in range(5):
            with transaction.atomic():
                numbers.append(registration_number_next(journal=journal)[1])
        next(taken)
        return numbers

    results = run_at_once(take_five, times=8)
    numbers = sorted(n for batch in results for n in batch)
    assert numbers == list(range(1, 41))


def test_a_rolled_back_registration_gives_its_number_back(clerk, imported):
    unit = imported["İnformasiya sektoru"]
    with pytest.raises(ApplicationError):
        register(clerk, unit, attachments=[SimpleUploadedFile("virus.pdf", EXE)])
    assert register(clerk, unit).sequence == 1


# --- registering ----------------------------------------------------------------------------------

def test_the_same_idempotency_key_registers_one_document(clerk, imported):
    unit = imported["İnformasiya sektoru"]
    first, created = document_register(actor=clerk, unit=unit, direction="incoming", subject="S", correspondent="C",
                                       idempotency_key="form-123")
    again, created_again = document_register(actor=clerk, unit=unit, direction="incoming", subject="S", correspondent="C",
                                             idempotency_key="form-123")
    assert created and not created_again and first.pk == again.pk
    assert Document.objects.count() == 1


@pytest.mark.parametrize(("values", "field"), [
    ({"subject": "  "}, "subject"),
    ({"correspondent": ""}, "correspondent"),
    ({"correspondent_date": __import__("datetime").date(2999, 1, 1)}, "correspondent_date"),
])
def test_bad_input_names_the_field(clerk, imported, values, field):
    with pytest.raises(ApplicationError) as error:
        register(clerk, imported["İnformasiya sektoru"], **values)
    assert field in error.value.fields


def test_every_field_at_fault_is_named_at_once(clerk, imported):
    from datetime import date

    with pytest.raises(ApplicationError) as error:
        register(clerk, imported["İnformasiya sektoru"], subject=" ", correspondent="", correspondent_date=date(2999, 1, 1))
    assert set(error.value.fields) == {"subject", "correspondent", "correspondent_date"}


def test_an_officer_cannot_register(staff, imported):
    with pytest.raises(PermissionDeniedError):
        register(staff["info_officer"], imported["İnformasiya sektoru"])


def test_a_closed_case_file_is_refused(clerk, imported, case_file):
    from django.utils import timezone

    CaseFile.objects.filter(pk=case_file.pk).update(closed_at=timezone.now())
    case_file.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        register(clerk, imported["İnformasiya sektoru"], case_file=case_file)
    assert "case_file" in error.value.fields


# --- visibility -----------------------------------------------------------------------------------

def test_the_registry_clerk_sees_the_whole_organisation_but_restricted_documents(clerk, staff, imported):
    head = staff["pr_head"]
    sector = imported["İnformasiya sektoru"]
    ordinary = register(head, sector)
    restricted = register(head, sector, direction="internal", correspondent="", access_level="restricted")
    other_org = register(staff["icd_head"], imported["International Cooperation Department"])
    assert set(Document.objects.visible_to(clerk)) == {ordinary}
    assert {ordinary, restricted} <= set(Document.objects.visible_to(head))
    assert other_org not in Document.objects.visible_to(head)
    assert set(Document.objects.visible_to(staff["info_officer"])) == {ordinary}  # own unit, not restricted
    assert set(Document.objects.visible_to(staff["comm_officer"])) == set()


def test_an_outsider_gets_404_on_the_document_its_api_and_its_files(client, clerk, staff, imported):
    document = register(clerk, imported["İnformasiya sektoru"], attachments=[pdf()])
    attachment = Attachment.objects.get()
    outsider = staff["icd_head"]
    client.force_login(outsider)
    assert client.get(reverse("documents:document", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:attachment", args=[attachment.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    assert api.post(f"/api/v1/documents/{document.pk}/attachments/", {"attachments": [pdf()]}, format="multipart").status_code == 404
    client.force_login(staff["info_officer"])
    download = client.get(reverse("documents:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert 'filename="letter.pdf"' in download["Content-Disposition"]


# --- attachments ----------------------------------------------------------------------------------

def test_attachments_are_checked_by_content_not_name(clerk, imported, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    unit = imported["İnformasiya sektoru"]
    with pytest.raises(ApplicationError) as error:
        register(clerk, unit, attachments=[SimpleUploadedFile("scan.pdf", EXE, content_type="application/pdf")])
    assert error.value.code == "attachment_type" and "scan.pdf" in error.value.message
    with pytest.raises(ApplicationError):
        register(clerk, unit, attachments=[SimpleUploadedFile("archive.docx", b"Rar!\x1a\x07\x00" + b"x" * 50)])
    document = register(clerk, unit, attachments=[pdf("Məktub.pdf"), SimpleUploadedFile("note.txt", "Qeyd: mətn".encode())])
    stored = {a.original_name: a for a in Attachment.objects.filter(object_id=document.pk)}
    assert stored["Məktub.pdf"].mime_type == "application/pdf" and stored["note.txt"].mime_type == "text/plain"
    assert "Məktub" not in stored["Məktub.pdf"].file.name and stored["Məktub.pdf"].file.name.startswith("attachments/")
    assert Document.objects.count() == 1  # nothing registered for the refused uploads


def test_attachment_size_and_count_limits(clerk, imported, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_BYTES = 100
    settings.ATTACHMENT_MAX_COUNT = 2
    unit = imported["İnformasiya sektoru"]
    with pytest.raises(ApplicationError) as error:
        register(clerk, unit, attachments=[pdf(content=PDF + b" " * 200)])
    assert error.value.code == "attachment_too_large"
    with pytest.raises(ApplicationError) as error:
        register(clerk, unit, attachments=[pdf("a.pdf"), pdf("b.pdf"), pdf("c.pdf")])
    assert error.value.code == "attachment_count"


# --- pages and API --------------------------------------------------------------------------------

def test_the_registry_page_lists_in_a_constant_number_of_queries(client, clerk, imported):
    unit = imported["İnformasiya sektoru"]
    client.force_login(clerk)
    register(clerk, unit)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("documents:registry")).status_code == 200
    for n in range(15):
        register(clerk, unit, subject=f"Letter {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("documents:registry") + "?lang=en")
    assert len(many) == len(few)
    assert "Letter 14" in page.content.decode()
    # the filter's empty choices read alike: unit and case file as direction and state ("all", not "---------")
    assert set(re.findall(r'<option value=""[^>]*>([^<]*)<', page.content.decode())) == {"all"}


def test_the_register_page_says_what_an_empty_choice_means(client, clerk, imported):
    client.force_login(clerk)
    for language, required, optional in (("az", "— seçin —", "— yoxdur —"), ("ru", "— выберите —", "— нет —")):
        client.cookies["portal_language"] = language
        html = client.get(reverse("documents:document-register")).content.decode()
        empty = dict(re.findall(r'<select name="(\w+)"[^>]*>\s*<option value=""[^>]*>([^<]*)<', html))
        # the unit must be chosen; a case file may be left for later
        assert empty == {"unit": required, "case_file": optional}


def test_the_register_page_registers_once_and_keeps_input_on_error(client, clerk, imported, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(clerk)
    client.cookies["portal_language"] = "en"
    unit = imported["İnformasiya sektoru"]
    bad = client.post(reverse("documents:document-register"), {
        "direction": "incoming", "unit": unit.slug, "subject": "Interview request", "correspondent": "", "pages": 2,
        "access_level": "internal", "idempotency_key": "k1", "attachments": [SimpleUploadedFile("x.pdf", EXE)]})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'value="Interview request"' in html and "Name the sender of an incoming document" in html
    # the registration's own rule is named with the fields' errors on the first answer, not after they are fixed
    rounds = client.post(reverse("documents:document-register"), {
        "direction": "incoming", "unit": unit.slug, "subject": "", "correspondent": "", "pages": 0,
        "access_level": "internal", "idempotency_key": "k0"})
    assert rounds.status_code == 400
    assert set(rounds.context["form"].errors) == {"subject", "correspondent", "pages"}
    wrong_file = client.post(reverse("documents:document-register"), {
        "direction": "incoming", "unit": unit.slug, "subject": "Interview request", "correspondent": "AZERTAC", "pages": 2,
        "access_level": "internal", "idempotency_key": "k1", "attachments": [SimpleUploadedFile("x.pdf", EXE)]})
    assert wrong_file.status_code == 400
    assert "“x.pdf” is not a PDF" in wrong_file.content.decode() and 'value="AZERTAC"' in wrong_file.content.decode()
    assert Document.objects.count() == 0
    form = {"direction": "incoming", "unit": unit.slug, "subject": "Interview request", "correspondent": "AZERTAC",
            "pages": 2, "access_level": "internal", "idempotency_key": "k2"}
    first = client.post(reverse("documents:document-register"), {**form, "attachments": [pdf()]})
    second = client.post(reverse("documents:document-register"), form)  # the double click
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Document.objects.count() == 1
    document = Document.objects.get()
    page = client.get(first["Location"]).content.decode()
    assert document.number in page and "letter.pdf" in page


def test_the_api_registers_idempotently_and_filters(clerk, imported):
    api = APIClient()
    api.force_authenticate(clerk)
    unit = imported["İnformasiya sektoru"]
    body = {"unit": unit.slug, "direction": "incoming", "subject": "Press accreditation", "correspondent": "Report.az"}
    first = api.post("/api/v1/documents/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    again = api.post("/api/v1/documents/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    api.post("/api/v1/documents/", {**body, "direction": "outgoing", "subject": "Reply"}, format="json")
    listed = api.get("/api/v1/documents/", {"direction": "incoming", "text": "accreditation"}).json()
    assert [d["subject"] for d in listed["results"]] == ["Press accreditation"]
    refused = api.post("/api/v1/documents/", {**body, "correspondent": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and "correspondent" in refused.json()["fields"]
    # with the fields' own errors in one answer, as the register form does
    refused = api.post("/api/v1/documents/", {**body, "correspondent": "", "pages": 0}, format="json")
    assert refused.status_code == 400 and set(refused.json()["fields"]) == {"correspondent", "pages"}


def test_the_registry_page_filters_by_state_unit_and_case_file(client, clerk, imported, case_file):
    client.force_login(clerk)
    sector, department = imported["İnformasiya sektoru"], imported["İctimaiyyətlə əlaqələr şöbəsi"]
    register(clerk, sector, subject="Sector letter")
    register(clerk, department, subject="Department letter", case_file=case_file)
    by_unit = client.get(reverse("documents:registry"), {"unit": sector.slug}).content.decode()
    assert "Sector letter" in by_unit and "Department letter" not in by_unit
    assert not re.search(r"<ul>\s*</ul>", by_unit)  # one page: no empty list of pages for a screen reader to announce
    by_file = client.get(reverse("documents:registry"), {"case_file": case_file.pk}).content.decode()
    assert "Department letter" in by_file and "Sector letter" not in by_file
    assert client.get(reverse("documents:registry"), {"state": "nonsense"}).status_code == 400


def test_the_registry_finds_a_letter_by_the_number_its_sender_gave_it(client, clerk, imported):
    sector = imported["İnformasiya sektoru"]
    register(clerk, sector, subject="Interview request", correspondent_number="AZ-15/234")
    register(clerk, sector, subject="Another request", correspondent_number="AZ-16/001")
    client.force_login(clerk)
    found = client.get(reverse("documents:registry"), {"text": "15/234"}).content.decode()
    assert "Interview request" in found and "Another request" not in found
    api = APIClient()
    api.force_authenticate(clerk)
    assert [d["subject"] for d in api.get("/api/v1/documents/", {"text": "15/234"}).json()["results"]] == ["Interview request"]


def test_the_registry_page_pages_back_in_time_without_counting(client, clerk, imported):
    unit = imported["İnformasiya sektoru"]
    for n in range(55):
        register(clerk, unit, subject=f"Letter {n:02d}")
    client.force_login(clerk)
    client.cookies["portal_language"] = "en"
    first = client.get(reverse("documents:registry"), {"text": "Letter"})
    html = first.content.decode()
    assert "Letter 54" in html and "Letter 04" not in html and "Older documents" in html
    older = first.context["older"]
    second = client.get(reverse("documents:registry"), {"text": "Letter", "before": older}).content.decode()
    assert "Letter 04" in second and "Letter 00" in second and "Letter 54" not in second and "Older documents" not in second
    assert client.get(reverse("documents:registry"), {"before": "garbage"}).status_code == 200
