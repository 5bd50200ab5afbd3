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
