"""The approval chain, one for every app: a route of visas in order, then a signature, attached to any item
by a generic relation; every version of the route and every step is kept. And the outgoing draft, the
first item that passes through it (appeal answers, press releases and visa letters will follow)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.querysets import OutgoingDraftQuerySet

__all__ = ["ApprovalReminder", "ApprovalRoute", "ApprovalStep", "OutgoingDraft"]


class ApprovalRoute(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in approval")
        APPROVED = "approved", _("signed")
        REJECTED = "rejected", _("returned to the author")
        WITHDRAWN = "withdrawn", _("withdrawn by the author")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval route")
        verbose_name_plural = _("approval routes")
        ordering = ["content_type", "object_id", "version"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "version"], name="approval_route_version")]

    def __str__(self):
        return f"{self.item} v{self.version}"


class ApprovalStep(models.Model):
    class Kind(models.TextChoices):
        VISA = "visa", _("visa")
        SIGNATURE = "signature", _("signature")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        SKIPPED = "skipped", _("not reached")

    route = models.ForeignKey(ApprovalRoute, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="approval_steps",
                                 verbose_name=_("approver"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["route", "order"]
        constraints = [models.UniqueConstraint(fields=["route", "order"], name="approval_step_order")]
        indexes = [models.Index(fields=["approver", "state"], name="approval_step_queue")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.approver}"


class OutgoingDraft(models.Model):
    """A letter being prepared: edited by its author, approved through the chain; the signature registers it
    as an outgoing document with its number."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_APPROVAL = "in_approval", _("in approval")
        RETURNED = "returned", _("returned to the author")
        SIGNED = "signed", _("signed and registered")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="drafts", verbose_name=_("unit"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts", verbose_name=_("author"))
    addressee = models.CharField(_("addressee"), max_length=300)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    in_reply_to = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("in reply to"))
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="draft",
                                    verbose_name=_("registered as"))
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = OutgoingDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing draft")
        verbose_name_plural = _("outgoing drafts")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class ApprovalReminder(models.Model):
    """The ledger of reminders about a step waiting too long: one per step, so a reminder goes out once."""

    step = models.OneToOneField(ApprovalStep, on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.step_id} {self.sent_at:%Y-%m-%d}"
