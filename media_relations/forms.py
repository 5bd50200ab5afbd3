"""The journalists' forms (phone first) and the press service's."""

from django import forms
from django.db.models import Q
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, DateTimeInput, PublicForm, ServiceRules, https_links
from documents.forms import MultipleFileField
from media_relations.models import (
    Accreditation,
    ArchiveItem,
    Journalist,
    MediaMention,
    MediaOutlet,
    PressEvent,
    PressRelease,
    Subscription,
)
from media_relations.services.accreditation import journalist_signup_errors
from media_relations.services.events import press_event_errors
from media_relations.services.releases import release_errors
from units.models import Unit


class JoinForm(ServiceRules, PublicForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.CharField(label=_("E-mail"), max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}))
    password = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At least 10 characters, not only digits."))
    outlet_name = forms.CharField(label=_("Media outlet"), max_length=200,
                                  widget=forms.TextInput(attrs={"list": "outlets", "autocomplete": "off"}))
    outlet_kind = forms.ChoiceField(label=_("Type of outlet (if it is not in the list)"), required=False,
                                    choices=[*BLANK_CHOICE_DASH, *MediaOutlet.Kind.choices])
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))

    def rule_errors(self, data):
        return journalist_signup_errors(full_name=data.get("full_name"), email=data.get("email"), phone=data.get("phone"),
                                        password=data.get("password"))


class ApplyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Accreditation"), choices=Accreditation.Kind.choices, widget=forms.RadioSelect,
                             initial=Accreditation.Kind.TEMPORARY)
    event = forms.ModelChoiceField(label=_("Only for this event"), queryset=PressEvent.objects.none(), required=False,
                                   help_text=_("Leave empty to give the period below."))
    valid_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs=DATE))
    valid_until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs=DATE),
                                  help_text=_("Temporary: up to 3 months. Permanent: up to a year."))
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    documents = MultipleFileField(label=_("Documents (editor's letter, press card)"))

    def __init__(self, *args, organisations, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["event"].queryset = events


class DecisionForm(forms.Form):
    valid_until = forms.DateField(label=_("Valid until (to shorten the period)"), required=False, widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("Reason (required to refuse or revoke)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PressEventForm(ServiceRules, forms.ModelForm):
    class Meta:
        model = PressEvent
        fields = ["kind", "title", "topic", "starts_at", "ends_at", "place", "capacity", "speakers", "invited_outlets"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput(), "topic": forms.Textarea(attrs={"rows": 3}),
                   "speakers": forms.SelectMultiple(attrs={"size": 6}), "invited_outlets": forms.SelectMultiple(attrs={"size": 6})}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    field_order = ["organisation"]

    def __init__(self, *args, organisations, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["speakers"].queryset = speakers
        self.fields["invited_outlets"].queryset = MediaOutlet.objects.filter(is_active=True)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["organisation"] = self.instance.organisation_id

    def rule_errors(self, data):
        return press_event_errors(values=data, event=self.instance if self.instance.pk else None)

    def _post_clean(self):
        pass  # the service validates the model (one place for the rules)


class ReleaseForm(ServiceRules, forms.ModelForm):
    class Meta:
        model = PressRelease
        fields = ["language", "title", "lead", "body", "publish_at", "embargo_until"]
        widgets = {"publish_at": DateTimeInput(), "embargo_until": DateTimeInput(), "lead": forms.Textarea(attrs={"rows": 2}),
                   "body": forms.Textarea(attrs={"rows": 12})}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in ("publish_at", "embargo_until"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M"]
        if self.instance.pk or self.initial.get("organisation"):
            self.fields["organisation"].disabled = True
            if self.instance.pk:
                self.initial["organisation"] = self.instance.organisation_id

    def rule_errors(self, data):
        return release_errors(values=data)

    def _post_clean(self):
        pass


class MaterialsForm(forms.Form):
    materials = MultipleFileField(label=_("Add files (PDF, images, office documents)"))


class SubmitReleaseForm(forms.Form):
    approver = forms.ModelChoiceField(label=_("To be approved by"), queryset=None, empty_label=None)

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = approvers


class MentionForm(forms.ModelForm):
    class Meta:
        model = MediaMention
        formfield_callback = https_links
        fields = ["outlet", "published_on", "title", "url", "summary", "tone", "topic", "is_false", "units"]
        widgets = {"published_on": forms.DateInput(attrs=DATE), "summary": forms.Textarea(attrs={"rows": 3}),
                   "units": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {"units": _("A false report without units goes to the unit whose duties match its text.")}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["outlet"].queryset = MediaOutlet.objects.filter(is_active=True)
        within = Q(pk__in=[])
        for organisation in organisations:
            within |= Q(path__startswith=organisation.path)
        self.fields["units"].queryset = Unit.objects.filter(within, is_active=True, parent__isnull=False)

    def _post_clean(self):
        pass


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    file = forms.FileField(label=_("CSV (UTF-8) or XLSX file"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OutletForm(forms.ModelForm):
    class Meta:
        model = MediaOutlet
        formfield_callback = https_links
        fields = ["name", "kind", "country", "language", "email", "phone", "website"]


class JournalistForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["full_name", "outlet", "position", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = MediaOutlet.objects.filter(is_active=True)

    def _post_clean(self):
        pass


class ArchiveItemForm(forms.ModelForm):
    class Meta:
        model = ArchiveItem
        fields = ["kind", "title", "taken_on", "event", "people", "tags", "access", "location"]
        widgets = {"taken_on": forms.DateInput(attrs=DATE)}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    files = MultipleFileField(label=_("Files (images, PDF scans)"), required=False)
    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["event"].queryset = PressEvent.objects.filter(organisation__in=organisations).order_by("-starts_at")

    def _post_clean(self):
        pass


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["publication", "kind", "starts_on", "ends_on", "copies", "note"]
        widgets = {"starts_on": forms.DateInput(attrs=DATE), "ends_on": forms.DateInput(attrs=DATE)}

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Unit.objects.none(), empty_label=None)
    field_order = ["organisation"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def _post_clean(self):
        pass
