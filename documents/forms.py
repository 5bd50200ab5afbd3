from django import forms
from django.utils.translation import gettext_lazy as _

from core.bounds import validate_date_window
from core.forms import ServiceRules
from documents.models import AccessLevel, CaseFile, DeadlinePolicy, Direction, Document
from documents.models.control import term_label
from documents.services.registry import registration_errors
from units.models import Unit


class PolicyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({term_label(obj.term_value, obj.term_unit)})"


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the attachment store."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            files = [single(item, initial) for item in data if item]
            if self.required and not files:  # a required field sent with no file at all
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return files
        return [single(data, initial)] if data else []


class DocumentRegisterForm(ServiceRules, forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="slug")
    subject = forms.CharField(label=_("Subject"), max_length=500)
    correspondent = forms.CharField(label=_("Correspondent"), max_length=300, required=False,
                                    help_text=_("The sender of an incoming document, the addressee of an outgoing one."))
    correspondent_number = forms.CharField(label=_("Their number"), max_length=60, required=False)
    correspondent_date = forms.DateField(label=_("Their date"), required=False, validators=[validate_date_window],
                                         widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Summary"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    access_level = forms.ChoiceField(label=_("Access"), choices=AccessLevel.choices, initial=AccessLevel.INTERNAL)
    pages = forms.IntegerField(label=_("Pages"), min_value=1, max_value=10000, initial=1)
    case_file = forms.ModelChoiceField(label=_("Case file"), queryset=CaseFile.objects.none(), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False,
                                    help_text=_("PDF, office documents, images or plain text."))
    # one per form shown: a double click or a resent form registers one document
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args, units=(), case_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["case_file"].queryset = case_files if case_files is not None else CaseFile.objects.none()

    def rule_errors(self, data):
        return registration_errors(unit=data.get("unit"), direction=data.get("direction"), subject=data.get("subject"),
                                   correspondent=data.get("correspondent"), correspondent_date=data.get("correspondent_date"),
                                   case_file=data.get("case_file"))


class DocumentFilterForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=[("", _("all")), *Direction.choices], required=False)
    registered_from = forms.DateField(label=_("From"), required=False, validators=[validate_date_window],
                                      widget=forms.DateInput(attrs={"type": "date"}))
    registered_to = forms.DateField(label=_("To"), required=False, validators=[validate_date_window],
                                    widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Number, subject or correspondent"), required=False, max_length=200,
                           help_text=_("A part of our number or the sender's, the subject, the correspondent or the summary."))
    state = forms.ChoiceField(label=_("State"), choices=[("", _("all")), *Document.State.choices], required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="slug", required=False,
                                  empty_label=_("all"))
    case_file = forms.ModelChoiceField(label=_("Case file"), queryset=CaseFile.objects.none(), required=False,
                                       empty_label=_("all"))

    def __init__(self, *args, units=None, case_files=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["case_file"].queryset = case_files if case_files is not None else CaseFile.objects.none()


class ResolutionForm(forms.Form):
    """The instruction, the responsible executor with the term, and up to three co-executors, each with
    their own date or, left empty, the responsible executor's term."""

    CO_EXECUTOR_ROWS = 3

    text = forms.CharField(label=_("Instruction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    responsible_unit = forms.ModelChoiceField(label=_("Responsible executor (unit)"), queryset=Unit.objects.none(),
                                              to_field_name="slug")
    responsible_person = forms.ModelChoiceField(label=_("Responsible executor (person)"), required=False,
                                                queryset=Unit.objects.none())
    policy = forms.ModelChoiceField(label=_("Term"), queryset=DeadlinePolicy.objects.none(), to_field_name="code", required=False,
                                    empty_label=None)
    due_date = forms.DateField(label=_("…or by the date"), required=False, validators=[validate_date_window],
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units
        self.fields["responsible_person"].queryset = people
        self.fields["policy"].queryset = DeadlinePolicy.objects.filter(organisation__isnull=True, is_active=True,
                                                                       code__startswith="document.").order_by("code")
        self.fields["policy"].label_from_instance = lambda p: f"{p.display_name} ({term_label(p.term_value, p.term_unit)})"
        for row in range(1, self.CO_EXECUTOR_ROWS + 1):
            self.fields[f"co_{row}_unit"] = forms.ModelChoiceField(
                label=_("Co-executor %(number)d (unit)") % {"number": row}, required=False, queryset=units, to_field_name="slug")
            self.fields[f"co_{row}_person"] = forms.ModelChoiceField(
                label=_("Co-executor %(number)d (person)") % {"number": row}, required=False, queryset=people)
            self.fields[f"co_{row}_due_date"] = forms.DateField(
                label=_("Co-executor %(number)d: by the date") % {"number": row}, required=False,
                validators=[validate_date_window], widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        for row in range(1, self.CO_EXECUTOR_ROWS + 1):
            if not data.get(f"co_{row}_unit") and (data.get(f"co_{row}_person") or data.get(f"co_{row}_due_date")):
                self.add_error(f"co_{row}_unit", _("Choose the co-executor's unit."))
        return data

    def main_fields(self):
        return [self[name] for name in ("text", "responsible_unit", "responsible_person", "policy", "due_date")]

    def co_executor_rows(self):
        """[(number, [unit, person, date bound fields])] for the page to lay out a row per co-executor."""
        return [(row, [self[f"co_{row}_{name}"] for name in ("unit", "person", "due_date")])
                for row in range(1, self.CO_EXECUTOR_ROWS + 1)]

    def _executor_rows(self):
        """[(form row prefix, (unit, person, policy code, date))]: the responsible executor first, then the
        co-executors in the order given (an exact repeat is left out). Empty terms mean the resolution's."""
        data = self.cleaned_data
        rows = [("responsible", (data["responsible_unit"], data["responsible_person"], None, None))]
        for row in range(1, self.CO_EXECUTOR_ROWS + 1):
            entry = (data.get(f"co_{row}_unit"), data.get(f"co_{row}_person"), None, data.get(f"co_{row}_due_date"))
            if entry[0] and entry[:2] not in [r[:2] for _prefix, r in rows]:
                rows.append((f"co_{row}", entry))
        return rows

    def executors(self):
        return [entry for _prefix, entry in self._executor_rows()]

    def field_for_service_error(self, field):
        """The form field for a service's `executors.<n>.<name>` error field."""
        parts = field.split(".")
        if len(parts) != 3 or parts[0] != "executors" or not parts[1].isdigit():
            return field
        prefix = self._executor_rows()[int(parts[1])][0]
        name = {"executor": "person"}.get(parts[2], parts[2])
        if prefix == "responsible":
            return {"unit": "responsible_unit", "person": "responsible_person"}.get(name, name)
        return f"{prefix}_{name}"


class ExecutionReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label=_("Attachments"), required=False)


class ReportDecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DraftForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="slug")
    addressee = forms.CharField(label=_("Addressee"), max_length=300)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50000)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ApprovalRouteForm(forms.Form):
    """Up to three visas in order (e.g. sector head → legal department → department head), then the signer."""

    visa_1 = forms.ModelChoiceField(label=_("First visa"), required=False, queryset=Unit.objects.none())
    visa_2 = forms.ModelChoiceField(label=_("Second visa"), required=False, queryset=Unit.objects.none())
    visa_3 = forms.ModelChoiceField(label=_("Third visa"), required=False, queryset=Unit.objects.none())
    signer = forms.ModelChoiceField(label=_("Signature"), queryset=Unit.objects.none())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("visa_1", "visa_2", "visa_3", "signer"):
            self.fields[name].queryset = people

    def visas(self):
        return [self.cleaned_data[name] for name in ("visa_1", "visa_2", "visa_3") if self.cleaned_data.get(name)]


class ApprovalDecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Say why you withdraw it.")},
                             help_text=_("The approver it waits for is told; you change it and send it again."))


class HandOnForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="slug")
    executor = forms.ModelChoiceField(label=_("Executor"), queryset=Unit.objects.none(), required=False)
    due_date = forms.DateField(label=_("Term"), required=False, validators=[validate_date_window],
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Not later than your own term; empty: the same."))

    def __init__(self, *args, assignment, choices_memo=None, **kwargs):
        """`choices_memo`, a dict a page keeps across its forms, reads each unit's choices once."""
        from core.models import User

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(path__startswith=assignment.unit.path).order_by("path")
        self.fields["executor"].queryset = User.objects.filter(
            memberships__position__unit__path__startswith=assignment.unit.path, is_active=True).distinct()
        if choices_memo is not None:
            if assignment.unit_id not in choices_memo:
                choices_memo[assignment.unit_id] = [list(self.fields[name].choices) for name in ("unit", "executor")]
            # validation still reads the querysets; only the rendered options are shared
            self.fields["unit"].choices, self.fields["executor"].choices = choices_memo[assignment.unit_id]
