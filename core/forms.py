from django.core.exceptions import NON_FIELD_ERRORS


def form_add_application_error(form, error):
    """Show an ApplicationError on a form: its message on top, its field messages beside the fields."""
    form.add_error(None, error.message)
    for field, messages in error.fields.items():
        if field in form.fields and field != NON_FIELD_ERRORS:
            for message in messages if isinstance(messages, list) else [messages]:
                form.add_error(field, message)
