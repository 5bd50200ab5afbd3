"""Who may do what to a control card: the executor reports, the controller (head, deputy, acting head,
registry) closes or cancels. One test per role, through the services, the API and the card page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.exceptions import PermissionDeniedError
from core.history import history_reason_text
from documents.domain.control_states import CONTROLLER, EXECUTOR, allowed_actions
from documents.models import ControlCard
from documents.services.control import control_close, control_report, control_roles
from tests.factories import UserFactory, open_card
from units.models import Acting, PositionKind
from units.services import membership_assign, position_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(staff, imported):
    return open_card(unit=imported["İnformasiya sektoru"], executor=staff["info_officer"])


@pytest.fixture
def clerk(imported):
    user = UserFactory(username="registry_clerk")
    membership_assign(user=user, unit=imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"], kind=PositionKind.CLERK)
    return user


@pytest.fixture
def acting_head(imported):
    user = UserFactory(username="acting")
    membership_assign(user=user, unit=imported["İnformasiya sektoru"], kind=PositionKind.OFFICER)
    position = position_get_or_create(unit=imported["İnformasiya sektoru"], kind=PositionKind.SECTOR_HEAD)
    today = timezone.localdate()
    Acting.objects.create(position=position, user=user, start=today - timedelta(days=1), end=today + timedelta(days=5))
    return user


def test_the_transition_map_gives_each_role_its_own_actions():
    assert set(allowed_actions("open", {EXECUTOR})) == {"pause", "report"}
    assert set(allowed_actions("open", {CONTROLLER})) == {"extend", "pause", "close", "cancel"}
    assert set(allowed_actions("paused", {EXECUTOR})) == {"resume", "report"}
    assert allowed_actions("open", set()) == []
    assert allowed_actions("done", {EXECUTOR, CONTROLLER}) == []


@pytest.mark.parametrize("cancelled", [False, True])
def test_the_executor_cannot_close_or_cancel_their_own_card(card, staff, cancelled):
    with pytest.raises(PermissionDeniedError):
        control_close(card=card, actor=staff["info_officer"], result="Done by me", cancelled=cancelled)
    assert ControlCard.objects.get(pk=card.pk).state == "open"


def test_the_executor_reports_and_the_head_closes(card, staff):
    control_report(card=card, actor=staff["info_officer"], report="Answer sent on 25 November")
    closed = control_close(card=card, actor=staff["info_head"], result="Answer sent on 25 November")
    assert closed.state == "done"
    reasons = [history_reason_text(h.history_change_reason) for h in ControlCard.history.filter(id=card.pk)]
    assert any("Answer sent on 25 November" in (r or "") for r in reasons)


@pytest.mark.parametrize("who", ["info_head", "pr_head", "pr_deputy", "minister"])
def test_heads_above_the_unit_may_cancel(card, staff, who):
    assert control_close(card=card, actor=staff[who], cancelled=True).state == "cancelled"


def test_an_acting_head_may_close(card, acting_head):
    assert CONTROLLER in control_roles(user=acting_head, card=card)
    assert control_close(card=card, actor=acting_head, result="ok").state == "done"


def test_the_registry_clerk_may_close(card, clerk):
    assert control_close(card=card, actor=clerk, result="registered answer").state == "done"


@pytest.mark.parametrize("who", ["pr_officer", "comm_officer", "icd_head"])
def test_others_may_neither_report_nor_close(card, staff, who):
    with pytest.raises(PermissionDeniedError):
        control_report(card=card, actor=staff[who], report="x")
    with pytest.raises(PermissionDeniedError):
        control_close(card=card, actor=staff[who], result="x")


def test_a_head_does_not_report_for_the_executor(card, staff):
    with pytest.raises(PermissionDeniedError):
        control_report(card=card, actor=staff["info_head"], report="x")


def test_the_api_refuses_the_executors_cancel(card, staff):
    client = APIClient()
    client.force_authenticate(staff["info_officer"])
    response = client.post(f"/api/v1/control/cards/{card.pk}/close/", {"cancelled": True}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_the_card_page_offers_each_role_only_its_actions(client, card, staff):
    client.force_login(staff["info_officer"])
    executor_page = client.get(reverse("documents:card", args=[card.pk]) + "?lang=en").content.decode()
    assert "Report what was done" in executor_page and "Close as done" not in executor_page
    assert client.post(reverse("documents:card-action", args=[card.pk, "close"]), {"result": "x"}).status_code == 400
    assert client.post(reverse("documents:card-action", args=[card.pk, "report"]), {"report": "Sent"}).status_code == 302
    client.force_login(staff["info_head"])
    head_page = client.get(reverse("documents:card", args=[card.pk]) + "?lang=en").content.decode()
    assert "Close as done" in head_page and "Report what was done" not in head_page and "Sent" in head_page
