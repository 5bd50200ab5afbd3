import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_unauthenticated_api_call_gets_401_with_how_to_authenticate():
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail", "code", "fields"}
    assert response.json()["code"] == "not_authenticated"


def test_token_authentication_works():
    from core.services.tokens import api_token_create

    user = UserFactory(username="integrator")
    _token, text = api_token_create(user=user, name="gateway", days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {text}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "integrator"


def test_validation_errors_name_the_field_and_are_translated():
    client = APIClient()
    client.force_authenticate(UserFactory())
    response = client.post("/api/v1/regulations/preview/", {}, format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "text" in body["fields"]
    assert body["fields"]["text"] == ["Обязательное поле."]


def test_application_error_becomes_the_error_shape():
    from core.api import exception_handler
    from core.exceptions import ApplicationError

    response = exception_handler(ApplicationError("Not allowed now", code="wrong_state", fields={"due": "too late"}), {})
    assert response.status_code == 400
    assert response.data == {"detail": "Not allowed now", "code": "wrong_state", "fields": {"due": ["too late"]}}
