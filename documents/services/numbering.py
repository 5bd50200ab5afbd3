"""Registration numbers: one service for every journal of every app (documents, appeals, press releases,
visa letters). Numbers run per journal and year without gaps or duplicates, also under concurrency: the
year's counter row is incremented in one statement (UPDATE … RETURNING, which locks it), created first when
missing (INSERT … ON CONFLICT DO NOTHING), inside the caller's transaction, so a rolled-back registration gives
its number back. The row stays locked until that transaction ends: registering writers take it last."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from documents.models import NumberCounter

_FORMAT_FIELDS = ("index", "seq", "yy", "yyyy", "code")


def registration_number_format(*, journal, sequence, year, case_index=""):
    """The number as the journal writes it, e.g. "12-3/145-26". A format that names the case file's index
    when none is given drops the separator next to it ("145-26")."""
    fields = {"index": case_index, "seq": sequence, "yy": f"{year % 100:02d}", "yyyy": year, "code": journal.code}
    try:
        number = journal.number_format.format(**fields)
    except (KeyError, IndexError, ValueError):
        raise ApplicationError(_("The journal's number format is not valid; an administrator must correct it."),
                               code="bad_number_format") from None
    return number.strip("/-. ")


def registration_number_next(*, journal, case_index="", on=None):
    """(year, sequence, number): the journal's next number for the year of `on` (today by default).
    Call it inside the transaction that saves the registered item."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registration_number_next must run inside the registering transaction")
    year = (on or timezone.localdate()).year
    sequence = _increment(journal, year)
    if sequence is None:  # the journal's first number of the year
        NumberCounter.objects.bulk_create([NumberCounter(journal=journal, year=year, last=0)], ignore_conflicts=True)
        sequence = _increment(journal, year)
    return year, sequence, registration_number_format(journal=journal, sequence=sequence, year=year, case_index=case_index)


def _increment(journal, year):
    with connection.cursor() as cursor:
        cursor.execute(_INCREMENT_SQL, [journal.pk, year])
        row = cursor.fetchone()
    return row[0] if row else None


_INCREMENT_SQL = (f'UPDATE "{NumberCounter._meta.db_table}" SET "last" = "last" + 1 '  # noqa: S608 - the model's own table
                  'WHERE "journal_id" = %s AND "year" = %s RETURNING "last"')
