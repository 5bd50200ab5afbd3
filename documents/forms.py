from django import forms
from django.utils.translation import gettext_lazy as _

from core.bounds import validate_date_window
from documents.models import DeadlinePolicy


class PolicyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.term_value} {obj.get_term_unit_display()})"


class CalculatorForm(forms.Form):
    policy = PolicyChoiceField(
        label=_("Deadline"), queryset=DeadlinePolicy.objects.filter(organisation__isnull=True, is_active=True).order_by("code"),
        to_field_name="code",
    )
    start = forms.DateTimeField(
        label=_("Start (registration, receipt or detection)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"], validators=[validate_date_window],
    )


class ExtendForm(forms.Form):
    value = forms.IntegerField(label=_("Extend by"), min_value=1, max_value=3650, required=False,
                               help_text=_("In the policy's extension unit, counted from the end of the current term."))
    new_due = forms.DateField(label=_("…or to the date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              validators=[validate_date_window])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("value") and not cleaned.get("new_due") and not self.errors:
            raise forms.ValidationError(_("Give the length of the extension or the new date."))
        return cleaned


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class CloseForm(forms.Form):
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False)
