"""History reasons that read in the reader's language. A reason is stored as its untranslated message and
parameters (`history_reason(gettext_noop("Returned: %(comment)s"), comment=…)`) and translated when shown
(`history_reason_text`, the `history_reason` template filter), so a Russian-speaking head reads in Russian
what an Azerbaijani-speaking clerk did. What people typed (comments, reasons) is kept as typed; a parameter
that is itself a translatable label (e.g. a choice's label) is stored as its message too (core.i18n). A plain
string (older records, imports) reads as it was stored."""

import json

from core.i18n import deferred, deferred_text

_MARK = "i18n:"


def history_reason(message, /, **params):
    """The reason to store in `_change_reason`: `message` marked with gettext_noop, `params` its values."""
    return _MARK + json.dumps(deferred(message, **params), ensure_ascii=False)


def history_reason_message(stored):
    """The untranslated message a stored reason was made from (to tell one kind of event from another), or None."""
    if not stored or not stored.startswith(_MARK):
        return None
    try:
        return json.loads(stored[len(_MARK):])["m"]
    except (ValueError, KeyError, TypeError):
        return None


def history_reason_text(stored):
    """The stored reason in the active language."""
    if not stored or not stored.startswith(_MARK):
        return stored or ""
    try:
        return deferred_text(json.loads(stored[len(_MARK):]))
    except (ValueError, KeyError, TypeError):
        return stored
