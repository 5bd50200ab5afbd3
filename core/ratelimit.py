"""A per-client rate limit for public HTML endpoints (the API has DRF's throttles). Counts live in the
cache (Redis in production), in fixed windows; over the limit the client gets 429 with Retry-After."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

_UNITS = {"s": 1, "m": 60, "h": 3600}


def _parse(rate):
    count, _slash, period = rate.partition("/")
    return int(count), _UNITS[period[0]]


def client_address(request):
    # behind the production proxy the client is the first X-Forwarded-For hop
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.SECURE_PROXY_SSL_HEADER else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")


def rate_limit(name, *, rate=None, methods=("GET", "POST")):
    """Allow `rate` ("30/m") requests per client address per window to the decorated view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                return view(request, *args, **kwargs)
            limit, period = _parse(rate or settings.PUBLIC_RATE_LIMITS.get(name, "60/m"))
            window = int(time.time() // period)
            key = f"ratelimit:{name}:{client_address(request)}:{window}"
            cache.add(key, 0, timeout=period + 1)
            try:
                count = cache.incr(key)
            except ValueError:  # evicted between add and incr
                cache.set(key, 1, timeout=period + 1)
                count = 1
            if count > limit:
                response = render(request, "core/too_many_requests.html",
                                  {"message": _("Too many requests. Please wait a minute and try again.")}, status=429)
                response["Retry-After"] = str(period - int(time.time()) % period)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
