from django.conf import settings
from django.utils.translation import get_language

from core.identity import portal_identity
from core.navigation import navigation_for


def _language_links(request):
    current = get_language()
    params = request.GET.copy()
    links = []
    for code, name in settings.LANGUAGES:
        params["lang"] = code
        links.append({"code": code, "name": name, "url": f"{request.path}?{params.urlencode()}", "active": code == current})
    return links


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    identity = portal_identity()
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_organisation": identity["organisation"],
        "identity": identity,
        "navigation": navigation_for(request),
        "language_links": _language_links(request),
        "unread_notifications": unread,
    }
