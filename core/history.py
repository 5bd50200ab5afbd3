"""History reasons that read in the reader's language. A reason is stored as its untranslated message and
parameters (`history_reason(gettext_noop("Returned: %(comment)s"), comment=…)`) and translated when shown
(`history_reason_text`, the `history_reason` template filter), so a Russian-speaking head reads in Russian
what an Azerbaijani-speaking clerk did. What people typed (comments, reasons) is kept as typed; a parameter
that is itself a translatable label (e.g. a choice's label) is stored as its message too. A plain string
(older records, imports) reads as it was stored."""

import json

from django.utils.functional import Promise
from django.utils.translation import gettext

_MARK = "i18n:"


def _stored(value):
    if isinstance(value, Promise):  # a lazy translation: keep its message, translate it when read
        return {"t": value._args[0]}
    return value if isinstance(value, (int, float)) else str(value)


def _shown(value):
    return gettext(value["t"]) if isinstance(value, dict) and "t" in value else value


def history_reason(message, /, **params):
    """The reason to store in `_change_reason`: `message` marked with gettext_noop, `params` its values."""
    return _MARK + json.dumps({"m": message, "p": {k: _stored(v) for k, v in params.items()}}, ensure_ascii=False)


def history_reason_text(stored):
    """The stored reason in the active language."""
    if not stored or not stored.startswith(_MARK):
        return stored or ""
    try:
        data = json.loads(stored[len(_MARK):])
        return gettext(data["m"]) % {k: _shown(v) for k, v in data.get("p", {}).items()} if data.get("p") else gettext(data["m"])
    except (ValueError, KeyError, TypeError):
        return stored
