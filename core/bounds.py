"""The ranges every number and date from a client must fall in, so that nothing a client sends can
overflow the database or the calendar (a 500). Used by the filter sets, serializers, forms and paginator."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1  # PostgreSQL bigint
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1
FIRST_YEAR = 1900
LAST_YEAR = 2200


def date_window_message():
    return _("Give a date between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}


def validate_date_window(value):
    """A date or date-time between 1900 and 2200 (the year as the client wrote it)."""
    if value is None:
        return
    year = value.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(date_window_message(), code="date_out_of_range")


def in_date_window(value):
    return value is None or FIRST_YEAR <= value.year <= LAST_YEAR


def first_moment():
    return timezone.make_aware(timezone.datetime(FIRST_YEAR, 1, 1))


def last_day():
    return date(LAST_YEAR, 12, 31)
