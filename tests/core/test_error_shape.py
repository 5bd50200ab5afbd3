"""Every error under /api/ is the one JSON shape, whatever produced it; pages have translated error pages."""

import pytest
from django.test import override_settings
from django.urls import path
from rest_framework.test import APIClient

from config import urls as portal_urls
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("api/v1/boom/", _boom),
    path("boom/", _boom),
    *portal_urls.urlpatterns,
]
handler500 = "core.errors.server_error"  # as config.urls names it


def shape(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail", "code", "fields"} and body["detail"]
    return body


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_api_path_is_a_json_404_even_under_debug(settings, debug):
    settings.DEBUG = debug
    body = shape(APIClient().get("/api/v1/no-such-thing/"), 404)
    assert body["code"] == "not_found"


def test_wrong_method_is_a_json_405():
    body = shape(APIClient().delete("/api/v1/deadlines/policies/"), 405)
    assert body["code"] == "method_not_allowed"


def test_a_body_too_large_is_a_json_413(settings):
    settings.API_MAX_BODY_BYTES = 1000
    client = APIClient()
    client.force_authenticate(UserFactory())
    body = shape(client.post("/api/v1/regulations/preview/", {"text": "x" * 5000}, format="json"), 413)
    assert body["code"] == "request_too_large"


def test_an_unsupported_content_type_is_a_json_415():
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.generic("POST", "/api/v1/regulations/preview/", "<text/>", content_type="application/xml")
    assert shape(response, 415)["code"] == "unsupported_media_type"


def test_throttled_api_is_a_json_429_with_retry_after(drf_throttle_rates):
    drf_throttle_rates(anon="2/minute")
    client = APIClient()
    for _ in range(2):
        assert client.get("/api/v1/deadlines/policies/").status_code == 200
    response = client.get("/api/v1/deadlines/policies/")
    assert shape(response, 429)["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_under_api_is_a_json_500_without_a_traceback(settings, debug):
    settings.DEBUG = debug
    client = APIClient(raise_request_exception=False)
    body = shape(client.get("/api/v1/boom/"), 500)
    assert body["code"] == "server_error"
    assert "Traceback" not in body["detail"] and "a bug" not in body["detail"]


@override_settings(ROOT_URLCONF=__name__)
def test_a_bug_on_a_page_is_a_translated_500_page(client):
    client.raise_request_exception = False
    client.cookies["portal_language"] = "ru"
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Ошибка сервера" in response.content.decode()


@pytest.mark.parametrize(("language", "words"), [("az", "Səhifə tapılmadı"), ("ru", "Страница не найдена"), ("en", "Page not found")])
def test_pages_have_a_translated_404(client, language, words):
    client.cookies["portal_language"] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert words in html and f'lang="{language}"' in html


def test_a_page_refused_by_permission_is_a_translated_403(client):
    client.force_login(UserFactory())
    client.cookies["portal_language"] = "en"
    response = client.get("/structure/regulations/upload/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    client.logout()
    assert client.get("/structure/regulations/upload/").status_code == 302  # to the login page


def test_every_operation_documents_its_error_answers():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    assert "Error" in schema["components"]["schemas"]
    for url, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= documented, (method, url, documented)
            error = operation["responses"]["404"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}


def test_a_request_for_a_foreign_host_gets_a_translated_400_page(client):
    client.cookies["portal_language"] = "ru"
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()
    api = APIClient().get("/api/v1/deadlines/policies/", HTTP_HOST="evil.example")
    assert shape(api, 400)["code"] == "invalid"
