"""The time zone pages are shown in. The portal's default is Asia/Baku; a user of an organisation elsewhere (the
Kazakh ministry) reads every date and time in their organisation's zone. A higher app registers a function that
names the user's zone, asked once at login and kept in the session; the middleware activates it per request."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

SESSION_KEY = "portal_time_zone"
_PROVIDERS = []


def time_zone_provider_register(provider):
    """`provider(user)` returns a zone name, or None when it has nothing to say."""
    _PROVIDERS.append(provider)


def time_zone_store(request, user):
    zone = next((found for provider in _PROVIDERS if (found := provider(user))), None)
    if zone:
        request.session[SESSION_KEY] = zone
    else:
        request.session.pop(SESSION_KEY, None)


class UserTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        zone = session.get(SESSION_KEY) if session is not None else None
        try:
            if zone:
                timezone.activate(ZoneInfo(zone))
            return self.get_response(request)
        except ZoneInfoNotFoundError:
            return self.get_response(request)
        finally:
            timezone.deactivate()
