"""The registry and the shared mechanisms every app reuses: registration journals and their numbering,
the nomenclature of case files, documents, and the attachment store (any item, by a generic relation)."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.querysets import DocumentQuerySet

__all__ = ["DEFAULT_NUMBER_FORMATS", "AccessLevel", "Attachment", "CaseFile", "DisposalAct", "Direction", "Document", "Journal", "NumberCounter"]


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming")
    OUTGOING = "outgoing", _("outgoing")
    INTERNAL = "internal", _("internal")


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")
    RESTRICTED = "restricted", _("restricted")


# outgoing letters carry the case file's index ("12-3/145-26"); incoming ones the registry's own count
DEFAULT_NUMBER_FORMATS = {"incoming": "{seq}/{yy}", "outgoing": "{index}/{seq}-{yy}", "internal": "{index}/{seq}-{yy}-D"}


class Journal(models.Model):
    """A registration journal of an organisation (incoming, outgoing, internal, appeals, …). Its numbers
    run per year; the format is set by the administrator: {index} is the case file's index, {seq} the
    number in the year, {yy}/{yyyy} the year, {code} the journal's code. "12-3/145-26" is "{index}/{seq}-{yy}"."""

    organisation = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="journals",
                                     verbose_name=_("organisation"), limit_choices_to={"parent__isnull": True})
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    number_format = models.CharField(_("number format"), max_length=60, default=DEFAULT_NUMBER_FORMATS["outgoing"],
                                     help_text=_("{index}: case file index, {seq}: number in the year, {yy} or {yyyy}: year, {code}: journal code."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration journal")
        verbose_name_plural = _("registration journals")
        ordering = ["organisation", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="journal_unique_code")]

    def __str__(self):
        return self.name


class NumberCounter(models.Model):
    """The last number given in a journal and year. Locked row by row by the numbering service."""

    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["journal", "year"], name="number_counter_unique_year")]

    def __str__(self):
        return f"{self.journal_id}/{self.year}: {self.last}"


class CaseFile(models.Model):
    """A file of the nomenclature (номенклатура дел / işlərin nomenklaturu) for a year: documents are filed
    into it; it closes at year end and is kept for its retention period (or permanently)."""

    organisation = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="case_files", verbose_name=_("unit"))
    index = models.CharField(_("index"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    retention_years = models.PositiveSmallIntegerField(_("retention (years)"), null=True, blank=True,
                                                       help_text=_("Empty: kept permanently."))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=300, blank=True)
    disposed_at = models.DateTimeField(_("disposed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        ordering = ["year", "index"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "index"], name="case_file_unique_index")]

    def __str__(self):
        return f"{self.index} {self.title} ({self.year})"

    def retention_ends(self):
        """The last year the file must be kept (None: permanently). Retention counts from 1 January of the
        year after the file was closed."""
        return None if self.retention_years is None else self.year + self.retention_years

    def is_expired(self, today):
        ends = self.retention_ends()
        return ends is not None and today.year > ends


class DisposalAct(models.Model):
    """An act that destroys case files whose retention has expired; a head approves it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("waiting for approval")
        APPROVED = "approved", _("approved")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="disposal_acts", verbose_name=_("unit"))
    case_files = models.ManyToManyField(CaseFile, related_name="disposal_acts", verbose_name=_("case files"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drawn up by"))
    created_at = models.DateTimeField(_("drawn up"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("disposal act")
        verbose_name_plural = _("disposal acts")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.unit} {self.created_at:%Y-%m-%d}"


class Document(models.Model):
    """An incoming, outgoing or internal document in the registry."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("registered")
        IN_EXECUTION = "in_execution", _("in execution")
        EXECUTED = "executed", _("executed")
        ARCHIVED = "archived", _("archived")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="documents", verbose_name=_("unit"),
                             help_text=_("The unit the document belongs to (addressee of an incoming one, author of the others)."))
    journal = models.ForeignKey(Journal, on_delete=models.PROTECT, related_name="documents", verbose_name=_("journal"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("registration number"), max_length=60)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("registered by"))
    case_file = models.ForeignKey(CaseFile, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
                                  verbose_name=_("case file"))
    correspondent = models.CharField(_("correspondent"), max_length=300, blank=True,
                                     help_text=_("The sender of an incoming document, the addressee of an outgoing one."))
    correspondent_number = models.CharField(_("their number"), max_length=60, blank=True)
    correspondent_date = models.DateField(_("their date"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    access_level = models.CharField(_("access"), max_length=10, choices=AccessLevel.choices, default=AccessLevel.INTERNAL)
    pages = models.PositiveSmallIntegerField(_("pages"), default=1, validators=[MinValueValidator(1)])
    in_reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies",
                                    verbose_name=_("in reply to"))
    supersedes = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="superseded_by",
                                   verbose_name=_("supersedes"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REGISTERED)
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["journal", "year", "sequence"], name="document_unique_sequence"),
        ]
        indexes = [
            # the registry list: newest first, usually by direction; visibility is checked row by row while
            # walking these, so a page costs the same at 10,000 documents as at 1,000,000 (make bench)
            models.Index(fields=["direction", "-registered_at", "-id"], name="document_registry_list"),
            models.Index(fields=["-registered_at", "-id"], name="document_newest"),
            models.Index(fields=["unit", "-registered_at"], name="document_unit_list"),
            models.Index(fields=["state"], name="document_state"),
            models.Index(fields=["correspondent"], name="document_correspondent"),
            models.Index(fields=["organisation", "number"], name="document_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.subject}"


def _attachment_path(instance, filename):
    # a random name: nothing of the uploader's file name reaches the file system
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    """A file attached to any item (a document, an execution report, an appeal, a press release…). Its
    type is what its content says, not its name; it is served only to those who may see the item."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    # empty for a citizen's upload (no account)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_item")]

    def __str__(self):
        return self.original_name


