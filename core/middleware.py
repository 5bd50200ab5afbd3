from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _


class QueryLanguageMiddleware:
    """`?lang=ru` switches the language for this request and remembers it in the language cookie.
    An unknown code falls back to the default language, without an error."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        requested = request.GET.get("lang")
        if requested is None:
            return self.get_response(request)
        code = requested if requested in self.codes else settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if requested in self.codes:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
            )
        response.headers.setdefault("Content-Language", code)
        return response


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages are in Azerbaijani unless the visitor chose another language (the language cookie, set by
    the switcher); the browser's Accept-Language does not override the portal's default. API clients
    still negotiate with Accept-Language."""

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            code = get_supported_language_variant(code)
        except LookupError:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        return None


class ApiErrorShapeMiddleware:
    """Under /api/, every error answer is the one JSON shape ({"detail", "code", "fields"}): a 404 for an
    unknown path, a 405, a 413 for a body too large, a 500 (also under DEBUG, which would otherwise show a
    traceback), whatever produced it. DRF views already answer in the shape (core.api); this catches
    the rest. Bodies over API_MAX_BODY_BYTES are refused before any parser reads them."""

    PRESERVED_HEADERS = ("Retry-After", "WWW-Authenticate", "Allow", "Vary")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.errors import api_error_response, is_api_path

        if not is_api_path(request.path):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        if length > (settings.API_MAX_UPLOAD_BYTES if multipart else settings.API_MAX_BODY_BYTES):
            return api_error_response(413)
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        shaped = api_error_response(response.status_code)
        for header in self.PRESERVED_HEADERS:
            if header in response:
                shaped[header] = response[header]
        return shaped


class RejectNullCharactersMiddleware:
    """A NUL character in a URL or its query is never legitimate, and PostgreSQL refuses it in any string
    (a 500 wherever a view passes a query parameter on). Refuse it at the door, for pages and API alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.errors import error_page

        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path:
            return error_page(request, 400, message=_("The address contains a character that is not allowed."))
        return self.get_response(request)


class PageRateLimitMiddleware:
    """Every page and file outside the API counts against the "pages" limit (PUBLIC_RATE_LIMITS), so that no
    public page, today's or tomorrow's, is left unlimited: a visitor by address, a signed-in user by account
    (a ministry's staff share one address behind its gateway). The API has DRF's throttles; /healthz is for the
    monitor. Views with a stricter limit of their own (search, submission, login) count that one as well."""

    EXEMPT = ("/healthz",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.errors import is_api_path, too_many_requests
        from core.ratelimit import client_address, rate_limit_hit

        path = request.path
        if is_api_path(path) or path in self.EXEMPT or path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return self.get_response(request)
        user = getattr(request, "user", None)
        key = f"user:{user.pk}" if user is not None and user.is_authenticated else client_address(request) or "unknown"
        retry_after = rate_limit_hit("pages", key)
        if retry_after is not None:
            return too_many_requests(request, retry_after=retry_after)
        return self.get_response(request)
