"""Texts kept untranslated and translated when read. A stored text is its message (marked with gettext_noop where
it is written), its parameters and, for counts, its plural form: `deferred(gettext_noop("Routed to %(unit)s"),
unit=unit)`. `deferred_text(stored)` renders it in the active language, so an inbox notice or a history reason
reads in Russian for a Russian-speaking head and in Azerbaijani for the clerk who caused it.

A parameter may be a lazy translation (kept as its message), another deferred text, a date or a moment (shown in its
own named time zone, else the portal's), a number, an object
with official names per language (`names()`, e.g. a unit) or plain text (kept as typed)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext


def _stored(value):
    if isinstance(value, Promise):  # a lazy translation: keep its message
        return {"t": value._args[0]}
    if isinstance(value, dict) and ("m" in value or "j" in value):
        return {"d": value}
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime.datetime):  # shown in its own zone when it has a named one, else the portal's
        return {"at": value.isoformat(), **({"tz": value.tzinfo.key} if isinstance(value.tzinfo, ZoneInfo) else {})}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if callable(getattr(value, "names", None)):
        return {"names": value.names()}
    return str(value)


def _shown(value):
    if not isinstance(value, dict):
        return value
    if "t" in value:
        return gettext(value["t"])
    if "d" in value:
        return deferred_text(value["d"])
    if "date" in value:
        return formats.date_format(datetime.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
    if "at" in value:
        moment = datetime.datetime.fromisoformat(value["at"])
        return formats.date_format(timezone.localtime(moment, ZoneInfo(value["tz"]) if "tz" in value else None), "DATETIME_FORMAT")
    if "names" in value:
        names = value["names"]
        return names.get((get_language() or settings.LANGUAGE_CODE)[:2]) or next(iter(names.values()), "")
    return str(value)


def ngettext_noop(singular, plural):
    """Marks a message with its plural form for extraction (our makemessages knows it); `deferred` takes it."""
    return singular, plural


def deferred(message, /, *, plural=None, count=None, **params):
    """`message` (or a pair from `ngettext_noop`, chosen by `count`, which is also the `%(count)d` parameter) with
    its parameters."""
    if isinstance(message, tuple):
        message, plural = message
    stored = {"m": message, "p": {key: _stored(value) for key, value in params.items()}}
    if count is not None:
        stored["p"].setdefault("count", int(count))
    if plural is not None:
        stored.update(pl=plural, n=int(count))
    return stored


def deferred_join(parts, separator="\n"):
    """Several texts read as one (a digest's lines); each part is a deferred text or plain text."""
    return {"j": [_stored(part) for part in parts], "s": separator}


def deferred_text(stored):
    """The stored text in the active language. Plain text reads as it was stored."""
    if not isinstance(stored, dict):
        return "" if stored is None else str(stored)
    if "j" in stored:
        return stored.get("s", "\n").join(str(_shown(part)) for part in stored["j"])
    message = stored.get("m", "")
    translated = ngettext(message, stored["pl"], stored.get("n", 0)) if stored.get("pl") else gettext(message)
    params = stored.get("p") or {}
    if not params:
        return translated
    try:
        return translated % {key: _shown(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):  # a catalogue entry that does not fit its parameters: the original
        return message % {key: _shown(value) for key, value in params.items()}
