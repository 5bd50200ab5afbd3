"""Reads shared by every app."""

from operator import attrgetter


def mark_openable(items, visible, *, key=attrgetter("pk")):
    """Set `openable` on each item (None skipped) that `visible`, the reader's queryset of the linked kind, holds:
    a page links only to what its reader may open, the others answer 404. One query for the lot; `key` gives the
    linked object's id when the items are not the linked objects themselves."""
    items = [item for item in items if item is not None]
    ids = {key(item) for item in items} - {None}
    allowed = set(visible.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for item in items:
        item.openable = key(item) in allowed
    return items
