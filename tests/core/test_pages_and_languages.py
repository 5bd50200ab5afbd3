import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_home_is_in_azerbaijani_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="az">' in html
    assert "Nazirlik Portalı" in html  # the portal's name, in Azerbaijani


@pytest.mark.smoke
@pytest.mark.parametrize(("code", "phrase"), [("ru", "Портал министерства"), ("en", "Ministry Portal")])
def test_lang_query_switches_language_and_remembers_it(client, code, phrase):
    response = client.get("/?lang=" + code)
    assert f'<html lang="{code}">' in response.content.decode()
    assert phrase in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == code
    # the next page, without ?lang, stays in that language
    follow_up = client.get(reverse("units:tree"))
    assert f'<html lang="{code}">' in follow_up.content.decode()


@pytest.mark.smoke
def test_unknown_language_code_falls_back_to_default_without_error(client):
    response = client.get("/?lang=xx")
    assert response.status_code == 200
    assert '<html lang="az">' in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.smoke
def test_language_switcher_links_keep_the_other_query_parameters(client):
    html = client.get(reverse("units:search") + "?q=media").content.decode()
    assert "?q=media&amp;lang=ru" in html


def test_navigation_links_only_to_pages_that_exist(client):
    html = client.get("/").content.decode()
    assert reverse("units:tree") in html
    assert reverse("appeals:submit") in html and client.get(reverse("appeals:submit")).status_code == 200
    assert reverse("media_relations:press") in html and client.get(reverse("media_relations:press")).status_code == 200
    assert "/protocol/" not in html  # not built yet: no dead link


@pytest.mark.smoke
def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert "password" not in response.content.decode().lower()


def test_healthz_reports_a_broker_that_is_down(client, settings, free_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


@pytest.mark.smoke
def test_api_docs_and_schema_render(client):
    assert client.get("/api/docs/").status_code == 200
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/units/" in schema.content


def test_staff_home_requires_login(client):
    response = client.get(reverse("core:staff-home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_form_keeps_username_on_failure_and_shows_translated_error(client):
    from tests.factories import UserFactory

    UserFactory(username="aysel")
    response = client.post(reverse("login") + "?lang=en", {"username": "aysel", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="aysel"' in html
    assert "Please enter a correct username and password" in html


@pytest.mark.smoke
def test_pages_stay_azerbaijani_whatever_the_browser_prefers_until_the_visitor_chooses(client):
    assert '<html lang="az">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()


def test_api_clients_negotiate_the_language(client):
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_only_the_most_specific_menu_entry_is_marked_current(client, staff):
    client.force_login(staff["info_officer"])
    html = client.get("/documents/approvals/?lang=en").content.decode()
    assert html.count('aria-current="page"') == 1
    assert 'aria-current="page">To approve' in html


def test_the_signed_in_menu_follows_who_the_user_is(client, staff, db):
    """Staff see the work menu, a journalist sees theirs; neither sees the other's (audiences are stored at login)."""
    from media_relations.models import Journalist, MediaOutlet
    from tests.factories import UserFactory

    client.force_login(staff["info_officer"])
    html = client.get("/?lang=en").content.decode()
    assert reverse("documents:registry") in html and reverse("media_relations:my-accreditation") not in html
    journalist = UserFactory(username="reporter")
    Journalist.objects.create(user=journalist, full_name="A Reporter", outlet=MediaOutlet.objects.create(name="APA", kind="online"))
    client.force_login(journalist)
    html = client.get("/?lang=en").content.decode()
    assert reverse("media_relations:my-accreditation") in html
    assert reverse("documents:registry") not in html and reverse("appeals:staff-cases") not in html


@pytest.mark.parametrize("code, written", [("az", "29 noyabr 2026"), ("ru", "29 ноября 2026"), ("en", "29 November 2026")])
def test_dates_name_the_month_as_the_language_writes_it_in_a_date(code, written):
    """Azerbaijani writes the month in lowercase inside a date (Django's catalogue says "29 Noyabr 2026")."""
    from datetime import date

    from django.utils import formats, translation

    with translation.override(code):
        assert formats.date_format(date(2026, 11, 29), "j E Y") == written
        assert written in formats.date_format(date(2026, 11, 29), "l, j E Y")


@pytest.mark.parametrize(("code", "addressee"), [("az", "kimə"), ("ru", "кому")])
def test_the_end_of_a_date_range_is_not_labelled_as_an_addressee(code, addressee):
    """English "to" is both an e-mail's addressee and a period's end; the translations differ."""
    from django.apps import apps
    from django.utils import translation

    from core.models import OutboundEmail

    with translation.override("en"):
        date_ends = [(model, field) for model in apps.get_models() for field in model._meta.get_fields()
                     if getattr(field, "get_internal_type", lambda: "")() == "DateField" and field.verbose_name in ("to", "end date")]
    assert len(date_ends) >= 4  # visits, press reservations, memberships, acting
    with translation.override(code):
        assert str(OutboundEmail._meta.get_field("to").verbose_name) == addressee
        for model, field in date_ends:
            assert str(field.verbose_name) != addressee, f"{model.__name__}.{field.name}"
