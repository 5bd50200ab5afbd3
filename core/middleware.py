from django.conf import settings
from django.utils import translation


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
