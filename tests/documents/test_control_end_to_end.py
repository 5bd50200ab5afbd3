"""Extension, pause and escalation end to end: PostgreSQL, the Redis broker and a real Celery worker."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import Notification, OutboundEmail
from documents.models import ControlCard, ControlNotice
from tests.factories import open_card

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_overdue_card_is_extended_paused_then_escalated_by_the_worker(staff, imported, request):
    from documents.tasks import control_sweep

    sector = imported["İnformasiya sektoru"]
    card = open_card(unit=sector, executor=staff["info_officer"], start=timezone.now() - timedelta(days=120), title="Old appeal")
    head, officer = APIClient(), APIClient()
    head.force_authenticate(staff["info_head"])
    officer.force_authenticate(staff["info_officer"])
    assert head.post(f"/api/v1/control/cards/{card.pk}/extend/", {"value": 5, "reason": "Checking", "legal_basis": "art. 10.2"}).status_code == 200
    assert officer.post(f"/api/v1/control/cards/{card.pk}/pause/", {"reason": "Clarification"}).status_code == 200
    assert officer.post(f"/api/v1/control/cards/{card.pk}/resume/").status_code == 200
    card.refresh_from_db()
    assert card.is_overdue  # even extended, it ran out long ago

    request.getfixturevalue("celery_worker_on_redis")  # the worker starts only now, after the setup above
    control_sweep.delay()
    assert _wait_for(lambda: ControlNotice.objects.filter(card=card, kind="escalated").exists())
    assert _wait_for(lambda: not OutboundEmail.objects.filter(state="pending").exists())
    kinds = set(ControlNotice.objects.filter(card=card).values_list("kind", flat=True))
    assert kinds == {"overdue", "escalated"}
    assert ControlNotice.objects.get(card=card, kind="overdue").due == ControlCard.objects.get(pk=card.pk).due
    escalated_to = set(Notification.objects.filter(kind="control.escalated").values_list("recipient__username", flat=True))
    assert "pr_head" in escalated_to  # the head of the department above the sector
    assert {"info_officer", "info_head"} <= set(Notification.objects.filter(kind="control.overdue").values_list("recipient__username", flat=True))
    assert any("Old appeal" in m.subject for m in mail.outbox)  # delivered by the worker through the outbox
