"""The officials' agenda: one calendar of engagements that the apps above write to (a press event's speakers, a
visit's programme, a meeting) without knowing of each other, the clashes between them (the same official in two
places at once), and each official's personal iCalendar feed behind a secret link."""

import re
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from units.models import AgendaEntry, AgendaFeed

FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def agenda_write(*, source, officials, starts_at, ends_at, title, place=""):
    """Put `source`'s engagement on each official's agenda (and take it off the agendas of officials no longer
    named). Idempotent: writing the same source again updates its entries. Returns the clashes it now has.
    `title` is what someone typed, or one of our messages (gettext_noop): readers see a message in their language."""
    if ends_at <= starts_at:
        raise ApplicationError(_("The engagement ends after it starts."), fields={"ends_at": [_("Too early.")]})
    source_type = ContentType.objects.get_for_model(source)
    officials = {official.pk: official for official in officials}
    with transaction.atomic():
        entries = AgendaEntry.objects.filter(source_type=source_type, source_id=source.pk)
        entries.exclude(official_id__in=officials).delete()
        existing = set(entries.values_list("official_id", flat=True))
        now = timezone.now()
        values = {"starts_at": starts_at, "ends_at": ends_at, "title": title[:300], "place": place[:300], "updated_at": now}
        entries.filter(official_id__in=existing).update(**values)
        AgendaEntry.objects.bulk_create([AgendaEntry(source_type=source_type, source_id=source.pk, official_id=pk, **values)
                                         for pk in officials if pk not in existing])
    return agenda_clashes(official_ids=list(officials), starts_at=starts_at, ends_at=ends_at, exclude_source=source)


def agenda_clear(*, source):
    """Take `source` off every agenda (the event is cancelled or deleted)."""
    AgendaEntry.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk).delete()


def agenda_clashes(*, official_ids, starts_at, ends_at, exclude_source=None):
    """Entries of these officials that overlap [starts_at, ends_at), from any app (one query)."""
    entries = AgendaEntry.objects.filter(official_id__in=official_ids, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_source is not None:
        entries = entries.exclude(source_type=ContentType.objects.get_for_model(exclude_source), source_id=exclude_source.pk)
    return list(entries.select_related("official").order_by("starts_at", "id"))


def agenda_of(*, user, days_back=7):
    """The official's engagements from a week ago on, each with the entries it clashes with (two queries)."""
    entries = list(AgendaEntry.objects.filter(official=user, ends_at__gte=timezone.now() - timedelta(days=days_back))
                   .order_by("starts_at", "id"))
    for entry in entries:
        entry.clashes = [other for other in entries if other.pk != entry.pk and other.starts_at < entry.ends_at
                         and other.ends_at > entry.starts_at]
    return entries


def agenda_feed_for(*, user):
    feed, _created = AgendaFeed.objects.get_or_create(user=user)
    return feed


def agenda_feed_renew(*, user):
    """A new secret link; the old one stops working at once."""
    from units.models import _feed_token

    feed = agenda_feed_for(user=user)
    feed.token, feed.created_at = _feed_token(), timezone.now()
    feed.save(update_fields=["token", "created_at"])
    return feed


def agenda_feed_user(*, token):
    feed = (AgendaFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
            if FEED_TOKEN.fullmatch(token or "") else None)
    if feed is None:
        raise Http404
    return feed.user


def agenda_ical(*, user, portal_name):
    """The official's agenda as an iCalendar document, times in Asia/Baku with the zone."""
    from core.ical import CalendarEvent, ical_document

    recent = AgendaEntry.objects.filter(official=user, ends_at__gte=timezone.now() - timedelta(days=90)).order_by("starts_at")
    return ical_document(name=f"{portal_name}: {user.get_full_name() or user}", events=[
        # a title of ours is a message; a typed one stays as typed
        CalendarEvent(uid=f"agenda-{entry.source_type_id}-{entry.source_id}-{entry.official_id}@ministry-portal",
                      summary=gettext(entry.title), starts_at=entry.starts_at, ends_at=entry.ends_at, stamp=entry.updated_at,
                      location=entry.place)
        for entry in recent])
