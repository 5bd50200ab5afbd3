"""Token authentication for the API (django-rest-knox), limited like a password: an address that sends
too many bad tokens is refused for a while, whatever token it sends next."""

from django.utils import timezone
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from core.ratelimit import client_address, rate_limit_exceeded, rate_limit_hit


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate(self, request):
        if not request.META.get("HTTP_AUTHORIZATION"):
            return None
        address = client_address(request) or "unknown"
        if rate_limit_exceeded("bad_token", address):
            raise exceptions.Throttled(detail=_("Too many invalid tokens. Please wait a minute and try again."))
        try:
            result = super().authenticate(request)
        except (exceptions.AuthenticationFailed, UnicodeDecodeError, ValueError):
            rate_limit_hit("bad_token", address)
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if result is not None:
            token = result[1]
            if token.last_used_at is None or (timezone.now() - token.last_used_at).total_seconds() > 300:
                type(token).objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return result
