import uuid

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from core.contacts import contact_checked


def asked_query(request, field_names):
    """The query string as a GET form's data when it names one of the form's fields, else None (an unbound form):
    ?lang= or a page cursor alone asks for nothing, so the page opens without errors and with its filter folded."""
    return request.GET if any(name in request.GET for name in field_names) else None


def form_add_application_error(form, error):
    """Show an ApplicationError on a form: its field messages beside the fields (the error summary lists them on
    top), its message on top unless it is one of them."""
    placed = set()
    for field, messages in error.fields.items():
        if field in form.fields and field != NON_FIELD_ERRORS:
            for message in messages if isinstance(messages, list) else [messages]:
                form.add_error(field, message)
                placed.add(str(message))
    if str(error.message) not in placed:
        form.add_error(None, error.message)


class ContactChecks:
    """A person's e-mail and phone checked with the form's other fields on the first submit (the service checks the
    same), so one answer names every mistake."""

    def clean_email(self):
        return contact_checked("email", self.cleaned_data.get("email"), forms.ValidationError)

    def clean_phone(self):
        return contact_checked("phone", self.cleaned_data.get("phone"), forms.ValidationError)


class ServiceRules:
    """A form that names its service's own rules (those across fields: a correspondent for incoming mail, two
    signatories for a collective appeal) with its fields' errors on the first answer, not after they are fixed.
    `rule_errors(data)` asks the service's check with what the form could read; the service checks again."""

    def rule_errors(self, data):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        for field, messages in self.rule_errors(data).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages)
        return data


class PublicForm(forms.Form):
    """A form anyone may send: a field people do not see and robots fill in, and a key that makes a double submit
    one submission."""

    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)

    def is_robot(self):
        return bool(self.data.get("website"))

    def service_data(self):
        """What the citizen typed, for the service (files go separately)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("attachments", "website", "submission_key")}


DATE = {"type": "date"}
MOMENT = {"type": "datetime-local"}


def https_links(field, **kwargs):
    """Model fields to form fields; a link typed without a scheme is taken as https://."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PortalFormRenderer(DjangoTemplates):
    """Django's forms as Django renders them, but a select's empty choice says what it means in the reader's
    language: "---------" is read out by screen readers as dashes and tells a citizen nothing."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and widget.get("optgroups"):
            _name_empty_choice(widget)
        return super().render(template_name, context, request)


def _name_empty_choice(widget):
    _group, options, _index = widget["optgroups"][0]  # Django puts the empty choice first, or not at all
    if options and options[0]["value"] in ("", None) and options[0]["label"] == BLANK_CHOICE_DASH[0][1]:
        options[0]["label"] = _("— choose —") if widget.get("required") else _("— none —")
