from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from units.querysets import ClauseQuerySet, MembershipQuerySet, UnitQuerySet


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("agency")
    ADMINISTRATION = "administration", _("central administration")
    DEPARTMENT = "department", _("department")
    SECTOR = "sector", _("sector")
    CENTRE = "centre", _("centre")


ROOT_KINDS = (UnitKind.MINISTRY, UnitKind.AGENCY)
UNIT_NAME_LANGUAGES = ("az", "ru", "en")  # a unit's official name is kept in each of the portal's languages


def validate_time_zone(value):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from django.core.exceptions import ValidationError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Give a time zone such as Asia/Baku or Asia/Almaty.")) from None


class Unit(TimeStampedModel):
    """A node of an organisation's tree. `path` is a materialised path ("000001.000007.") so that a
    unit's descendants are one indexed prefix query."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=300, help_text=_("The official name as imported; the fallback in every language."))
    name_az = models.CharField(_("name in Azerbaijani"), max_length=300, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # where the organisation is: its terms end at the end of the day there (kept on the organisation's root)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Baku", validators=[validate_time_zone])
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        indexes = [models.Index(fields=["kind", "is_active"], name="unit_kind_active_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True, kind__in=ROOT_KINDS) | Q(parent__isnull=False),
                name="unit_root_is_ministry_or_agency",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The official name in the reader's language, or the imported one where nobody has given it yet."""
        return getattr(self, f"name_{(get_language() or settings.LANGUAGE_CODE)[:2]}", "") or self.name

    def names(self):
        return {code: getattr(self, f"name_{code}") or self.name for code in UNIT_NAME_LANGUAGES}

    @property
    def organisation_id(self):
        return int(self.path.split(".", 1)[0]) if self.path else self.pk

    @property
    def organisation(self):
        """The root of this unit's tree: the ministry or agency."""
        return self if self.parent_id is None else Unit.objects.get(pk=self.organisation_id)


class Regulation(TimeStampedModel):
    """The statute of a unit (Əsasnamə / Положение), or a model regulation for every unit of a kind."""

    class Language(models.TextChoices):
        AZ = "az", "Azərbaycanca"
        RU = "ru", "Русский"
        EN = "en", "English"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="regulations", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=1000)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    is_model = models.BooleanField(_("model regulation"), default=False)
    model_for_kind = models.CharField(
        _("model for units of kind"), max_length=20, choices=UnitKind.choices, blank=True
    )
    model_unit_name = models.CharField(_("unit the model describes"), max_length=500, blank=True)
    applies_to = models.ManyToManyField("Unit", blank=True, related_name="model_regulations_applied",
                                        verbose_name=_("applies to"),
                                        help_text=_("Real units a model regulation applies to: routing considers its duties for them."))
    approved_by = models.CharField(_("approved by"), max_length=500, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    approval_number = models.CharField(_("approval number"), max_length=100, blank=True)
    source_name = models.CharField(_("source file"), max_length=300, blank=True)
    source_text = models.TextField(_("source text"))
    source_hash = models.CharField(_("source hash"), max_length=64, db_index=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    warnings = models.JSONField(_("import warnings"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["unit__path", "language"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "language", "is_model", "model_unit_name"], name="regulation_identity")
        ]

    def __str__(self):
        return self.title


class ClauseKind(models.TextChoices):
    GENERAL = "general", _("general provisions")
    AREA = "area", _("areas of activity")
    DUTY = "duty", _("duties")
    FUNCTION = "function", _("functions")
    RIGHT = "right", _("rights")
    ORGANISATION = "organisation", _("organisation of activity")
    HEAD_POWER = "head_power", _("head's powers")


class Clause(models.Model):
    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("regulation"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="clauses", null=True, blank=True, verbose_name=_("unit")
    )
    number = models.CharField(_("number"), max_length=40)
    # Stable identity within the regulation (the number, made unique where a text repeats one).
    key = models.CharField(max_length=60)
    sort_key = models.CharField(max_length=120, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ClauseKind.choices)
    text = models.TextField(_("text"))
    search_text = models.TextField(editable=False, default="")
    is_repealed = models.BooleanField(_("repealed"), default=False)
    history = HistoricalRecords()

    objects = ClauseQuerySet.as_manager()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["regulation_id", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["regulation", "key"], name="clause_key_unique")]
        indexes = [models.Index(fields=["unit", "kind", "sort_key"], name="clause_unit_kind_idx")]

    def __str__(self):
        return f"{self.number} {self.text[:60]}"

    @property
    def anchor(self):
        return f"clause-{self.pk}"


class PositionKind(models.TextChoices):
    HEAD = "head", _("head")
    DEPUTY = "deputy", _("deputy head")
    SECTOR_HEAD = "sector_head", _("head of sector")
    OFFICER = "officer", _("officer")
    CLERK = "clerk", _("clerk")


MANAGING_KINDS = (PositionKind.HEAD, PositionKind.DEPUTY, PositionKind.SECTOR_HEAD)
# where the title depends on what is headed (a signature block, a reception schedule); elsewhere the kind's own name
POSITION_TITLES = {
    (UnitKind.MINISTRY, PositionKind.HEAD): _("minister"),
    (UnitKind.MINISTRY, PositionKind.DEPUTY): _("deputy minister"),
    (UnitKind.DEPARTMENT, PositionKind.HEAD): _("head of department"),
    (UnitKind.DEPARTMENT, PositionKind.DEPUTY): _("deputy head of department"),
}


class Position(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="positions", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=PositionKind.choices)
    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["unit", "kind"], name="position_unit_kind_idx")]

    def __str__(self):
        return f"{self.title} ({self.unit})"

    @property
    def kind_title(self):
        """What the holder is called, in the reader's language: a ministry's head is its minister, a department's
        head the head of department (select_related("unit"))."""
        return POSITION_TITLES.get((self.unit.kind, self.kind), self.get_kind_display())


class Membership(models.Model):
    """Who holds which position, and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("position"))
    start = models.DateField(pgettext_lazy("date range", "from"), default=timezone.localdate)
    end = models.DateField(pgettext_lazy("date range", "to"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="membership_dates")]
        indexes = [models.Index(fields=["user", "end"], name="membership_user_idx")]

    def __str__(self):
        return f"{self.user} — {self.position}"


class Acting(models.Model):
    """A deputy (or another officer) acting for an absent head: the regulations say the deputy carries
    out the head's duties in the head's absence. While it lasts, the acting user gets what the head gets."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="actings", verbose_name=_("position"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actings", verbose_name=_("acting user"))
    start = models.DateField(pgettext_lazy("date range", "from"))
    end = models.DateField(pgettext_lazy("date range", "to"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("acting appointment")
        verbose_name_plural = _("acting appointments")
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="acting_dates")]

    def __str__(self):
        return f"{self.user} → {self.position}"


def _feed_token():
    import secrets

    return secrets.token_urlsafe(24)


class AgendaEntry(models.Model):
    """One engagement of an official (a press conference they speak at, a visit's programme item, a meeting): the
    officials' agenda that media relations and protocol both write to, and where clashes show. The source is the
    item that put it there; each source keeps at most one entry per official."""

    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_entries",
                                 verbose_name=_("official"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=300)
    place = models.CharField(_("place"), max_length=300, blank=True)
    source_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id", "official"], name="agenda_one_entry_per_source"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="agenda_ends_after_start"),
        ]
        indexes = [models.Index(fields=["official", "starts_at"], name="agenda_official_start"),
                   models.Index(fields=["source_type", "source_id"], name="agenda_source")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y %H:%M})"


class AgendaFeed(models.Model):
    """The secret link to an official's personal iCalendar feed; a new link replaces the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}"


class ServiceFunction(models.TextChoices):
    """Functions an organisation gives to one of its units, which then runs that function's registers for the whole
    organisation (its people, with the organisation's leadership)."""

    PRESS = "press", _("press service")
    PROTOCOL = "protocol", _("international cooperation and protocol")


class ServiceDesignation(models.Model):
    """Which unit is an organisation's press service, its protocol service…: one designation per function."""

    organisation = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="designations", verbose_name=_("organisation"))
    function = models.CharField(_("function"), max_length=20, choices=ServiceFunction.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service designation")
        verbose_name_plural = _("service designations")
        constraints = [models.UniqueConstraint(fields=["organisation", "function"], name="one_unit_per_function")]

    def __str__(self):
        return f"{self.get_function_display()}: {self.unit}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.organisation_id and self.unit_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("Choose a unit of the organisation.")})
