"""Execution of documents: a head's resolution gives assignments; each assignment is the controlled item
(one ControlCard each); executors report, the controller accepts or returns the report."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import shorten

__all__ = ["Assignment", "AssignmentReport", "Resolution"]


class Resolution(models.Model):
    """A head's instruction on a document (dərkənar / резолюция)."""

    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="resolutions",
                                 verbose_name=_("document"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("instruction"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["created_at", "id"]

    def __str__(self):
        return shorten(self.text, 80)


class Assignment(models.Model):
    """One executor's part of a resolution: the responsible executor, or a co-executor; or a part an
    executor handed on inside their unit (parent). Its term and state live in its ControlCard."""

    class Role(models.TextChoices):
        RESPONSIBLE = "responsible", _("responsible executor")
        CO_EXECUTOR = "co_executor", _("co-executor")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="assignments",
                                   verbose_name=_("resolution"))
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="assignments",
                                 verbose_name=_("document"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("handed on from"))
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("unit"))
    executor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="assignments", verbose_name=_("executor"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["document"], name="assignment_document"),
                   models.Index(fields=["unit"], name="assignment_unit")]

    def __str__(self):
        return f"{self.unit} ({self.get_role_display()})"


class AssignmentReport(models.Model):
    """An executor's execution report; the controller accepts it (the card closes) or returns it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting for the controller")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("assignment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("report"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("controller's comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")
        ordering = ["created_at", "id"]

    def __str__(self):
        return shorten(self.text, 80)
