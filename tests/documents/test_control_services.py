from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import history_reason_text
from documents.models import ControlCard
from documents.services.calendar import calendar_for, calendar_override_save
from documents.services.control import (
    control_close,
    control_explain,
    control_extend,
    control_pause,
    control_recompute_for_calendar_change,
    control_resume,
)
from tests.factories import open_card
from units.models import Acting, Position

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")
START = datetime(2026, 11, 23, 10, tzinfo=BAKU)  # Monday; 15 working days → 14 Dec


@pytest.fixture
def card(staff, imported):
    return open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"], start=START)


def test_opening_computes_the_due_date_from_the_policy(card):
    assert card.due == datetime(2026, 12, 14, 23, 59, 59, tzinfo=BAKU)
    assert (card.term_value, card.term_unit) == (15, "working_days")
    assert card.history.count() == 1


def test_overdue_is_derived_not_stored(staff, imported):
    card = open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"])
    assert not card.is_overdue
    ControlCard.objects.filter(pk=card.pk).update(start=timezone.now() - timedelta(days=30), due=timezone.now() - timedelta(minutes=1))
    card.refresh_from_db()
    assert card.is_overdue
    assert ControlCard.objects.overdue().filter(pk=card.pk).exists()
    card.state = ControlCard.State.DONE
    assert not card.is_overdue


@pytest.mark.parametrize("who", ["info_head", "pr_head", "pr_deputy", "minister"])
def test_heads_of_the_unit_or_above_extend_from_the_end_of_the_old_term(card, staff, who):
    card = control_extend(card=card, actor=staff[who], value=5, reason="Needs a site visit", legal_basis="Law 1308-IVQ art. 10.2")
    assert card.due.date() == date(2026, 12, 21)
    extension = card.extensions.get()
    assert extension.extended_by == staff[who]
    assert extension.previous_due.date() == date(2026, 12, 14)
    record = card.history.first()
    assert record.history_user == staff[who]
    assert "Needs a site visit" in history_reason_text(record.history_change_reason)


@pytest.mark.parametrize("who", ["info_officer", "comm_officer", "icd_head"])
def test_others_may_not_extend(card, staff, who):
    with pytest.raises(PermissionDeniedError):
        control_extend(card=card, actor=staff[who], value=5, reason="r", legal_basis="b")


def test_an_acting_head_may_extend(card, staff, imported):
    position = Position.objects.get(unit=imported["İnformasiya sektoru"], kind="sector_head")
    today = timezone.localdate()
    Acting.objects.create(position=position, user=staff["comm_officer"], start=today, end=today + timedelta(days=10))
    control_extend(card=card, actor=staff["comm_officer"], value=1, reason="Head on leave", legal_basis="Regulation 5.7")


def test_never_beyond_the_policy_maximum(card, staff):
    control_extend(card=card, actor=staff["pr_head"], value=20, reason="r", legal_basis="b")
    with pytest.raises(ApplicationError) as error:
        control_extend(card=card, actor=staff["pr_head"], value=11, reason="r", legal_basis="b")
    assert error.value.code == "extension_limit"
    control_extend(card=card, actor=staff["pr_head"], value=10, reason="r", legal_basis="b")


def test_a_policy_without_extension_refuses(staff, imported):
    card = open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"], policy="appeal.forward", start=START)
    with pytest.raises(ApplicationError) as error:
        control_extend(card=card, actor=staff["pr_head"], value=1, reason="r", legal_basis="b")
    assert error.value.code == "no_extension"


def test_extension_requires_reason_and_legal_basis(card, staff):
    with pytest.raises(ApplicationError) as error:
        control_extend(card=card, actor=staff["pr_head"], value=1, reason=" ", legal_basis="b")
    assert "reason" in error.value.fields


def test_extension_to_a_date(card, staff):
    card = control_extend(card=card, actor=staff["pr_head"], new_due=date(2026, 12, 18), reason="r", legal_basis="b")
    assert card.due.date() == date(2026, 12, 18)
    assert card.extensions.get().value == 4


def test_pause_and_resume_recompute_from_the_days_that_remained(card, staff):
    control_pause(card=card, actor=staff["info_officer"], reason="Waiting for the appellant", at=datetime(2026, 12, 1, 15, tzinfo=BAKU))
    card.refresh_from_db()
    assert card.state == ControlCard.State.PAUSED
    card = control_resume(card=card, actor=staff["info_officer"], at=datetime(2026, 12, 10, 9, tzinfo=BAKU))
    assert card.state == ControlCard.State.OPEN
    assert card.due.date() == date(2026, 12, 23)  # 9 working days remained
    reasons = [history_reason_text(h.history_change_reason) for h in card.history.all()]
    assert any("Waiting for the appellant" in (r or "") for r in reasons)


def test_pause_by_an_outsider_is_refused(card, staff):
    with pytest.raises(PermissionDeniedError):
        control_pause(card=card, actor=staff["comm_officer"], reason="x")


def test_state_rules(card, staff):
    with pytest.raises(ApplicationError):
        control_resume(card=card, actor=staff["info_officer"])
    control_close(card=card, actor=staff["info_head"], result="Answered")
    with pytest.raises(ApplicationError) as error:
        control_extend(card=card, actor=staff["pr_head"], value=1, reason="r", legal_basis="b")
    assert error.value.code == "wrong_state"


def test_explain_names_the_policy_the_law_and_each_skipped_day(card, staff):
    control_extend(card=card, actor=staff["pr_head"], value=5, reason="Checking", legal_basis="art. 10.2")
    card.refresh_from_db()
    with translation.override("az"):
        explanation = control_explain(card=card)
    assert explanation["policy"] == "appeal.standard"
    assert "1308-IVQ" in explanation["legal_basis"]
    assert [s["kind"] for s in explanation["steps"]] == ["term", "extension"]
    assert explanation["steps"][1]["reason"] == "Checking"
    assert {"date": "2026-11-28", "reason": "Şənbə"} in explanation["skipped"]


def test_a_calendar_override_recomputes_the_open_cards_it_affects(card, staff, django_capture_on_commit_callbacks):
    other = open_card(unit=card.responsible_unit, executor=staff["info_officer"], start=datetime(2027, 2, 1, tzinfo=BAKU), title="Later")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        calendar_override_save(country="AZ", day=date(2026, 12, 2), is_working=False, legal_reference="Cabinet decision No. 7")
    assert len(callbacks) == 2  # rebuild the calendar, enqueue the recompute
    callbacks[0]()  # the calendar is rebuilt after commit
    assert not calendar_for("AZ").is_working_day(date(2026, 12, 2))
    assert control_recompute_for_calendar_change(country="AZ", day=date(2026, 12, 2)) == 1
    card.refresh_from_db()
    other.refresh_from_db()
    assert card.due.date() == date(2026, 12, 15)
    assert "Cabinet" not in history_reason_text(card.history.first().history_change_reason)
    assert "2026-12-02" in history_reason_text(card.history.first().history_change_reason)
    assert other.history.count() == 1  # untouched


def test_an_organisation_may_override_a_statutory_policy(imported):
    from documents.models import DeadlinePolicy
    from documents.services.control import policy_for

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    default = policy_for(code="document.default")
    own = DeadlinePolicy.objects.create(
        code="document.default", organisation=ministry, name="Ministry's own term", term_value=10, term_unit="working_days",
        start_event="registration", legal_basis="Minister's order No. 12")
    assert policy_for(code="document.default", organisation=ministry) == own
    assert policy_for(code="document.default") == default
    assert policy_for(code="document.default", organisation=imported["Ministry of Communications and High Technologies"]) == default


def test_editing_a_policy_does_not_move_open_cards(card):
    from documents.services.control import control_recompute

    card.policy.term_value = 30
    card.policy.save()
    card.refresh_from_db()
    assert control_recompute(cards=[card]) == 0
    assert card.due.date() == date(2026, 12, 14)
