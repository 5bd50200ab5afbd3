import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from tests.conftest import REGULATIONS
from tests.factories import UserFactory
from units.models import Regulation

pytestmark = pytest.mark.django_db


def test_structure_page_shows_the_tree(client, imported):
    html = client.get(reverse("units:tree")).content.decode()
    for name in ("Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "İnformasiya sektoru", "International Cooperation Department"):
        assert name in html


def test_unit_page_shows_duties_rights_sectors_and_approval(client, imported):
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    html = client.get(reverse("units:detail", args=[unit.slug]) + "?lang=en").content.decode()
    assert "3.1.24" in html and "4.1.3" in html and "5.4.7" in html
    assert "İnformasiya sektoru" in html
    assert "əmək və əhalinin sosial müdafiəsi naziri" in html
    regulation = Regulation.objects.get(unit=unit)
    assert reverse("units:regulation-source", args=[regulation.pk]) in html
    source = client.get(reverse("units:regulation-source", args=[regulation.pk]))
    assert source["Content-Type"].startswith("text/plain") and "Əsasnaməsi" in source.content.decode()


def test_a_regulation_in_another_language_says_so_and_is_marked_for_screen_readers(client, imported):
    unit = imported["International Cooperation Department"]
    russian = client.get(reverse("units:detail", args=[unit.slug]) + "?lang=ru").content.decode()
    assert "на английском" in russian and '<span lang="en">' in russian  # read with English pronunciation
    english = client.get(reverse("units:detail", args=[unit.slug]) + "?lang=en").content.decode()
    assert "the language it was published in" not in english


def test_unit_pages_render_with_a_constant_number_of_queries(client, imported):
    def queries_for(name):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("units:detail", args=[imported[name].slug])).status_code == 200
        return len(queries)

    # a department with 80 clauses and four sectors, and a sector with 16
    assert queries_for("İctimaiyyətlə əlaqələr şöbəsi") == queries_for("Kommunikasiya sektoru")


def test_search_page_links_to_the_clause(client, imported):
    response = client.get(reverse("units:search"), {"q": "İctimai şura"})
    html = response.content.decode()
    assert "#clause-" in html and "3.1.5" in html


def test_api_tree_detail_and_search(imported):
    client = APIClient()
    tree = client.get("/api/v1/units/").json()
    assert any(u["name"] == "Rəqəmsal media sektoru" for u in tree)
    slug = imported["International Cooperation Department"].slug
    detail = client.get(f"/api/v1/units/{slug}/").json()
    assert [c["number"] for c in detail["clauses"]["duty"]][:2] == ["3.1", "3.1.1"]
    assert {s["name"] for s in detail["sub_units"]} == {"Sector for Organization of International Events",
                                                        "Sector for Relations with International Organizations"}
    found = client.get("/api/v1/clauses/search/", {"q": "visas"}).json()
    assert any(c["number"] == "6.1.4" for c in found)
    assert client.get("/api/v1/clauses/search/").status_code == 400
    assert client.get("/api/v1/units/no-such-unit/").status_code == 404


def test_preview_api_returns_the_dry_run_shape_and_saves_nothing():
    client = APIClient()
    text = (REGULATIONS / "en-mincom-international-cooperation-department.txt").read_text(encoding="utf-8")
    assert client.post("/api/v1/regulations/preview/", {"text": text}, format="json").status_code in (401, 403)
    client.force_authenticate(UserFactory())
    body = client.post("/api/v1/regulations/preview/", {"text": text}, format="json").json()
    assert body["regulations"][0]["unit"] == {"name": "International Cooperation Department", "kind": "department"}
    assert not Regulation.objects.exists()


def test_staff_upload_previews_then_imports(client):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_regulation"))
    client.force_login(user)
    text = (REGULATIONS / "en-mincom-public-relations-sector.txt").read_text(encoding="utf-8")
    preview = client.post(reverse("units:regulation-upload") + "?lang=en", {"text": text, "preview": "1"})
    html = preview.content.decode()
    assert "title_kind_mismatch" in html and "Confirm and import" in html
    assert not Regulation.objects.exists()
    client.post(reverse("units:regulation-upload"), {"text": text, "confirm": "1"})
    assert Regulation.objects.get().clauses.count() == 62
    assert Regulation.history.first().history_user == user


def test_upload_refuses_a_binary_file_and_keeps_what_was_typed(client):
    from django.contrib.auth.models import Permission
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_regulation"))
    client.force_login(user)
    response = client.post(reverse("units:regulation-upload") + "?lang=en", {
        "file": SimpleUploadedFile("a.txt", b"\x89PNG\x00\x00binary"), "organisation": "Ministry of Tests"})
    html = response.content.decode()
    assert "The file is not a text file." in html
    assert 'value="Ministry of Tests"' in html


def test_upload_needs_the_permission(client):
    assert client.get(reverse("units:regulation-upload")).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(reverse("units:regulation-upload")).status_code == 403


def test_upload_confirm_without_an_organisation_says_what_is_missing(client):
    from django.contrib.auth.models import Permission

    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_regulation"))
    client.force_login(user)
    text = "Kadrlar şöbəsinin Əsasnaməsi\n\nI. Ümumi müddəalar\n\n1.1. Şöbə kadr işlərini aparır.\n"
    response = client.post(reverse("units:regulation-upload") + "?lang=en", {"text": text, "confirm": "1"}, follow=True)
    assert "give the organisation. Nothing was saved." in response.content.decode()
    assert not Regulation.objects.exists()
    client.post(reverse("units:regulation-upload"), {"text": text, "organisation": "Əmək Nazirliyi", "confirm": "1"})
    assert Regulation.objects.get().unit.name == "Kadrlar şöbəsi"
