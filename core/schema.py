"""The API schema: every operation documents the error answers it can give, in the one error shape."""

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the whole API (core.api.exception_handler, core.errors)."""

    detail = serializers.CharField(help_text="What went wrong, translated (Accept-Language).")
    code = serializers.CharField(help_text="A stable code for programs, e.g. invalid, not_found, throttled.")
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                   help_text="Messages per input field, when the input was at fault.")


_ERRORS = {
    "400": "The input is not valid; `fields` says why, per field.",
    "401": "No credentials, or a token that is not valid. Send `Authorization: Token <token>`.",
    "403": "Not allowed for this user.",
    "404": "No such object, or not visible to this user.",
    "429": "Too many requests; wait for Retry-After seconds.",
}
_BODY_ERRORS = {
    "413": "The request body is too large.",
    "415": "The body's content type is not supported.",
}


def _first_sentence(text):
    """Up to the first full stop or semicolon outside brackets ("e.g." and "i.e." do not end a sentence)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ".;" and depth == 0 and text[index + 1:index + 2] in (" ", "") and text[max(0, index - 3):index + 1] not in ("e.g.", "i.e."):
            return text[:index]
    return text


class PortalAutoSchema(AutoSchema):
    def _get_format_parameters(self):
        # a view answering with a file has one answer whatever `?format=` says: no such parameter to document
        from core.api import FileRenderer

        if any(issubclass(renderer, FileRenderer) for renderer in self.view.renderer_classes):
            return []
        return super()._get_format_parameters()

    def get_summary(self):
        """The description's first sentence, so the list of operations says what each one does."""
        summary = super().get_summary()
        if summary or not self.get_description():
            return summary
        description = " ".join(self.get_description().split())
        # a view that lists and creates says "…; POST registers one": each method gets its own part
        own = re.search(rf"\b{self.method} (\w.*)", description)
        summary = _first_sentence(own.group(1) if own else description).rstrip(".:;")
        return summary[:1].upper() + summary[1:] or None

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {**_ERRORS, **(_BODY_ERRORS if self.method in ("POST", "PUT", "PATCH") else {})}
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction)
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
