"""The press service's archive (photo, video, print scans, audio) with thumbnails for images, and its
subscriptions to publications with a reminder before they lapse."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import fail
from core.history import history_reason
from core.i18n import deferred
from core.services.notifications import notification_send_many
from documents.services.attachments import attachment_add_many, attachment_thumbnail
from media_relations.models import ArchiveItem, Subscription
from media_relations.services.office import press_office_unit, require_press
from units.models import MANAGING_KINDS
from units.selectors import unit_staff

ARCHIVE_FIELDS = ("kind", "title", "taken_on", "event", "people", "tags", "access", "location")
SUBSCRIPTION_FIELDS = ("publication", "kind", "starts_on", "ends_on", "copies", "note")
LAPSE_NOTICE_DAYS = 30



def archive_item_create(*, actor, organisation, values, files=()):
    """An archive item with its files (checked by content); the first image gets a thumbnail."""
    require_press(user=actor, organisation_id=organisation.pk)
    files = list(files)
    if not files and not (values.get("location") or "").strip():
        fail("files", _("Attach the files, or say where the original is kept."))
    if values.get("taken_on") and values["taken_on"] > timezone.localdate():
        fail("taken_on", _("The date cannot be in the future."))
    event = values.get("event")
    if event is not None and event.organisation_id != organisation.pk:
        fail("event", _("Choose an event of this organisation."))
    with transaction.atomic():
        item = ArchiveItem(organisation=organisation, created_by=actor)
        for field in ARCHIVE_FIELDS:
            if field in values:
                setattr(item, field, values[field].strip() if isinstance(values[field], str) else values[field])
        item.tags = ", ".join(dict.fromkeys(tag.strip() for tag in item.tags.split(",") if tag.strip()))
        item.full_clean(exclude=["organisation", "created_by", "event", "thumbnail"])
        item._history_user = actor
        item._change_reason = history_reason(gettext_noop("Added to the archive"))
        item.save()
        attachments = attachment_add_many(item=item, uploads=files, actor=actor)
        for attachment in attachments:
            if attachment.mime_type.startswith("image/"):
                thumbnail = attachment_thumbnail(attachment)
                if thumbnail is not None:
                    item.thumbnail.save(f"{item.pk}.jpg", ContentFile(thumbnail), save=False)
                    item.save(update_fields=["thumbnail"])
                break
    return item


def subscription_save(*, actor, organisation, values, subscription=None):
    require_press(user=actor, organisation_id=organisation.pk)
    if values.get("starts_on") and values.get("ends_on") and values["ends_on"] < values["starts_on"]:
        fail("ends_on", _("The last day cannot be before the first."))
    with transaction.atomic():
        subscription = subscription or Subscription(organisation=organisation)
        for field in SUBSCRIPTION_FIELDS:
            if field in values:
                setattr(subscription, field, values[field].strip() if isinstance(values[field], str) else values[field])
        subscription.reminded_at = None  # a renewed period is reminded again
        subscription.full_clean(exclude=["organisation"])
        subscription._history_user = actor
        subscription._change_reason = history_reason(gettext_noop("Saved"))
        subscription.save()
    return subscription


def subscriptions_remind(*, today=None):
    """One notice per press-service head naming the subscriptions that lapse within a month; each is reminded
    once per period."""
    today = today or timezone.localdate()
    with transaction.atomic():
        lapsing = list(Subscription.objects.select_for_update(skip_locked=True)
                       .filter(reminded_at__isnull=True, ends_on__gte=today, ends_on__lte=today + timedelta(days=LAPSE_NOTICE_DAYS))
                       .order_by("organisation_id", "ends_on"))
        by_organisation = {}
        for subscription in lapsing:
            by_organisation.setdefault(subscription.organisation_id, []).append(subscription)
        items = []
        for organisation_id, subscriptions in by_organisation.items():
            office = press_office_unit(organisation_id=organisation_id)
            body = "\n".join(f"{s.publication}: {s.ends_on:%d.%m.%Y}" for s in subscriptions)
            for user in unit_staff(unit=office, kinds=MANAGING_KINDS):
                items.append((user, "media.subscription", deferred(gettext_noop("Subscriptions to renew")), body,
                              reverse("media_relations:subscriptions")))
        notification_send_many(items=items)
        Subscription.objects.filter(pk__in=[s.pk for s in lapsing]).update(reminded_at=timezone.now())
    return len(lapsing)

