"""Capital letters in Azerbaijani. Python's `"i".upper()` is "I", but in Azerbaijani (as in Turkish) the capital
of dotted i is "İ" and "I" is the capital of dotless ı: Django's `capfirst` turns "istifadəçi adı" into the
misspelt "Istifadəçi adı". Django has no hook for this, so `install()` replaces `capfirst` in the modules that
imported it (field labels, the auth forms, the admin, the template filter) with one that knows the rule."""

from importlib import import_module

from django.utils.functional import keep_lazy_text
from django.utils.translation import get_language

DOTTED_I_LANGUAGES = ("az", "tr")
# the modules that did `from django.utils.text import capfirst` (Django 5.2)
_USERS = ("django.utils.text", "django.db.models.base", "django.db.models.fields", "django.forms.models",
          "django.contrib.auth.forms", "django.contrib.admin.options", "django.contrib.admin.helpers",
          "django.contrib.admin.utils", "django.contrib.admin.sites", "django.contrib.admin.templatetags.admin_list")


def upper_first(text):
    """The first letter in capitals, the Azerbaijani way in Azerbaijani."""
    text = str(text)
    if not text:
        return text
    first = text[0]
    if (get_language() or "")[:2] in DOTTED_I_LANGUAGES:
        first = {"i": "İ", "ı": "I"}.get(first, first.upper())
    else:
        first = first.upper()
    return first + text[1:]


capfirst = keep_lazy_text(upper_first)


def install():
    from django.template import defaultfilters
    from django.template.defaultfilters import stringfilter

    for name in _USERS:
        module = import_module(name)
        if hasattr(module, "capfirst"):
            module.capfirst = capfirst
    defaultfilters.register.filter("capfirst", stringfilter(upper_first), is_safe=True)
