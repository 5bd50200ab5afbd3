"""The citizen's forms (phone first: few fields, plain labels) and the staff's action forms."""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from appeals.models import (
    AnswerForm,
    AppealKind,
    CaseType,
    Channel,
    ExternalBody,
    NotConsideredGround,
    Outcome,
    RefusalGround,
    Urgency,
)
from appeals.reception import reception_session_errors
from appeals.services import submission_errors
from core.forms import ContactChecks, PublicForm, ServiceRules
from documents.forms import MultipleFileField
from units.models import Unit
from units.selectors import unit_staff


class _PublicForm(ContactChecks, PublicForm):
    pass


class _CitizenForm(_PublicForm):
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


class AppealForm(ServiceRules, _CitizenForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppealKind.choices, widget=forms.RadioSelect, initial=AppealKind.APPLICATION)
    is_collective = forms.BooleanField(label=_("A collective appeal (signed by several people)"), required=False)
    signatories = forms.IntegerField(label=_("Number of signatories"), min_value=1, max_value=1_000_000, required=False)

    field_order = ["kind", "subject", "text", "name", "email", "phone", "address", "is_collective", "signatories", "attachments"]

    def rule_errors(self, data):
        return submission_errors(CaseType.APPEAL, data)


class InformationRequestForm(ServiceRules, _CitizenForm):
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NONE, widget=forms.RadioSelect)
    urgency_explanation = forms.CharField(label=_("Why it is urgent"), required=False, max_length=2000,
                                          widget=forms.Textarea(attrs={"rows": 2}))
    answer_form = forms.ChoiceField(label=_("How should we answer?"), choices=AnswerForm.choices, initial=AnswerForm.EMAIL)
    publish_consent = forms.BooleanField(label=_("The answer may be published (without my personal data)"), required=False)

    field_order = ["subject", "text", "urgency", "urgency_explanation", "answer_form", "name", "email", "phone", "address",
                   "publish_consent", "attachments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("What information do you need?")
        self.fields["name"].help_text = ""

    def rule_errors(self, data):
        return submission_errors(CaseType.INFORMATION_REQUEST, data)


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
        super().__init__(*args, **kwargs)
        self.fields["executor"].queryset = unit_staff(unit=unit)


class ClarificationForm(forms.Form):
    question = forms.CharField(label=_("What should the citizen clarify?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ContestForm(forms.Form):
    text = forms.CharField(label=_("What do you disagree with?"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerTextForm(forms.Form):
    """The decision: the outcome (those open to the case's type), its ground from the legal list, the letter."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    ground = forms.ChoiceField(label=_("Legal ground (refusal, partial answer, not considered)"), required=False, choices=())
    text = forms.CharField(label=_("The reasoned answer"), max_length=50000, widget=forms.Textarea(attrs={"rows": 10}))
    attachments = MultipleFileField(label=_("Files with the answer"), required=False)

    def __init__(self, *args, case_type, **kwargs):
        super().__init__(*args, **kwargs)
        if case_type == CaseType.INFORMATION_REQUEST:
            outcomes, grounds = (Outcome.FULL, Outcome.PARTIAL, Outcome.REFUSED), RefusalGround.choices
        else:
            outcomes, grounds = (Outcome.FULL, Outcome.NOT_CONSIDERED), [
                (value, label) for value, label in NotConsideredGround.choices if value != NotConsideredGround.ANONYMOUS]
        self.fields["outcome"].choices = [(o.value, o.label) for o in outcomes]
        self.fields["ground"].choices = [*BLANK_CHOICE_DASH, *grounds]


class ForwardForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Competent body"), queryset=ExternalBody.objects.filter(is_active=True))
    text = forms.CharField(label=_("Covering letter (the citizen receives a copy)"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(label=_("Files with the letter"), required=False)


class ExtraStudyForm(forms.Form):
    reason = forms.CharField(label=_("What needs extra study or checking?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Working days to add"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Reason (the citizen is told)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RegisterForm(ServiceRules, ContactChecks, forms.Form):
    """The clerk registers a case that came by post, e-mail, phone or at a reception, the day it arrived."""

    case_type = forms.ChoiceField(label=_("Type"), choices=CaseType.choices)
    channel = forms.ChoiceField(label=_("Arrived by"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_at = forms.DateTimeField(label=_("Received"), help_text=_("The term counts from this moment."),
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=[*BLANK_CHOICE_DASH, *AppealKind.choices], required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    is_collective = forms.BooleanField(label=_("A collective appeal (signed by several people)"), required=False)
    signatories = forms.IntegerField(label=_("Number of signatories"), min_value=1, max_value=1_000_000, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NONE, required=False)
    urgency_explanation = forms.CharField(label=_("Why it is urgent"), required=False, max_length=2000)
    answer_form = forms.ChoiceField(label=_("How should we answer?"), choices=AnswerForm.choices, initial=AnswerForm.POST)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=())
    attachments = MultipleFileField(label=_("Scans and files"), required=False)

    def __init__(self, *args, **kwargs):
        from django.conf import settings
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)  # registered the same day
        self.fields["language"].choices = list(settings.LANGUAGES)
        self.fields["language"].initial = settings.LANGUAGE_CODE

    def rule_errors(self, data):
        return submission_errors(data["case_type"], data) if data.get("case_type") else {}

    def service_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in ("attachments", "case_type", "channel", "received_at")}


class BookingForm(_PublicForm):
    name = forms.CharField(label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Phone"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.CharField(label=_("E-mail (for the confirmation and the reminder)"), max_length=254, required=False,
                            widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}))
    subject = forms.CharField(label=_("What do you want to raise?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class SessionForm(ServiceRules, forms.Form):
    official = forms.ModelChoiceField(label=_("Official"), queryset=Unit.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=300)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=10)
    repeat_months = forms.IntegerField(label=_("Repeat on the same day of the month for the next … months"), min_value=0,
                                       max_value=12, initial=0, required=False)

    def __init__(self, *args, organisation, **kwargs):
        from units.models import MANAGING_KINDS

        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["official"].queryset = unit_staff(unit=organisation, kinds=MANAGING_KINDS)

    def rule_errors(self, data):
        return reception_session_errors(organisation=self.organisation, **{
            field: data.get(field) for field in ("official", "starts_at", "ends_at", "place", "capacity", "repeat_months")})


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppealKind.choices, initial=AppealKind.APPLICATION)
    text = forms.CharField(label=_("The oral appeal as the citizen stated it"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 6}))


class PublishForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    question = forms.CharField(label=_("The request"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))
    answer = forms.CharField(label=_("The answer"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}),
                             help_text=_("The requester's name, e-mail, phone and address are removed automatically; "
                                         "wrap any other personal data in [[ ]] to remove it."))
