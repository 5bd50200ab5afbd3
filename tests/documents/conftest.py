import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Calendars are cached per process; every test starts from the database's overrides."""
    from django.core.cache import cache

    from documents.services import calendar

    calendar._calendars.clear()
    calendar._checked.clear()
    cache.clear()
    yield
    calendar._calendars.clear()
    calendar._checked.clear()
