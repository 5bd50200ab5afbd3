"""In-app notices, each mirrored to the e-mail outbox when the recipient has an address. A notice's title and
body are deferred texts (core.i18n) or plain text: the inbox renders them in the reader's language when read,
the e-mail is written in the recipient's preferred language when sent."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from core.i18n import deferred, deferred_text
from core.models import Notification, OutboundEmail
from core.services.outbox import outbox_bulk_enqueue
from core.text import shorten


def _stored(text):
    """A deferred text as stored; plain text (what people typed, a title) stays as it is."""
    if isinstance(text, Promise):
        return deferred(text._args[0])
    if callable(text):  # a notice is stored, then read in each reader's language: pass deferred(...) instead
        raise TypeError("a notice's text must be a deferred text, a lazy translation or plain text, not a callable")
    return text if isinstance(text, dict) else ("" if text is None else str(text))


def notification_send_many(*, items, send_email=True, actor=None):
    """`items` is an iterable of (user, kind, title, body, url); title and body are deferred texts
    (`deferred(gettext_noop("…"), **params)`), lazy translations or plain text. Nobody is told of what they did
    themselves: items for `actor` are left out. Returns the created notifications."""
    items = [item for item in items if actor is None or item[0].pk != actor.pk]
    notifications, emails = [], []
    now = timezone.now()
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    for user, kind, title, body, url in items:
        message = {"title": _stored(title), "body": _stored(body)}
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            title_text, body_text = deferred_text(message["title"]), deferred_text(message["body"])
        notifications.append(Notification(recipient=user, kind=kind, title=shorten(title_text, 300), body=body_text, url=url,
                                          message=message, created_at=now))
        if send_email and user.email:
            link = f"\n\n{base_url}{url}" if url else ""
            emails.append(
                OutboundEmail(
                    from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
                    subject=title_text[:500], body=f"{body_text}{link}", created_at=now, next_attempt_at=now,
                )
            )
    with transaction.atomic():
        created = Notification.objects.bulk_create(notifications)
        if emails:
            outbox_bulk_enqueue(emails=emails)
    return created


def notification_send(*, recipient, kind, title, body="", url="", send_email=True, actor=None):
    """One notice (None when `recipient` is the `actor`)."""
    created = notification_send_many(items=[(recipient, kind, title, body, url)], send_email=send_email, actor=actor)
    return created[0] if created else None


def notification_mark_read(*, user, notification_ids=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
