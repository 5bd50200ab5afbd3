"""The citizen's forms (phone first: few fields, plain labels) and the staff's action forms."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from appeals.models import AnswerForm, AppealKind, Urgency
from documents.forms import MultipleFileField
from units.models import Unit


class _CitizenForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Your appeal"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    name = forms.CharField(label=_("Full name"), max_length=200, required=False,
                           help_text=_("Without a name and a way to answer, an appeal is not considered (the law)."))
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False,
                            widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    attachments = MultipleFileField(label=_("Files (PDF, images, office documents)"), required=False)
    # a field people do not see and robots fill in
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)

    def is_robot(self):
        return bool(self.data.get("website"))

    def service_data(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("attachments", "website", "submission_key")}
        return data


class AppealForm(_CitizenForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppealKind.choices, widget=forms.RadioSelect, initial=AppealKind.APPLICATION)
    is_collective = forms.BooleanField(label=_("A collective appeal (signed by several people)"), required=False)
    signatories = forms.IntegerField(label=_("Number of signatories"), min_value=1, max_value=1_000_000, required=False)

    field_order = ["kind", "subject", "text", "name", "email", "phone", "address", "is_collective", "signatories", "attachments"]


class InformationRequestForm(_CitizenForm):
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NONE, widget=forms.RadioSelect)
    urgency_explanation = forms.CharField(label=_("Why it is urgent"), required=False, max_length=2000,
                                          widget=forms.Textarea(attrs={"rows": 2}))
    answer_form = forms.ChoiceField(label=_("How should we answer?"), choices=AnswerForm.choices, initial=AnswerForm.EMAIL)

    field_order = ["subject", "text", "urgency", "urgency_explanation", "answer_form", "name", "email", "phone", "address",
                   "attachments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("What information do you need?")
        self.fields["name"].help_text = ""


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your reply"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="slug")

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(path__startswith=organisation.path, is_active=True).order_by("path")


class AssignForm(forms.Form):
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=Unit.objects.none())

    def __init__(self, *args, unit, **kwargs):
        from core.models import User

        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = User.objects.filter(memberships__position__unit__path__startswith=unit.path,
                                                               is_active=True).distinct().order_by("last_name")


class ClarificationForm(forms.Form):
    question = forms.CharField(label=_("What should the citizen clarify?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerTextForm(forms.Form):
    text = forms.CharField(label=_("The reasoned answer"), max_length=50000, widget=forms.Textarea(attrs={"rows": 10}))
