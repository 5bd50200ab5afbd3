"""The site navigation. An entry appears only once the page it points to exists, so the menu grows
with the apps and never links to a missing page. The signed-in menu depends on who the user is to the
portal (staff of a unit, a press service, a journalist): the apps that know it register a function that
names the user's audiences, asked once at login and kept in the session (no query per page)."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

PUBLIC = [
    (_("Home"), "core:home"),
    (_("Structure"), "units:tree"),
    (_("Submit an appeal"), "appeals:submit"),
    (_("Information request"), "appeals:inforequest-submit"),
    (_("Track my case"), "appeals:track-lookup"),
    (_("Reception of citizens"), "appeals:reception"),
    (_("Press"), "media_relations:press"),
    (_("Deadline calculator"), "documents:calculator"),
]
# audience -> entries; "staff" is any member of a unit
AUDIENCE_ENTRIES = {
    "journalist": [(_("My accreditation"), "media_relations:my-accreditation"), (_("Press events"), "media_relations:events")],
    "press": [(_("Press service"), "media_relations:office")],
    "protocol": [(_("Protocol"), "protocol:visits")],
}
SESSION_KEY = "portal_audiences"
_AUDIENCE_PROVIDERS = []


def navigation_audience_register(provider):
    """`provider(user)` returns the audiences (strings) the user belongs to."""
    _AUDIENCE_PROVIDERS.append(provider)


def navigation_audiences_store(request, user):
    request.session[SESSION_KEY] = sorted({audience for provider in _AUDIENCE_PROVIDERS for audience in provider(user)})


INBOX = [(_("My desk"), "core:staff-home")]  # everyone signed in: what waits, and notices (staff and journalists alike)
STAFF = [
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


# a section's own pages, shown as tabs under its title
SECTIONS = {
    "protocol": (_("Protocol"), [
        (_("Visits"), "protocol:visits"), (_("Meetings"), "protocol:meetings"), (_("Agreements"), "protocol:agreements"),
        (_("Partners"), "protocol:partners")]),
    "press_office": (_("Press service"), [
        (_("Overview"), "media_relations:office"), (_("Accreditation"), "media_relations:accreditations"),
        (_("Events"), "media_relations:events-office"), (_("Press releases"), "media_relations:releases"),
        (_("Monitoring"), "media_relations:mentions"), (_("Outlets and journalists"), "media_relations:outlets"),
        (_("Archive"), "media_relations:archive"), (_("Subscriptions"), "media_relations:subscriptions")]),
}


def section_navigation(section, current_path):
    """A section's tabs, the one the page belongs to marked (as in the menu: the longest matching address)."""
    label, entries = SECTIONS[section]
    return {"label": label, "items": _resolve(entries, current_path)}


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


def _audiences(request, user):
    session = getattr(request, "session", None)
    # a session from before audiences were stored: the staff menu, as it always was
    audiences = session.get(SESSION_KEY, ["staff"]) if session is not None else []
    return ["staff", "press", "protocol"] if user.is_superuser else audiences


def signed_in_audiences(request):
    """The menu's audiences of the signed-in user ("staff", "press", "protocol", "journalist"); none when signed out."""
    user = getattr(request, "user", None)
    return _audiences(request, user) if user is not None and user.is_authenticated else []


def is_staff(request):
    """Whether the signed-in user works in a unit (asked once at login, kept in the session)."""
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and "staff" in _audiences(request, user)


def navigation_for(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    audiences = _audiences(request, user) if signed_in else []
    entries = [*INBOX, *(STAFF if "staff" in audiences else []),
               *(entry for audience in ("protocol", "press", "journalist") if audience in audiences for entry in AUDIENCE_ENTRIES[audience])]
    return {"public": _resolve(PUBLIC, request.path), "staff": _resolve(entries, request.path) if signed_in else [],
            "is_staff": signed_in and "staff" in audiences, "is_journalist": signed_in and "journalist" in audiences}
