import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_public_search_is_rate_limited_per_client(client, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "search": "3/m"}
    url = reverse("units:search") + "?q=media&lang=en"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.get(url)
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) <= 60
    assert "Too many requests" in blocked.content.decode()
    assert client.get(url, REMOTE_ADDR="10.9.9.9").status_code == 200  # another client is not affected


def test_login_attempts_are_limited(client, settings):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "login": "2/m"}
    for _ in range(2):
        assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 200
    assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 429
    assert client.get(reverse("login")).status_code == 200  # only attempts count


@pytest.mark.parametrize("url_name", ["appeals:reception", "appeals:published", "appeals:submit", "password_reset_done"])
def test_every_public_page_is_rate_limited_not_only_the_decorated_ones(client, settings, imported, url_name):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "pages": "2/m"}
    url = reverse(url_name)
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    blocked = client.get(url)
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) <= 60


def test_pages_count_per_account_for_staff_and_per_address_for_visitors(client, settings):
    from tests.factories import UserFactory

    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "pages": "2/m"}
    for _ in range(2):
        assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("core:home")).status_code == 429  # this address has had its pages
    client.force_login(UserFactory())  # a colleague behind the same gateway is not blocked by a visitor's traffic
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("core:healthz")).status_code == 200  # the monitor is never limited
    assert client.get(reverse("core:healthz")).status_code == 200


def test_the_api_is_throttled_by_drf_not_counted_as_pages(client, settings, imported):
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "pages": "1/m"}
    assert [client.get("/api/v1/public/statistics/appeals/").status_code for _ in range(3)] == [200, 200, 200]
