"""The site navigation. An entry appears only once the page it points to exists, so the menu grows
with the apps and never links to a missing page."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

PUBLIC = [
    (_("Home"), "core:home"),
    (_("Structure"), "units:tree"),
    (_("Submit an appeal"), "appeals:submit"),
    (_("Information request"), "appeals:inforequest-submit"),
    (_("Reception of citizens"), "appeals:reception"),
    (_("Press"), "media_relations:press"),
    (_("Deadline calculator"), "documents:calculator"),
]
STAFF = [
    (_("Inbox"), "core:staff-home"),
    (_("Citizens' cases"), "appeals:staff-cases"),
    (_("Reception hours"), "appeals:reception-manage"),
    (_("My control"), "documents:my-control"),
    (_("My agenda"), "agenda:mine"),
    (_("Unit control"), "documents:unit-control"),
    (_("Registry"), "documents:registry"),
    (_("To approve"), "documents:approval-queue"),
    (_("My drafts"), "documents:drafts"),
    (_("Work plans"), "documents:plans"),
    (_("Archive"), "documents:archive"),
]


def _resolve(entries, current_path):
    items = []
    for label, name in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": False})
    # the entry whose address is the longest beginning of the current path is the page we are on
    # (/documents/approvals/ is "To approve", not also "Registry" at /documents/)
    matches = [item for item in items if current_path == item["url"] or (item["url"] != "/" and current_path.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return items


def navigation_for(request):
    user = getattr(request, "user", None)
    return {
        "public": _resolve(PUBLIC, request.path),
        "staff": _resolve(STAFF, request.path) if user is not None and user.is_authenticated else [],
    }
