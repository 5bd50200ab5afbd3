from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import get_supported_language_variant


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
