class ApplicationError(Exception):
    """A rule of the domain was broken. `message` is shown to the user (pass a translated string);
    `fields` maps form/serializer field names to messages; `code` is stable for API clients."""

    status_code = 400

    def __init__(self, message, *, code="invalid", fields=None, status_code=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields or {}
        if status_code is not None:
            self.status_code = status_code


class PermissionDeniedError(ApplicationError):
    status_code = 403

    def __init__(self, message, *, code="permission_denied", fields=None):
        super().__init__(message, code=code, fields=fields)


def fail(field, message, code="invalid"):
    """Refuse with a message about one field (the form shows it beside the field; the API names it)."""
    raise ApplicationError(message, code=code, fields={field: [message]})


def fail_all(errors):
    """Refuse with every field at fault at once ({field: [messages]}), so a form shows them together rather than one
    per submission; nothing happens when there is none."""
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)
