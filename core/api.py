"""One error shape for the whole API: {"detail": str, "code": str, "fields": {name: [messages]}}."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError


def _as_list(value):
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response(
            {"detail": str(exc.message), "code": exc.code, "fields": {k: _as_list(v) for k, v in exc.fields.items()}},
            status=exc.status_code,
        )
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": _("The request is too large."), "code": "request_too_large", "fields": {}}, status=413)
    if isinstance(exc, SuspiciousOperation):
        return Response({"detail": _("The request could not be understood. Check what was sent and try again."),
                         "code": "invalid", "fields": {}}, status=400)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict):
            fields = {k: _as_list(v) for k, v in detail.items() if k != "non_field_errors"}
            message = " ".join(_as_list(detail.get("non_field_errors", []))) or _("Invalid input.")
        else:
            fields, message = {}, " ".join(_as_list(detail))
        response.data = {"detail": message, "code": "invalid", "fields": fields}
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = getattr(exc, "detail", str(exc))
        code = detail.code if hasattr(detail, "code") else getattr(exc, "default_code", "error")
        response.data = {"detail": str(detail), "code": code, "fields": {}}
    return response


class FileRenderer:
    """Lets a client that asks for the file's own type (`Accept: application/pdf`) reach a view that answers
    with an HttpResponse; errors on such a view are still JSON (the JSON renderer comes first)."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        import json

        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()


def file_renderers(*media_types):
    """[JSON, then one renderer per media type] for a view that answers with a file."""
    from rest_framework.renderers import BaseRenderer, JSONRenderer

    return [JSONRenderer, *(type(f"FileRenderer_{n}", (FileRenderer, BaseRenderer), {"media_type": media_type, "format": media_type.rsplit("/", 1)[-1][:20]})
                            for n, media_type in enumerate(media_types))]


PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
