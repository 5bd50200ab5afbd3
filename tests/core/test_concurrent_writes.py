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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_controllers_deciding_one_report_at_once_leave_one_decision(staff, imported):
    from documents.models import AssignmentReport
    from documents.services.execution import assignment_report, resolution_write
    from documents.services.registry import document_register

    document, _created = document_register(actor=staff["pr_head"], unit=imported["İctimaiyyətlə əlaqələr şöbəsi"],
                                           direction="incoming", subject="Figures", correspondent="Xalq qəzeti")
    for attempt in range(5):  # a race: tried a few times
        resolution = resolution_write(actor=staff["pr_head"], document=document, text=f"Part {attempt}",
                                      executors=[(imported["İnformasiya sektoru"], staff["info_officer"])])
        report = assignment_report(actor=staff["info_officer"], assignment=resolution.assignments.get(), text="Done")
        deciders = iter([("pr_head", "accept", {}), ("info_head", "return", {"comment": "Add the source"})])

        def decide(deciders=deciders, report=report):
            user, decision, data = next(deciders)
            client = APIClient()
            client.force_authenticate(staff[user])
            return client.post(f"/api/v1/documents/reports/{report.pk}/{decision}/", data, format="json").status_code

        assert sorted(run_at_once(decide)) == [200, 400]
        report.refresh_from_db()
        card = ControlCard.objects.get(content_type__model="assignment", object_id=report.assignment_id)
        assert (report.outcome, card.state) in {("accepted", "done"), ("returned", "open")}
        assert AssignmentReport.history.filter(id=report.pk).exclude(outcome="pending").count() == 1
