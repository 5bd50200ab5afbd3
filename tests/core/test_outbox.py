"""The e-mail outbox against a real SMTP server on loopback (aiosmtpd)."""

import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from core.models import OutboundEmail
from core.services.outbox import outbox_deliver, outbox_deliver_pending, outbox_enqueue
from tests.concurrency import run_at_once


class Recorder:
    def __init__(self, delay=0.0):
        self.messages, self.delay = [], delay

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.delay:
            time.sleep(self.delay)  # a slow server keeps the two delivery runs overlapping
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@pytest.fixture
def smtp(settings, free_port):
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.OUTBOX_DELIVERY_OPTIONS = {"host": "127.0.0.1", "port": free_port, "timeout": 5}
    servers = []

    def start(delay=0.0):
        recorder = Recorder(delay)
        controller = Controller(recorder, hostname="127.0.0.1", port=free_port)
        controller.start()
        servers.append(controller)
        return recorder

    yield start
    for controller in servers:
        controller.stop()


@pytest.mark.smoke
@pytest.mark.django_db
def test_send_mail_goes_into_the_outbox_in_the_callers_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        mail.send_mail("Subject", "Body", None, ["citizen@example.org"])
    email = OutboundEmail.objects.get()
    assert email.to == ["citizen@example.org"]
    assert email.state == OutboundEmail.State.PENDING
    assert len(callbacks) == 1  # delivery is scheduled only after commit


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_email():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(to=["a@example.org"], subject="s", body="b")
        raise RuntimeError
    assert not OutboundEmail.objects.exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_smtp_down_keeps_the_email_pending_then_delivers_when_it_is_back(smtp):
    email = outbox_enqueue(to=["a@example.org"], subject="Your appeal", body="Registered.")
    assert outbox_deliver(email_id=email.pk) is False  # nothing listens on the port yet
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.PENDING
    assert email.attempts == 1
    assert email.last_error
    assert email.next_attempt_at > timezone.now()  # backoff

    recorder = smtp()
    # not due yet: the sweep leaves it alone
    assert outbox_deliver_pending() == 0
    assert outbox_deliver_pending(now=email.next_attempt_at + timedelta(seconds=1)) == 1
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert email.sent_at is not None
    assert len(recorder.messages) == 1
    assert "Subject: Your appeal" in recorder.messages[0]


@pytest.mark.django_db
def test_gives_up_after_the_configured_attempts(smtp, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    email = outbox_enqueue(to=["a@example.org"], subject="s", body="b")
    outbox_deliver(email_id=email.pk)
    outbox_deliver(email_id=email.pk, now=timezone.now() + timedelta(days=1))
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.FAILED
    assert email.attempts == 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_delivery_runs_send_each_email_exactly_once(smtp):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    recorder = smtp(delay=0.02)
    for n in range(30):
        outbox_enqueue(to=[f"person{n}@example.org"], subject=f"Notice {n}", body="b")
    results = run_at_once(outbox_deliver_pending)
    assert sum(results) == 30
    assert all(r > 0 for r in results), "both runs took part"
    assert len(recorder.messages) == 30
    subjects = sorted(m.split("Subject: ", 1)[1].split("\n", 1)[0].strip() for m in recorder.messages)
    assert subjects == sorted(f"Notice {n}" for n in range(30))
    assert OutboundEmail.objects.filter(state=OutboundEmail.State.SENT).count() == 30


@pytest.mark.django_db
def test_password_reset_mail_is_queued_with_a_working_link(client, settings):
    from django.utils import translation

    from core.identity import portal_identity
    from tests.factories import UserFactory

    UserFactory(username="officer", email="officer@ministry.example")
    client.cookies["portal_language"] = "ru"
    response = client.post("/accounts/password/reset/", {"email": "officer@ministry.example"})
    assert response.status_code == 302
    email = OutboundEmail.objects.get()
    assert email.to == ["officer@ministry.example"]
    # in the portal's voice and the reader's language: the ministry, the account, how long the link works
    with translation.override("ru"):
        assert email.subject == f"Сброс пароля: {portal_identity()['organisation'] or settings.PORTAL_NAME}"
    assert "«officer»" in email.body and "3 дней" in email.body and "Команда сайта" not in email.body
    link = next(line for line in email.body.splitlines() if "/accounts/password/reset/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path, follow=True)
    assert page.context["validlink"] is True
    assert outbox_deliver(email_id=email.pk) is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_message_sent_again_carries_the_same_message_id(smtp):
    import re

    recorder = smtp()
    email = outbox_enqueue(to=["a@example.org"], subject="Your appeal", body="Registered.")
    other = outbox_enqueue(to=["b@example.org"], subject="Your request", body="Registered.")
    assert outbox_deliver(email_id=email.pk) is True
    # the server accepted it, then our commit failed: the row is pending again and goes once more
    OutboundEmail.objects.filter(pk=email.pk).update(state=OutboundEmail.State.PENDING, sent_at=None)
    assert outbox_deliver(email_id=email.pk) is True
    assert outbox_deliver(email_id=other.pk) is True
    ids = [re.search(r"^Message-ID: (.+)$", message, re.MULTILINE).group(1).strip() for message in recorder.messages]
    assert ids[0] == ids[1] != ids[2]
    assert ids[0].startswith(f"<outbox.{email.pk}.") and ids[0].endswith("@ministry.example>")
