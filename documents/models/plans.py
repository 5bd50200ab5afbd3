"""Work plans: a unit's plan for a period, its items citing the duties of the unit's regulation; the head of
the parent department approves it and each item goes under control; the period report follows."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["WorkPlan", "WorkPlanItem", "WorkPlanReport"]


_QUARTERS = (_("Q1 %(year)s"), _("Q2 %(year)s"), _("Q3 %(year)s"), _("Q4 %(year)s"))
_HALF_YEARS = (_("H1 %(year)s"), _("H2 %(year)s"))


class WorkPlan(models.Model):
    class Period(models.TextChoices):
        QUARTER = "quarter", _("quarter")
        HALF_YEAR = "half_year", _("half-year")
        YEAR = "year", _("year")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for approval")
        RETURNED = "returned", _("returned with comments")
        APPROVED = "approved", _("approved")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("unit"))
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number in the year"), default=1,
                                              help_text=_("The quarter (1–4) or half-year (1–2); 1 for a year."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("head's comments"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "-number", "unit"]
        constraints = [models.UniqueConstraint(fields=["unit", "period", "year", "number"], name="work_plan_unique_period")]
        indexes = [models.Index(fields=["unit", "state"], name="work_plan_unit_state")]

    def __str__(self):
        return f"{self.unit} — {self.period_label}"

    def names(self):
        """The plan's name in each language (a notice reads in its reader's language: core.i18n)."""
        from django.utils import translation

        names = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names[code] = str(self)
        return names

    @property
    def period_label(self):
        if self.period == self.Period.YEAR:
            return str(self.year)
        # each language names a part of the year its own way ("Q4 2026", "IV квартал 2026 г.", "2026, IV rüb")
        names = _QUARTERS if self.period == self.Period.QUARTER else _HALF_YEARS
        return names[self.number - 1] % {"year": self.year}

    @property
    def bounds(self):
        """(first day, last day) of the period."""
        months = {self.Period.QUARTER: 3, self.Period.HALF_YEAR: 6, self.Period.YEAR: 12}[self.period]
        first_month = (self.number - 1) * months + 1
        first = datetime.date(self.year, first_month, 1)
        last_month = first_month + months - 1
        last = (datetime.date(self.year + 1, 1, 1) if last_month == 12 else datetime.date(self.year, last_month + 1, 1)) - datetime.timedelta(days=1)
        return first, last


class WorkPlanItem(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("work plan"))
    title = models.CharField(_("measure"), max_length=500)
    clauses = models.ManyToManyField("units.Clause", related_name="work_plan_items", verbose_name=_("duties of the regulation"))
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible"))
    due_date = models.DateField(_("term"))
    dropped_reason = models.CharField(_("dropped because"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.title


class WorkPlanReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    plan = models.OneToOneField(WorkPlan, on_delete=models.CASCADE, related_name="report", verbose_name=_("work plan"))
    narrative = models.TextField(_("narrative"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")

    def __str__(self):
        return str(self.plan)
