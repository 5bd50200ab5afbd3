"""In-app notices, each mirrored to the e-mail outbox when the recipient has an address."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from core.models import Notification, OutboundEmail
from core.services.outbox import outbox_bulk_enqueue


def _in_language(user, text):
    """Render a (lazy) string, or a callable that builds one, in the recipient's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        return str(text() if callable(text) else text)


def notification_send_many(*, items, send_email=True):
    """`items` is an iterable of (user, kind, title, body, url); title and body may be lazy strings or
    callables returning a string, rendered in each recipient's language. Returns the created notifications."""
    notifications, emails = [], []
    now = timezone.now()
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    for user, kind, title, body, url in items:
        title_text, body_text = _in_language(user, title), _in_language(user, body)
        notifications.append(
            Notification(recipient=user, kind=kind, title=title_text[:300], body=body_text, url=url, created_at=now)
        )
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


def notification_send(*, recipient, kind, title, body="", url="", send_email=True):
    return notification_send_many(items=[(recipient, kind, title, body, url)], send_email=send_email)[0]


def notification_mark_read(*, user, notification_ids=None):
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
