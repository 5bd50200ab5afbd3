"""A per-client rate limit for pages and other counted events (the API has DRF's throttles): every page
counts against "pages" (core.middleware.PageRateLimitMiddleware); a view with a stricter limit of its own
wears @rate_limit. Counts live in the cache (Redis in production), in fixed windows; over the limit the client
gets 429 with Retry-After."""

import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
logger = logging.getLogger(__name__)


def _parse(rate):
    count, _slash, period = rate.partition("/")
    return int(count), _UNITS[period[0]]


def client_address(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies of ours, each of which appends the address
    it saw to X-Forwarded-For, the client is that many entries from the right; entries further left were
    written by the client and are ignored, so rotating them changes nothing. Without trusted proxies (the
    default) X-Forwarded-For is ignored altogether. DRF's throttles use the same rule (NUM_PROXIES)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or None  # None for requests made in code (e.g. force_login)
    if proxies <= 0:
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _warn_of_an_untrusted_proxy_once()
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not hops:
        return remote
    chosen = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(chosen))
    except ValueError:  # not an address: a misconfigured proxy count, not something to count by
        return remote


_proxy_warned = False


def _warn_of_an_untrusted_proxy_once():
    """Behind a proxy of ours left out of TRUSTED_PROXY_COUNT every visitor has the proxy's address, and the whole
    site shares one page limit: say so once per process (a client may send the header itself, hence "if")."""
    global _proxy_warned
    if not _proxy_warned:
        _proxy_warned = True
        logger.warning("A request came with X-Forwarded-For while TRUSTED_PROXY_COUNT is 0. If the portal stands behind "
                       "a proxy of ours, set TRUSTED_PROXY_COUNT: until then every visitor counts as the proxy's address "
                       "for rate limits and lockouts.")


def rate_limit_hit(name, key, *, rate=None):
    """Count one event for `key` under the limit `name`; the seconds to wait when over it, else None."""
    limit, period = _parse(rate or settings.PUBLIC_RATE_LIMITS.get(name, "60/m"))
    window = int(time.time() // period)
    cache_key = f"ratelimit:{name}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        return period - int(time.time()) % period
    return None


def rate_limit_exceeded(name, key, *, rate=None):
    """Whether `key` is over the limit `name` already, without counting anything."""
    limit, period = _parse(rate or settings.PUBLIC_RATE_LIMITS.get(name, "60/m"))
    count = cache.get(f"ratelimit:{name}:{key}:{int(time.time() // period)}") or 0
    return count >= limit


def rate_limit(name, *, rate=None, methods=("GET", "POST")):
    """Allow `rate` ("30/m") requests per client address per window to the decorated view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            from core.errors import too_many_requests

            if request.method not in methods:
                return view(request, *args, **kwargs)
            retry_after = rate_limit_hit(name, client_address(request) or "unknown", rate=rate)
            if retry_after is not None:
                return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
