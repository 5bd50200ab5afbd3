"""The checks a citizen's contact details pass, one message each: the services enforce them and the forms show them
next to the field at once, together with every other error on the page."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{5,20}$")


def phone_error(value):
    """The message for a phone number we cannot dial, or None."""
    return None if PHONE_PATTERN.match(value or "") else _("Enter a phone number with digits only, e.g. +994 50 123 45 67.")


def email_error(value):
    try:
        validate_email(value)
    except ValidationError:
        return _("Enter a valid e-mail address, e.g. name@example.az.")
    return None


def contact_errors(values, *, phone_required=False):
    """{field: [message]} for the e-mail and phone in `values` (empty ones pass unless the phone is required)."""
    errors = {}
    if values.get("email") and (message := email_error(values["email"])):
        errors["email"] = [message]
    if (values.get("phone") or phone_required) and (message := phone_error(values.get("phone"))):
        errors["phone"] = [message]
    return errors
