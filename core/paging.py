"""Keyset paging for pages that list growing registries newest first: no count, and each page costs the same at
any size (the list's index on (<moment>, id) serves it)."""

from django.db.models import Q
from django.utils.dateparse import parse_datetime

PAGE_SIZE = 50


def keyset_page(queryset, cursor, *, field, size=PAGE_SIZE):
    """The page of `queryset` (ordered by -field, -id) below `cursor` ("<moment>_<id>" of the last row seen), and
    the cursor of the next page (or None)."""
    if cursor:
        moment_text, _sep, id_text = cursor.rpartition("_")
        moment = parse_datetime(moment_text.replace(" ", "+"))
        if moment is not None and id_text.isdigit() and len(id_text) < 19:
            queryset = queryset.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "id__lt": int(id_text)}))
    rows = list(queryset[:size + 1])
    older = None
    if len(rows) > size:
        rows, last = rows[:size], rows[size - 1]
        older = f"{getattr(last, field).isoformat()}_{last.pk}"
    return rows, older
