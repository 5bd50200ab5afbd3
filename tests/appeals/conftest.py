import pytest

APPEAL = {"kind": "complaint", "subject": "Pension not paid for October", "text": "My pension for October was not paid.",
          "name": "Leyla Həsənova", "email": "leyla@example.az", "phone": "+994 50 123 45 67", "address": "Bakı, Nizami küç. 5"}
INFO_REQUEST = {"subject": "Budget of the programme", "text": "The 2026 budget of the pension programme",
                "name": "Anar Əliyev", "email": "anar@example.az"}


@pytest.fixture
def ministry(imported):
    return imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]


@pytest.fixture
def staff(staff, ministry):
    """The shared staff and the ministry's registry clerk."""
    from tests.factories import UserFactory
    from units.services import membership_assign

    clerk = UserFactory(username="clerk", preferred_language="en")
    membership_assign(user=clerk, unit=ministry, kind="clerk")
    return {**staff, "clerk": clerk}


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    """The public endpoints' counters start at zero in every test (they are per address, and tests share one)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
