"""The protocol service's forms. The services validate; these only parse (one place for the rules)."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, DateTimeInput, ServiceRules, https_links
from documents.forms import MultipleFileField
from protocol.models import Agreement, DelegationMember, Meeting, Partner, ProgrammeItem, Visit, VisitLetter
from protocol.services.agreements import agreement_errors
from protocol.services.meetings import meeting_errors
from protocol.services.visits import member_errors, programme_item_errors, visit_errors
from units.forms import UnitChoiceField
from units.models import Unit


class ServiceModelForm(forms.ModelForm):
    def _post_clean(self):
        pass  # the service validates the model

    def moments(self, *names):
        for name in names:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]


class PartnerForm(ServiceModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "country", "contact_person", "email", "phone", "address", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = https_links


def _units_of(organisations):
    condition = Q(pk__in=[])
    for organisation in organisations:
        condition |= Q(path__startswith=organisation.path)
    return Unit.objects.filter(condition, is_active=True).order_by("path")


class LanguageCodesField(forms.MultipleChoiceField):
    """The programme's languages ticked from the portal's languages; the model keeps them as "az,en"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=settings.LANGUAGES, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return [code.strip() for code in value.split(",") if code.strip()]
        return value

    def clean(self, value):
        ticked = super().clean(value)
        return ",".join(code for code, _name in settings.LANGUAGES if code in ticked)  # in the portal's order, as on the page


class VisitForm(ServiceRules, ServiceModelForm):
    class Meta:
        model = Visit
        fields = ["direction", "invited_by", "title", "purpose", "partner", "country", "city", "starts_on", "ends_on", "level",
                  "languages"]
        widgets = {"starts_on": forms.DateInput(DATE), "ends_on": forms.DateInput(DATE), "purpose": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"languages": LanguageCodesField}
        help_texts = {"languages": ""}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    organising_unit = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    field_order = ["organisation", "organising_unit"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.fields["organisation"].queryset = Unit.objects.filter(pk__in=[o.pk for o in organisations])
        self.fields["organising_unit"].queryset = _units_of(organisations)
        self.fields["partner"].queryset = Partner.objects.filter(is_active=True)
        self.fields["invited_by"].required = False
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["organisation"] = self.instance.organisation_id
            self.initial["organising_unit"] = self.instance.organising_unit_id

    def rule_errors(self, data):
        return visit_errors(values=data)


class MemberForm(ServiceRules, ServiceModelForm):
    class Meta:
        model = DelegationMember
        fields = ["full_name", "position", "organisation_name", "role", "arrival_at", "arrival_flight", "departure_at",
                  "departure_flight", "airport_service", "hotel", "dietary_needs", "access_needs", *DelegationMember.PASSPORT_FIELDS]
        widgets = {"arrival_at": DateTimeInput(), "departure_at": DateTimeInput(), "passport_expires_on": forms.DateInput(DATE),
                   "date_of_birth": forms.DateInput(DATE)}

    def __init__(self, *args, passport, **kwargs):
        super().__init__(*args, **kwargs)
        self.moments("arrival_at", "departure_at")
        if not passport:
            for name in DelegationMember.PASSPORT_FIELDS:
                del self.fields[name]

    def rule_errors(self, data):
        return member_errors(values=data)


class ProgrammeItemForm(ServiceRules, ServiceModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "activity", "place", "officials", "guests", "responsible", "transport"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(), "officials": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, staff, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.moments("starts_at", "ends_at")
        self.fields["officials"].queryset = staff
        self.fields["responsible"].queryset = staff

    def rule_errors(self, data):
        return programme_item_errors(visit=self.visit, values=data)


class MoveForm(forms.Form):
    move = forms.ChoiceField(choices=[(a, a) for a in ("approve", "confirm", "start", "complete", "cancel")])
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("Report to the minister"), widget=forms.Textarea(attrs={"rows": 8}))


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=VisitLetter.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class MeetingForm(ServiceRules, ServiceModelForm):
    class Meta:
        model = Meeting
        fields = ["partner", "title", "starts_at", "ends_at", "place", "officials", "guests", "agenda"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(), "agenda": forms.Textarea(attrs={"rows": 4}),
                   "officials": forms.SelectMultiple(attrs={"size": 5})}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    organising_unit = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    field_order = ["organisation", "organising_unit"]

    def __init__(self, *args, organisations, staff, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.moments("starts_at", "ends_at")
        self.fields["organisation"].queryset = Unit.objects.filter(pk__in=[o.pk for o in organisations])
        self.fields["organising_unit"].queryset = _units_of(organisations)
        self.fields["partner"].queryset = Partner.objects.filter(is_active=True)
        self.fields["officials"].queryset = staff
        if self.instance.pk:
            self.fields["organisation"].disabled = True

    def rule_errors(self, data):
        return meeting_errors(values=data, officials=data.get("officials"))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class ApproverForm(forms.Form):
    approver = forms.ModelChoiceField(label=_("Head of department"), queryset=None, empty_label=None)

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers


class ControlledItemForm(ServiceRules, forms.Form):
    """An agreed action or an obligation: `rules(text, due_on)` is its service's check of the deadline."""

    text = forms.CharField(label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    due_on = forms.DateField(label=_("Deadline"), widget=forms.DateInput(DATE))

    def __init__(self, *args, organisation, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = _units_of([organisation])
        self.rules = rules

    def rule_errors(self, data):
        return self.rules(text=data.get("text"), due_on=data.get("due_on"))


class AgreementForm(ServiceRules, ServiceModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "title", "partners", "signed_on", "signed_place", "in_force_on", "term_months", "renewal", "notice_days"]
        widgets = {"signed_on": forms.DateInput(DATE), "in_force_on": forms.DateInput(DATE),
                   "partners": forms.SelectMultiple(attrs={"size": 5})}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    responsible_unit = UnitChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none())
    scan = MultipleFileField(label=_("Signed text (scan)"), required=False)
    field_order = ["organisation", "responsible_unit"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.fields["organisation"].queryset = Unit.objects.filter(pk__in=[o.pk for o in organisations])
        self.fields["responsible_unit"].queryset = _units_of(organisations)
        self.fields["partners"].queryset = Partner.objects.filter(is_active=True)

    def rule_errors(self, data):
        return agreement_errors(values=data, partners=data.get("partners"))


class CloseObligationForm(forms.Form):
    obligation = forms.IntegerField(widget=forms.HiddenInput)
    report = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    cancelled = forms.BooleanField(label=_("Cancelled (write why)"), required=False)


class WorkingGroupForm(forms.Form):
    user = forms.ModelChoiceField(label=_("One of our staff"), queryset=None, required=False)
    full_name = forms.CharField(label=_("Or the partner's member: full name"), max_length=200, required=False)
    organisation_name = forms.CharField(label=_("Their organisation"), max_length=200, required=False)
    is_chair = forms.BooleanField(label=_("Co-chair"), required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff


class RenewForm(forms.Form):
    months = forms.IntegerField(label=_("Renewed for, months"), min_value=1, max_value=240)


class TerminateForm(forms.Form):
    on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(DATE))
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ScanForm(forms.Form):
    scan = MultipleFileField(label=_("Signed text (scan)"))
