from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from units.importer.parse import MAX_TEXT_BYTES as MAX_REGULATION_BYTES
from units.models import Unit


class UnitChoiceField(forms.ModelChoiceField):
    """A unit chosen from the tree: indented by its depth, so "Central Administration" shows whose it is."""

    def label_from_instance(self, unit):
        return f"{'— ' * unit.depth}{unit.display_name}"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return f"{'— ' * unit.depth}{unit.display_name}"


class RegulationUploadForm(forms.Form):
    file = forms.FileField(label=_("Regulation text file (.txt)"), required=False)
    text = forms.CharField(label=_("…or paste the text"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    organisation = forms.CharField(
        label=_("Organisation"), required=False, max_length=300,
        help_text=_("Only needed when the text does not name the ministry or agency."),
    )
    applies_to = UnitMultipleChoiceField(
        label=_("A model regulation applies to"), required=False, queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Real units whose work the model describes: routing then considers its duties for them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applies_to"].queryset = Unit.objects.filter(is_active=True).order_by("path")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > MAX_REGULATION_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        if not upload.name.lower().endswith((".txt", ".md")):
            raise ValidationError(_("Upload a plain-text file (.txt)."))
        raw = upload.read()
        if b"\x00" in raw:
            raise ValidationError(_("The file is not a text file."))
        try:
            self.cleaned_data["decoded"] = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("decoded") or cleaned.get("text", "")
        if not text.strip() and not self.errors:
            raise ValidationError(_("Choose a file or paste the regulation text."))
        if len(text.encode("utf-8")) > MAX_REGULATION_BYTES:
            raise ValidationError(_("The text is larger than 1 MB."))
        cleaned["text"] = text
        return cleaned
