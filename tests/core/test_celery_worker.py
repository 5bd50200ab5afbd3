"""The outbox through a real Celery worker and the Redis broker."""

import time

import pytest
from django.core import mail

from core.models import OutboundEmail
from core.services.outbox import outbox_enqueue

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_committed_email_is_delivered_by_the_worker(celery_worker_on_redis, settings):
    email = outbox_enqueue(to=["citizen@example.org"], subject="Registered", body="Your appeal is registered.")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.state == OutboundEmail.State.SENT:
            break
        time.sleep(0.2)
    assert email.state == OutboundEmail.State.SENT
    assert [m.subject for m in mail.outbox] == ["Registered"]
