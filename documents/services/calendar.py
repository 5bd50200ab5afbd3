"""The working calendar for a country, cached per process and rebuilt when an override changes."""

import re
from datetime import date
from time import monotonic

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.domain.calendar import HOLIDAY, OVERRIDE, CalendarRangeError, Override, WorkingCalendar
from documents.models import CalendarOverride

_calendars = {}
_VERSION_KEY = "documents:calendar-version:{country}"
_VERSION_CHECK_SECONDS = 1.0
# Terms are computed for dates this many years around today: enough for any real case, and a bound on
# the calendar a public request can make a process build (a year 9999 would be 8,000 years of days).
CALENDAR_YEARS_AROUND_TODAY = 10
_checked = {}  # country -> (version, when it was read), so a page explaining 50 cards asks the cache once


def _version(country):
    version, read_at = _checked.get(country, (None, 0.0))
    if version is None or monotonic() - read_at > _VERSION_CHECK_SECONDS:
        version = cache.get_or_set(_VERSION_KEY.format(country=country), 1, timeout=None)
        _checked[country] = (version, monotonic())
    return version


def calendar_for(country="AZ", *, around=None):
    """The country's calendar from the holidays package plus the override table. Cached in the process;
    a version number in the shared cache tells every process when an override has changed."""
    this_year = timezone.localdate().year
    year = (around or timezone.localdate()).year
    first, last = this_year - CALENDAR_YEARS_AROUND_TODAY, this_year + CALENDAR_YEARS_AROUND_TODAY
    if not first <= year <= last:
        raise CalendarRangeError(f"{year} is outside {first}–{last}", first_year=first, last_year=last)
    version = _version(country)
    cached = _calendars.get(country)
    if cached and cached[0] == version and cached[1].first_year <= year - 2 and year + 2 <= cached[1].last_year:
        return cached[1]
    overrides = [
        Override(o.date, o.is_working, o.legal_reference)
        for o in CalendarOverride.objects.filter(country=country).only("date", "is_working", "legal_reference")
    ]
    calendar = WorkingCalendar(
        country=country, overrides=overrides, first_year=min(this_year, year) - 3, last_year=max(this_year, year) + 3
    )
    _calendars[country] = (version, calendar)
    return calendar


def calendar_invalidate(country):
    key = _VERSION_KEY.format(country=country)
    cache.set(key, cache.get_or_set(key, 1, timeout=None) + 1, timeout=None)
    _calendars.pop(country, None)
    _checked.pop(country, None)


def calendar_override_save(*, country, day, is_working, legal_reference, actor=None):
    """Add or change an override; the open cards whose terms it affects are recomputed after commit."""
    with transaction.atomic():
        override = CalendarOverride.objects.filter(country=country, date=day).first() or CalendarOverride(country=country, date=day)
        override.is_working, override.legal_reference = is_working, legal_reference
        override._history_user = actor
        override.full_clean()
        override.save()
        _after_calendar_change(country, day)
    return override


def calendar_override_delete(*, override, actor=None):
    with transaction.atomic():
        country, day = override.country, override.date
        override._history_user = actor
        override.delete()
        _after_calendar_change(country, day)


def _after_calendar_change(country, day):
    from documents.tasks import control_recompute_for_calendar_change

    transaction.on_commit(lambda: calendar_invalidate(country))
    transaction.on_commit(
        lambda: control_recompute_for_calendar_change.delay(country=country, day=day.isoformat()), robust=True
    )


_SUFFIX = re.compile(r"^(?P<name>.*?)(?: \((?P<note>observed|estimated|observed, estimated)\))?$")
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (?P<m>\d{2})/(?P<d>\d{2})/(?P<y>\d{4})\)$")


def holiday_name(name):
    """A holiday name from the package (English) in the active language, e.g. "Victory Day (observed)"."""
    parts = []
    for part in name.split("; "):
        if match := _SUBSTITUTED.match(part):
            moved = date(int(match["y"]), int(match["m"]), int(match["d"]))
            parts.append(_("Day off (transferred from %(date)s)") % {"date": moved.strftime("%d.%m.%Y")})
            continue
        match = _SUFFIX.match(part)
        translated = _(match["name"])
        note = match["note"]
        if note == "observed":
            translated = _("%(holiday)s (rest day moved)") % {"holiday": translated}
        elif note == "estimated":
            translated = _("%(holiday)s (date estimated)") % {"holiday": translated}
        elif note:
            translated = _("%(holiday)s (rest day moved, date estimated)") % {"holiday": translated}
        parts.append(translated)
    return "; ".join(parts)



def skipped_reason(skipped):
    if skipped.kind == HOLIDAY:
        return holiday_name(skipped.name)
    if skipped.kind == OVERRIDE:
        return skipped.name
    return _("Saturday") if skipped.day.weekday() == 5 else _("Sunday")
