"""A few clerks at once: concurrent writes all succeed, on PostgreSQL and on the embedded SQLite default
(WAL, a busy timeout and immediate transactions; config.settings.base)."""

import itertools

import pytest
from django.db import connection
from rest_framework.test import APIClient

from documents.models import ControlCard
from tests.concurrency import run_at_once
from tests.factories import open_card


@pytest.mark.smoke
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # see tests/core/test_browser_csp.py
def test_sixty_concurrent_pause_and_resume_calls_all_succeed(staff, imported):
    unit = imported["İnformasiya sektoru"]
    cards = [open_card(unit=unit, executor=staff["info_officer"], title=f"Appeal {n}") for n in range(60)]
    queue = itertools.count()

    def pause_own_card():
        card = cards[next(queue)]
        client = APIClient()
        client.force_authenticate(staff["info_officer"])
        return client.post(f"/api/v1/control/cards/{card.pk}/pause/", {"reason": "Waiting for the appellant"},
                           format="json").status_code

    assert run_at_once(pause_own_card, times=60) == [200] * 60
    assert ControlCard.objects.filter(state="paused").count() == 60

    queue = itertools.count()

    def resume_own_card():
        card = cards[next(queue)]
        client = APIClient()
        client.force_authenticate(staff["info_head"])
        return client.post(f"/api/v1/control/cards/{card.pk}/resume/").status_code

    assert run_at_once(resume_own_card, times=60) == [200] * 60
    assert ControlCard.objects.filter(state="open").count() == 60


@pytest.mark.smoke
@pytest.mark.django_db
def test_sqlite_is_opened_for_concurrent_use():
    if connection.vendor != "sqlite":
        pytest.skip("the embedded default only")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.transaction_mode == "IMMEDIATE"
