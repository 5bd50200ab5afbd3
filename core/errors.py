"""Error answers outside the DRF views: the JSON error shape for every /api/ path, translated pages for the
rest. Django's error handlers (config.urls), the API middleware and django-axes' lockout all come here."""

from http import HTTPStatus

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# stable codes for API clients, by status
_CODES = {
    400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 413: "request_too_large", 415: "unsupported_media_type", 429: "throttled", 500: "server_error",
}


def _messages():
    return {
        400: _("The request could not be understood. Check what was sent and try again."),
        401: _("Authentication credentials were not provided or are not valid."),
        403: _("You do not have permission to do this."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        406: _("The requested response format is not available."),
        413: _("The request is too large."),
        415: _("This content type is not supported."),
        429: _("Too many requests. Please wait a minute and try again."),
        500: _("Something went wrong on our side. It has been logged; please try again later."),
    }


def is_api_path(path):
    return path.startswith("/api/")


def error_code(status):
    return _CODES.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_") if status in HTTPStatus._value2member_map_ else "error")


def error_message(status):
    return _messages().get(status) or _messages()[500 if status >= 500 else 400]


def api_error_response(status, *, detail=None, code=None, fields=None):
    body = {"detail": str(detail or error_message(status)), "code": code or error_code(status), "fields": fields or {}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def error_page(request, status, *, message=None):
    """A translated error page (JSON under /api/)."""
    if is_api_path(request.path):
        return api_error_response(status, detail=message)
    if message is None and status == 404:
        message = _("The address may be mistyped, or the page has moved. Start again from the home page.")
    return render(request, "errors/error.html", {"status": status, "message": message or error_message(status)}, status=status)


# Django's handler400/403/404/500 (config.urls)
def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    try:
        return error_page(request, 500)
    except Exception:  # the page itself failed (a broken template, a database down): answer anyway
        if is_api_path(request.path):
            return JsonResponse({"detail": "Server error.", "code": "server_error", "fields": {}}, status=500)
        return HttpResponseServerError("<!doctype html><title>Server error</title><h1>Server error (500)</h1>")


def too_many_requests(request, *, retry_after, message=None):
    response = error_page(request, 429, message=message)
    response["Retry-After"] = str(max(1, int(retry_after)))
    return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login, on every login form and the token endpoint."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Too many failed login attempts. Try again in %(minutes)d minutes, or ask an administrator "
                "to unlock the account.") % {"minutes": minutes}
    return too_many_requests(request, retry_after=settings.AXES_COOLOFF_TIME.total_seconds(), message=message)
