"""The checks a person's contact details pass, one message each (citizens, journalists): the services enforce them
and the forms show them next to the field at once, together with every other error on the page."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")
PHONE_DIGITS = range(7, 16)  # ITU-T E.164 allows at most 15 digits; fewer than 7 is no number anyone can dial


def phone_error(value):
    """The message for a phone number we cannot dial, or None: what is wrong with it, not only that it is wrong."""
    value = value or ""
    if not PHONE_CHARACTERS.match(value):
        return _("Enter a phone number with digits only, e.g. +994 50 123 45 67.")
    digits = sum(character.isdigit() for character in value)
    if digits < PHONE_DIGITS.start:
        return _("This phone number is too short: write it with its code, e.g. +994 50 123 45 67.")
    if digits >= PHONE_DIGITS.stop:
        return _("This phone number is too long: check it, e.g. +994 50 123 45 67.")
    return None


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


CHECKS = {"email": email_error, "phone": phone_error}


def contact_checked(field, value, error_class):
    """`value` stripped, or `error_class(message)` raised when it is no e-mail or phone (`field`) we can use; an empty
    value passes (whether it is required is the field's own rule). The forms' and the API's field checks."""
    value = (value or "").strip()
    if value and (message := CHECKS[field](value)):
        raise error_class(message)
    return value
