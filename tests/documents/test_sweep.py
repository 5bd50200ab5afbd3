"""Reminders and escalation: who hears what, once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import translation

from core.i18n import deferred_text
from core.models import Notification, OutboundEmail
from documents.models import ControlCard, ControlDigest, ControlNotice, ControlSweep
from documents.services import sweep as sweep_module
from documents.services.sweep import control_daily_digest, control_sweep
from tests.concurrency import run_at_once
from tests.factories import UserFactory, open_card
from units.models import Acting, Position

BAKU = ZoneInfo("Asia/Baku")
NOW = datetime(2026, 11, 25, 11, 0, tzinfo=BAKU)  # Wednesday


def _card_due(unit, executor, due, title, policy="appeal.standard"):
    card = open_card(unit=unit, executor=executor, start=due - timedelta(days=40), title=title, policy=policy)
    ControlCard.objects.filter(pk=card.pk).update(due=due, due_changed_at=due - timedelta(days=40))
    card.refresh_from_db()
    return card


@pytest.fixture
def cards(staff, imported):
    sector = imported["İnformasiya sektoru"]
    officer = staff["info_officer"]
    return {
        "later": _card_due(sector, officer, datetime(2026, 12, 10, 23, 59, 59, tzinfo=BAKU), "Later"),
        "soon": _card_due(sector, officer, datetime(2026, 11, 27, 23, 59, 59, tzinfo=BAKU), "Soon"),
        "today": _card_due(sector, officer, datetime(2026, 11, 25, 23, 59, 59, tzinfo=BAKU), "Today"),
        "overdue": _card_due(sector, officer, datetime(2026, 11, 24, 23, 59, 59, tzinfo=BAKU), "Overdue"),
        "escalate": _card_due(sector, officer, datetime(2026, 11, 19, 23, 59, 59, tzinfo=BAKU), "Escalate"),
    }


def _notices():
    return sorted((n.card.title, n.kind) for n in ControlNotice.objects.select_related("card"))


@pytest.mark.django_db
def test_first_sweep_sends_each_kind_to_the_right_people(cards, staff):
    control_sweep(now=NOW)
    assert _notices() == [
        ("Escalate", "escalated"), ("Escalate", "overdue"), ("Overdue", "overdue"), ("Soon", "due_soon"), ("Today", "due_today"),
    ]
    officer, sector_head, department_head = staff["info_officer"], staff["info_head"], staff["pr_head"]
    titles = {(n.recipient_id, n.title) for n in Notification.objects.all()}
    assert (officer.pk, "Due soon: Soon") in titles
    assert (officer.pk, "Due today: Today") in titles
    assert any(r == officer.pk and "overdue" in t.lower() for r, t in titles)
    # overdue: the head of the responsible sector; still overdue: the head of the department above it
    assert any(r == sector_head.pk and "overdue" in t.lower() for r, t in titles)
    assert any(r == department_head.pk and "Escalate" in t for r, t in titles)
    assert not any(r == staff["comm_officer"].pk for r, _t in titles)
    assert OutboundEmail.objects.filter(to=[officer.email]).exists()
    # the notice says when the term ends, in the reader's language (the officer reads English here)
    soon = OutboundEmail.objects.get(to=[officer.email], subject="Due soon: Soon")
    assert soon.body.startswith("Term: 27 November 2026, 23:59.")
    translation_of = Notification.objects.get(recipient=officer, title="Due soon: Soon")
    with translation.override("ru"):
        assert deferred_text(translation_of.message["body"]) == "Срок: 27 ноября 2026 г. 23:59."


@pytest.mark.django_db
def test_a_repeated_sweep_sends_nothing_twice(cards):
    control_sweep(now=NOW)
    notices, notifications = ControlNotice.objects.count(), Notification.objects.count()
    again = control_sweep(now=NOW + timedelta(minutes=5))
    assert again.notices == 0
    control_sweep(now=NOW)  # even with the same clock
    assert (ControlNotice.objects.count(), Notification.objects.count()) == (notices, notifications)


@pytest.mark.django_db
def test_next_morning_the_due_soon_card_is_due_today_and_yesterdays_card_overdue(cards):
    control_sweep(now=NOW)
    control_sweep(now=NOW + timedelta(hours=13))  # Thursday 00:00: "Today" became overdue
    kinds = set(_notices())
    assert ("Today", "overdue") in kinds
    assert ("Overdue", "escalated") not in kinds  # due 24 Nov: only two working days behind on Thursday
    control_sweep(now=datetime(2026, 11, 27, 9, tzinfo=BAKU))  # Friday
    kinds = set(_notices())
    assert ("Soon", "due_today") in kinds
    assert ("Overdue", "escalated") in kinds  # 24 Nov + 3 working days = 27 Nov


@pytest.mark.django_db
def test_a_changed_due_date_is_looked_at_again(cards, staff):
    control_sweep(now=NOW)
    later = cards["later"]
    ControlCard.objects.filter(pk=later.pk).update(due=datetime(2026, 11, 26, 23, 59, 59, tzinfo=BAKU), due_changed_at=NOW + timedelta(minutes=1))
    control_sweep(now=NOW + timedelta(minutes=5))
    assert ("Later", "due_soon") in set(_notices())


@pytest.mark.django_db
def test_an_acting_head_receives_what_the_head_would(cards, staff, imported):
    position = Position.objects.get(unit=imported["İnformasiya sektoru"], kind="sector_head")
    stand_in = UserFactory(username="stand_in")
    Acting.objects.create(position=position, user=stand_in, start=NOW.date() - timedelta(days=1), end=NOW.date() + timedelta(days=5))
    control_sweep(now=NOW)
    assert Notification.objects.filter(recipient=stand_in, kind="control.overdue").exists()


@pytest.mark.django_db
def test_paused_and_closed_cards_are_left_alone(cards):
    ControlCard.objects.filter(pk=cards["overdue"].pk).update(state=ControlCard.State.PAUSED)
    ControlCard.objects.filter(pk=cards["today"].pk).update(state=ControlCard.State.DONE)
    control_sweep(now=NOW)
    titles = {t for t, _k in _notices()}
    assert "Overdue" not in titles and "Today" not in titles


@pytest.mark.django_db
def test_a_sweep_that_dies_loses_nothing(cards, monkeypatch):
    def crash(sweep, on):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(sweep_module, "_notify", crash)
    with pytest.raises(RuntimeError):
        control_sweep(now=NOW)
    assert not ControlNotice.objects.exists()
    assert not ControlSweep.objects.filter(finished_at__isnull=False).exists()
    monkeypatch.undo()
    control_sweep(now=NOW + timedelta(minutes=5))
    assert len(_notices()) == 5
    assert Notification.objects.exists()


@pytest.mark.django_db
def test_sweep_queries_do_not_grow_with_the_number_of_cards(staff, imported):
    sector, officer = imported["İnformasiya sektoru"], staff["info_officer"]

    def count_for(n, offset):
        sweep_at = NOW + timedelta(days=offset)
        for i in range(n):  # all become overdue inside this sweep's window: same kinds, different volume
            _card_due(sector, officer, sweep_at - timedelta(hours=1, minutes=i), f"Card {offset + i}")
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert control_sweep(now=sweep_at).notices == n
        ControlCard.objects.update(state=ControlCard.State.DONE)
        return len(queries)

    control_sweep(now=NOW - timedelta(days=30))  # warm up: the lock row and the calendar exist from here on
    assert count_for(3, 0) == count_for(30, 100)


@pytest.mark.django_db
def test_daily_digest_goes_once_to_each_head(cards, staff):
    sent = control_daily_digest(now=NOW)
    assert sent >= 2  # sector head and department head (and leadership) see these cards
    digest = Notification.objects.get(recipient=staff["info_head"], kind="control.digest")
    assert "2" in digest.body  # two overdue cards
    assert control_daily_digest(now=NOW + timedelta(hours=1)) == 0
    assert ControlDigest.objects.filter(user=staff["info_head"]).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_send_each_notice_exactly_once(cards):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    run_at_once(lambda: control_sweep(now=NOW))
    assert len(_notices()) == 5
    recipients = list(Notification.objects.values_list("recipient_id", "kind"))
    assert len(recipients) == len(set(recipients))
    # and without the lock, the unique ledger alone still holds: a second pass inserts nothing
    assert control_sweep(now=NOW).notices == 0


@pytest.mark.django_db
def test_due_soon_counts_working_days_in_the_calendar_of_the_cards_country(staff, imported):
    """16 December is a holiday in Kazakhstan, not in Azerbaijan: on Tuesday the 15th, two working days ahead reach
    the 17th in Baku and the 18th in Astana."""
    sector, officer = imported["İnformasiya sektoru"], staff["info_officer"]
    due_18th = datetime(2026, 12, 18, 23, 59, 59, tzinfo=BAKU)
    _card_due(sector, officer, due_18th, "Azerbaijani card")
    _card_due(sector, officer, due_18th, "Kazakh card", policy="kz.appeal.standard")
    control_sweep(now=datetime(2026, 12, 15, 11, 0, tzinfo=BAKU))
    assert _notices() == [("Kazakh card", "due_soon")]


@pytest.mark.django_db
def test_a_kazakh_card_ends_and_is_reminded_at_midnight_where_its_organisation_is(staff, imported):
    from documents.services.control import control_explain

    almaty = ZoneInfo("Asia/Almaty")
    kazakh = imported["Министерство культуры и информации"]
    kazakh.time_zone = "Asia/Almaty"
    kazakh.save()
    card = open_card(unit=kazakh, policy="kz.appeal.standard", start=datetime(2026, 11, 2, 10, 0, tzinfo=almaty), title="Kazakh")
    assert card.time_zone == "Asia/Almaty"
    assert card.due.astimezone(almaty).time().replace(microsecond=0).isoformat() == "23:59:59"
    assert control_explain(card=card)["due"].endswith("+05:00")
    # due at the end of 26 November in Almaty; at half past midnight there (still the 25th in Baku) it is due today
    ControlCard.objects.filter(pk=card.pk).update(due=datetime(2026, 11, 26, 23, 59, 59, tzinfo=almaty),
                                                  due_changed_at=datetime(2026, 10, 1, tzinfo=almaty))
    control_sweep(now=datetime(2026, 11, 26, 0, 30, tzinfo=almaty))
    assert _notices() == [("Kazakh", "due_today")]
    # and a reminder of it names the end of the day in Almaty, whatever zone the reader's portal runs in
    card.refresh_from_db()
    with translation.override("en"):
        assert deferred_text(sweep_module._term({"count": 1, "soonest": card.due, "zone": card.time_zone})) == (
            "Term: 26 November 2026, 23:59.")


@pytest.mark.django_db
def test_the_public_calculator_counts_a_kazakh_term_in_kazakhstan():
    from documents.services.control import deadline_calculate, policy_for

    result = deadline_calculate(policy=policy_for(code="kz.appeal.standard"), start=datetime(2026, 11, 2, 10, 0))
    assert result["due"].endswith("23:59:59+05:00") and result["start"].endswith("+05:00")
    baku = deadline_calculate(policy=policy_for(code="appeal.standard"), start=datetime(2026, 11, 2, 10, 0))
    assert baku["due"].endswith("23:59:59+04:00")
