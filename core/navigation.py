"""The site navigation. An entry appears only once the page it points to exists, so the menu grows
with the apps and never links to a missing page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

PUBLIC = [
    (_("Home"), "core:home"),
    (_("Structure"), "units:tree"),
    (_("Submit an appeal"), "appeals:submit"),
    (_("Information request"), "appeals:inforequest-submit"),
    (_("Press"), "media_relations:press"),
    (_("Deadline calculator"), "documents:calculator"),
]
STAFF = [
    (_("Inbox"), "core:staff-home"),
    (_("My control"), "documents:my-control"),
    (_("Unit control"), "documents:unit-control"),
    (_("Registry"), "documents:registry"),
    (_("To approve"), "documents:approval-queue"),
    (_("My drafts"), "documents:drafts"),
]


def _resolve(entries, current_path):
    items = []
    for label, name in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        active = current_path == url or (url != "/" and current_path.startswith(url))
        items.append({"label": label, "url": url, "active": active})
    return items


def navigation_for(request):
    user = getattr(request, "user", None)
    return {
        "public": _resolve(PUBLIC, request.path),
        "staff": _resolve(STAFF, request.path) if user is not None and user.is_authenticated else [],
    }
