from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.domain import deadlines
from documents.querysets import ControlCardQuerySet


class Country(models.TextChoices):
    AZ = "AZ", _("Azerbaijan")
    KZ = "KZ", _("Kazakhstan")


class CalendarOverride(models.Model):
    """A Cabinet of Ministers decision (or similar) that the holidays package does not know: a working
    day made a rest day, or a rest day made a working day."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.AZ)
    date = models.DateField(_("date"))
    is_working = models.BooleanField(_("working day"))
    legal_reference = models.CharField(_("legal reference"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["country", "date"], name="calendar_override_unique_day")]

    def __str__(self):
        return f"{self.date} ({self.legal_reference})"


class TermUnit(models.TextChoices):
    WORKING_DAYS = deadlines.WORKING_DAYS, _("working days")
    CALENDAR_DAYS = deadlines.CALENDAR_DAYS, _("calendar days")
    HOURS = deadlines.HOURS, _("hours")
    WORKING_HOURS = deadlines.WORKING_HOURS, _("hours, non-working days excluded")


def term_label(value, unit):
    """A length of time as people say it, with the right plural: "1 рабочий день", "3 рабочих дня", "24 часа"."""
    value = int(value)
    if unit == TermUnit.WORKING_DAYS:
        text = ngettext("%(count)d working day", "%(count)d working days", value)
    elif unit == TermUnit.CALENDAR_DAYS:
        text = ngettext("%(count)d calendar day", "%(count)d calendar days", value)
    elif unit == TermUnit.WORKING_HOURS:
        text = ngettext("%(count)d working hour", "%(count)d working hours", value)
    else:
        text = ngettext("%(count)d hour", "%(count)d hours", value)
    return text % {"count": value}


# "appeal.standard", "appeal.extra_study", "document.default": words of a-z, 0-9 and _ joined by dots
POLICY_CODE_PATTERN = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"
POLICY_CODE_VALIDATOR = RegexValidator(POLICY_CODE_PATTERN, _("Use lower-case words joined by dots, e.g. appeal.extra_study."))


class DeadlinePolicy(models.Model):
    """A statutory (or organisational) term. Seeded from domain.md §3.2; editable by an administrator;
    a row with an organisation overrides the default row of the same code for that organisation."""

    code = models.CharField(_("code"), max_length=64, db_index=True, validators=[POLICY_CODE_VALIDATOR],
                            help_text=_("Lower-case words joined by dots, e.g. appeal.extra_study."))
    organisation = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="deadline_policies",
        limit_choices_to={"parent__isnull": True}, verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=300)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.AZ)
    term_value = models.PositiveIntegerField(_("term"))
    term_unit = models.CharField(_("unit"), max_length=20, choices=TermUnit.choices)
    start_event = models.CharField(_("the term starts at"), max_length=100)
    max_extension_value = models.PositiveIntegerField(_("maximum extension"), null=True, blank=True)
    extension_unit = models.CharField(_("extension unit"), max_length=20, choices=TermUnit.choices, blank=True)
    extension_rule = models.CharField(_("extension rule"), max_length=300, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    confidence = models.CharField(_("confidence"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=Q(organisation__isnull=True), name="policy_default_code"),
            models.UniqueConstraint(fields=["code", "organisation"], name="policy_org_code"),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    @property
    def term(self):
        return deadlines.Term(self.term_value, self.term_unit)

    # in the reader's language when the text is the seeded one (see documents/policies.py)
    @property
    def display_name(self):
        return gettext(self.name)

    @property
    def display_legal_basis(self):
        return gettext(self.legal_basis)

    @property
    def display_confidence(self):
        return gettext(self.confidence) if self.confidence else ""

    @property
    def allows_extension(self):
        return bool(self.max_extension_value)


class ControlCard(models.Model):
    """One controlled item: an appeal, information request, document assignment, work-plan item, media
    response, agreement obligation or accreditation decision. Overdue is derived: due < now while open."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        PAUSED = "paused", _("paused")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("item type"))
    object_id = models.PositiveBigIntegerField(_("item"))
    item = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=500)
    policy = models.ForeignKey(DeadlinePolicy, on_delete=models.PROTECT, related_name="cards", verbose_name=_("policy"))
    # the term as it stood when the card was opened: a later edit of the policy does not move this card
    term_value = models.PositiveIntegerField(_("term"))
    term_unit = models.CharField(_("unit"), max_length=20, choices=TermUnit.choices)
    start = models.DateTimeField(_("start"))
    due = models.DateTimeField(_("due"))
    # where the term is counted: the responsible organisation's zone when the card was opened (a day ends there)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Baku")
    responsible_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="control_cards", verbose_name=_("responsible unit"))
    executor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="control_cards",
        verbose_name=_("executor"),
    )
    co_executors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_executed_control_cards", verbose_name=_("co-executors")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    # when `due` last changed (opened, extended, resumed, recomputed): the sweep looks at these cards again
    due_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["due_changed_at"])

    objects = ControlCardQuerySet.as_manager()

    class Meta:
        verbose_name = _("control card")
        verbose_name_plural = _("control cards")
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due__gte=F("start")), name="control_due_not_before_start"),
            models.UniqueConstraint(fields=["content_type", "object_id"], name="control_one_card_per_item"),
        ]
        indexes = [
            models.Index(fields=["due"], name="control_open_due_idx", condition=Q(state="open")),
            models.Index(fields=["due_changed_at"], name="control_open_changed_idx", condition=Q(state="open")),
            models.Index(fields=["responsible_unit", "state", "due"], name="control_unit_state_idx"),
            models.Index(fields=["executor", "state", "due"], name="control_executor_state_idx"),
            models.Index(fields=["state", "due"], name="control_state_due_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def term(self):
        return deadlines.Term(self.term_value, self.term_unit)

    @property
    def result_text(self):
        """The result in the reader's language where it is a message of ours (a rule closed the card, e.g. the
        anonymous appeal's); what people wrote reads as written."""
        from django.utils.translation import gettext

        return gettext(self.result) if self.result else ""

    @property
    def is_overdue(self):
        return self.state == self.State.OPEN and self.due < timezone.now()


class ControlExtension(models.Model):
    card = models.ForeignKey(ControlCard, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("card"))
    created_at = models.DateTimeField(_("extended at"), default=timezone.now)
    value = models.PositiveIntegerField(_("extension"))
    unit = models.CharField(_("unit"), max_length=20, choices=TermUnit.choices)
    previous_due = models.DateTimeField(_("previous due"))
    new_due = models.DateTimeField(_("new due"))
    reason = models.TextField(_("reason"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("extended by"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.card_id}: +{self.value} {self.unit}"


class ControlPause(models.Model):
    card = models.ForeignKey(ControlCard, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("card"))
    started_at = models.DateTimeField(_("paused at"), default=timezone.now)
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("paused by"))

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["card"], condition=Q(ended_at__isnull=True), name="control_one_open_pause"),
            models.CheckConstraint(condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")), name="control_pause_dates"),
        ]

    def __str__(self):
        return f"{self.card_id}: {self.started_at:%Y-%m-%d} – {self.ended_at or '…'}"


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("due soon")
    DUE_TODAY = "due_today", _("due today")
    OVERDUE = "overdue", _("overdue")
    ESCALATED = "escalated", _("escalated to the parent unit")


class ControlNotice(models.Model):
    """The sweep's ledger: one row per (card, kind, due). The unique constraint makes every notice go out
    exactly once, however many sweeps run and however often."""

    card = models.ForeignKey(ControlCard, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    due = models.DateTimeField()
    sweep = models.ForeignKey("ControlSweep", on_delete=models.CASCADE, related_name="ledger")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("control notice")
        verbose_name_plural = _("control notices")
        constraints = [models.UniqueConstraint(fields=["card", "kind", "due"], name="control_notice_once")]
        indexes = [models.Index(fields=["sweep", "kind"], name="control_notice_sweep_idx")]

    def __str__(self):
        return f"{self.card_id}: {self.kind} ({self.due:%Y-%m-%d})"


class ControlSweep(models.Model):
    """One run of the reminder sweep; `window_end` of the last finished run is the next one's start."""

    started_at = models.DateTimeField(default=timezone.now)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    notices = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("control sweep")
        verbose_name_plural = _("control sweeps")
        get_latest_by = "window_end"

    def __str__(self):
        return f"{self.window_start} – {self.window_end}: {self.notices}"


class ControlSweepLock(models.Model):
    """A single row that a sweep locks, so that two sweeps never run at once."""

    name = models.CharField(max_length=32, unique=True)

    def __str__(self):
        return self.name


class ControlDigest(models.Model):
    """Ledger of daily digests: one per head, unit and day, so a repeated run sends nothing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit", "day"], name="control_digest_once")]

    def __str__(self):
        return f"{self.user_id} / {self.unit_id} / {self.day}"
