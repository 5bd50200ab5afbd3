"""No input a client can send gives a 500: numbers, ids and dates at the edges answer 400 (or 404) in the
one error shape, with a translated message."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import open_card

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def assert_error_shape(response, status, field=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "code", "fields"} and body["detail"]
    if field:
        assert field in body["fields"], body
    return body


@pytest.fixture
def card(staff, imported):
    return open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"])


@pytest.mark.parametrize("url", ["/api/v1/control/cards/", "/api/v1/regulations/", "/api/v1/notifications/"])
def test_a_limit_beyond_64_bits_is_clamped_and_an_offset_beyond_the_bound_is_refused(staff, url):
    client = api(staff["pr_head"])
    assert client.get(url, {"limit": HUGE}).status_code == 200
    assert client.get(url, {"limit": "-5", "offset": "abc"}).status_code == 200  # ignored like DRF does
    body = assert_error_shape(client.get(url, {"offset": HUGE}, HTTP_ACCEPT_LANGUAGE="en"), 400, "offset")
    assert "at most" in body["fields"]["offset"][0]


@pytest.mark.parametrize(("params", "field"), [
    ({"executor": HUGE}, "executor"),
    ({"executor": "-1"}, "executor"),
    ({"due_after": "0001-01-01T00:00+05:00"}, "due_after"),
    ({"due_before": "9999-12-31T23:59:59-05:00"}, "due_before"),
    ({"due_after": "not a date"}, "due_after"),
])
def test_card_filters_out_of_range_answer_400(staff, card, params, field):
    body = assert_error_shape(api(staff["pr_head"]).get("/api/v1/control/cards/", params, HTTP_ACCEPT_LANGUAGE="ru"), 400, field)
    assert body["code"] == "invalid"


def test_the_date_window_message_is_translated(staff, card):
    client = api(staff["pr_head"])
    english = client.get("/api/v1/control/cards/", {"due_after": "0001-01-01T00:00+05:00"}, HTTP_ACCEPT_LANGUAGE="en").json()
    russian = client.get("/api/v1/control/cards/", {"due_after": "0001-01-01T00:00+05:00"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert english["fields"]["due_after"] == ["Give a date between 1900 and 2200."]
    assert russian["fields"]["due_after"] != english["fields"]["due_after"]


def test_generated_filters_are_bounded_too(imported):
    # RegulationListApi declares only filterset_fields; the portal's backend builds a bounded filter set
    assert_error_shape(api().get("/api/v1/regulations/", {"unit": HUGE}), 400, "unit")
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    found = api().get("/api/v1/regulations/", {"unit": unit.pk}).json()["results"]
    assert [r["unit"] for r in found] == [unit.slug]


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "0001-01-01T00:00+05:00", "2200-01-01", "1950-06-01"])
def test_calculator_api_refuses_dates_it_cannot_compute(start):
    body = assert_error_shape(api().get("/api/v1/deadlines/calculate/", {"policy": "appeal.standard", "start": start},
                                        HTTP_ACCEPT_LANGUAGE="en"), 400, "start")
    assert body["code"] in ("invalid_start", "outside_calendar")


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_calculator_page_refuses_dates_it_cannot_compute_and_keeps_the_input(client, start):
    response = client.get(reverse("documents:calculator"), {"policy": "appeal.standard", "start": start, "lang": "en"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a date between 1900 and 2200." in html or "Terms can be computed for dates from" in html
    assert 'value="appeal.standard" selected' in html


def test_calculator_page_outside_the_calendar_years_is_a_400_with_the_years(client):
    year = timezone.localdate().year
    response = client.get(reverse("documents:calculator"), {"policy": "appeal.standard", "start": f"{year + 30}-01-05", "lang": "en"})
    assert response.status_code == 400
    assert f"Terms can be computed for dates from {year - 10} to {year + 10}." in response.content.decode()


@pytest.mark.parametrize(("payload", "field"), [
    ({"new_due": "9999-12-31", "reason": "r", "legal_basis": "b"}, "new_due"),
    ({"new_due": "2199-12-31", "reason": "r", "legal_basis": "b"}, "new_due"),
    ({"value": HUGE, "reason": "r", "legal_basis": "b"}, "value"),
])
def test_an_extension_to_the_edge_of_time_is_a_400(staff, card, payload, field):
    response = api(staff["info_head"]).post(f"/api/v1/control/cards/{card.pk}/extend/", payload, format="json",
                                            HTTP_ACCEPT_LANGUAGE="en")
    assert_error_shape(response, 400, field)


def test_an_id_beyond_64_bits_in_a_path_is_a_404_in_the_error_shape(staff):
    body = assert_error_shape(api(staff["pr_head"]).get(f"/api/v1/control/cards/{HUGE}/"), 404)
    assert body["code"] == "not_found"
    assert api(staff["pr_head"]).get(f"/control/cards/{HUGE}/").status_code == 404


def test_the_policy_code_pattern_published_in_the_schema_matches_real_codes():
    import re

    schema = api().get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/deadlines/calculate/"]["get"]["parameters"]
    pattern = next(p["schema"]["pattern"] for p in parameters if p["name"] == "policy")
    for code in ("appeal.standard", "appeal.extra_study", "document.default", "inforequest.urgent"):
        assert re.match(pattern, code), code
    assert not re.match(pattern, "Appeal Standard")


@pytest.mark.parametrize("url", ["/api/v1/units/suggest/?text=a&organisation=x%00y", "/structure/search/?q=media%00",
                                 "/api/v1/control/cards/?unit=%00"])
def test_a_nul_character_in_the_query_is_a_400_not_a_database_error(staff, client, url):
    client.force_login(staff["pr_head"])
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert_error_shape(response, 400)


def test_an_odd_but_valid_offset_is_compared_in_local_time(staff, card):
    response = api(staff["pr_head"]).get("/api/v1/control/cards/", {"due_after": "2026-03-23T15:51:12.63+22:39"})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["2024-01-01T12:99:00Z", "2024-02-30T10:00:00", "2024-01-01T25:00:00+04:00"])
def test_a_well_formed_but_impossible_moment_is_a_validation_error_not_a_500(value):
    from rest_framework.exceptions import ValidationError

    from core.serializers import BoundedDateTimeField

    with pytest.raises(ValidationError):
        BoundedDateTimeField().run_validation(value)
