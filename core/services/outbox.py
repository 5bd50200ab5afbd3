"""The e-mail outbox: enqueue in the caller's transaction, deliver exactly once after commit."""

import logging
import random
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import OutboundEmail

logger = logging.getLogger(__name__)

# Errors that mean "the mail server is unreachable or refused for now": the message stays pending.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def _schedule_delivery(email_id):
    from core.tasks import deliver_outbound_email

    deliver_outbound_email.delay(email_id)


def outbox_enqueue(*, to, subject, body, html_body="", from_email=None, cc=(), bcc=(), reply_to=()):
    email = OutboundEmail.objects.create(
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to), cc=list(cc), bcc=list(bcc), reply_to=list(reply_to),
        subject=subject[:500], body=body, html_body=html_body,
    )
    # robust: a broker that is down must not break the user's request; the beat sweep delivers it.
    transaction.on_commit(lambda: _schedule_delivery(email.pk), robust=True)
    return email


def outbox_enqueue_personal(*, to, language, path, link_label, subject, body="", typed="", **params):
    """An e-mail to a person outside the ministry (a citizen, a journalist) in their language, through the outbox (written in the caller's transaction, sent after
    it commits), ending with their private link. `subject`, `body` and `link_label` are messages (gettext_noop)
    filled with `params`; what the staff typed follows as typed."""
    if not to:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        params = {key: str(value) for key, value in params.items()}
        text = "\n\n".join(part for part in (_(body) % params if body else "", typed) if part)
        outbox_enqueue(to=[to], subject=_(subject) % params,
                       body=f"{text}\n\n{_(link_label)}: {settings.PORTAL_BASE_URL.rstrip('/')}{path}")


def outbox_bulk_enqueue(*, emails):
    """Set-based enqueue for sweeps: `emails` are unsaved OutboundEmail objects."""
    created = OutboundEmail.objects.bulk_create(emails)
    ids = [e.pk for e in created if e.pk]
    if ids:
        from core.tasks import deliver_pending_emails

        transaction.on_commit(lambda: deliver_pending_emails.delay(), robust=True)
    return created


def _retry_delay(attempts):
    base = min(30 * 2 ** (attempts - 1), 3600)
    return timedelta(seconds=base + random.uniform(0, base / 4))


def outbox_message_id(email):
    """The message's Message-ID, derived from its row: a message sent again (the server accepted it, then our commit
    failed) carries the same id, so mail systems and readers recognise it as the same message."""
    domain = email.from_email.rpartition("@")[2].strip(" >") or "ministry-portal.local"
    return f"<outbox.{email.pk}.{int(email.created_at.timestamp())}@{domain}>"


def _message_for(email):
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email,
        to=email.to, cc=email.cc, bcc=email.bcc, reply_to=email.reply_to,
        connection=get_connection(settings.OUTBOX_DELIVERY_BACKEND, **settings.OUTBOX_DELIVERY_OPTIONS),
        headers={"Message-ID": outbox_message_id(email)},
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message


def outbox_deliver(*, email_id, now=None):
    """Deliver one pending e-mail. The row stays locked while it is sent, so a concurrent delivery run
    skips it, and it is marked sent in the same transaction: it goes out once. Returns True if sent."""
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, state=OutboundEmail.State.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            _message_for(email).send()
        except TRANSIENT_ERRORS as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                email.state = OutboundEmail.State.FAILED
                logger.error("E-mail %s failed after %s attempts: %s", email.pk, email.attempts, exc)
            else:
                email.next_attempt_at = now + _retry_delay(email.attempts)
                logger.warning("E-mail %s not delivered (attempt %s): %s", email.pk, email.attempts, exc)
            email.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            return False
        email.state = OutboundEmail.State.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "state", "sent_at"])
        return True


def outbox_deliver_pending(*, limit=200, now=None):
    """Deliver what is due. Returns the number sent."""
    now = now or timezone.now()
    ids = list(
        OutboundEmail.objects.filter(state=OutboundEmail.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outbox_deliver(email_id=pk, now=now) for pk in ids)
