"""The protocol service's registers: partners abroad and here, visits (incoming and outgoing) with the delegation and
the programme, meetings of the leadership with ambassadors and international organisations, and international
agreements with the obligations and working groups they create."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel, in_declared_order
from protocol.querysets import AgreementQuerySet, MeetingQuerySet, PartnerQuerySet, VisitQuerySet


def _first_card(item):
    return next(iter(item.control_cards.all()), None)


class Partner(TimeStampedModel):
    """A foreign or international body the ministry works with (regulation 1.4, 3.1.2)."""

    class Kind(models.TextChoices):
        FOREIGN_BODY = "foreign_body", _("foreign state body")
        EMBASSY = "embassy", _("embassy")
        CONSULATE = "consulate", _("consulate")
        TRADE_MISSION = "trade_mission", _("trade representation")
        INTERNATIONAL_ORGANISATION = "international_org", _("international organisation")
        REGIONAL_ORGANISATION = "regional_org", _("regional organisation")
        COMPANY = "company", _("company")
        UNIVERSITY = "university", _("university or research centre")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), Lower("country"), name="partner_name_country_unique")]
        indexes = [models.Index(fields=["kind", "country"], name="partner_kind_country")]

    def __str__(self):
        return f"{self.name} ({self.country})"


class VisitLevel(models.TextChoices):
    MINISTER = "minister", _("minister")
    DEPUTY = "deputy", _("deputy minister")
    HEAD_OF_DEPARTMENT = "head", _("head of department")
    EXPERT = "expert", _("expert")


class Visit(TimeStampedModel):
    class Direction(models.TextChoices):
        INCOMING = "incoming", _("incoming")
        OUTGOING = "outgoing", _("outgoing")

    class InvitedBy(models.TextChoices):
        MINISTER = "minister", _("the minister")
        MINISTRY = "ministry", _("the ministry")
        SUBORDINATE_BODY = "subordinate", _("a subordinate body")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        CONFIRMED = "confirmed", pgettext_lazy("visit", "confirmed by the partner")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        REPORT_FILED = "report_filed", _("report filed")
        CANCELLED = "cancelled", _("cancelled")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    organising_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organising unit"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    invited_by = models.CharField(_("invited by"), max_length=12, choices=InvitedBy.choices, blank=True)
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="visits", verbose_name=_("partner"))
    country = models.CharField(_("country"), max_length=100)
    city = models.CharField(_("city"), max_length=100, blank=True)
    starts_on = models.DateField(pgettext_lazy("date range", "from"))
    ends_on = models.DateField(pgettext_lazy("date range", "to"))
    level = models.CharField(_("level"), max_length=10, choices=VisitLevel.choices)
    languages = models.CharField(_("languages of the programme"), max_length=20, default="az,en",
                                 help_text=_("Codes separated by commas: az, ru, en."))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PROPOSED)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    report = models.TextField(_("report"), blank=True)
    report_filed_at = models.DateTimeField(_("report filed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by"))
    control_cards = GenericRelation("documents.ControlCard")
    history = HistoricalRecords()

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="visit_ends_after_start")]
        indexes = [models.Index(fields=["organisation", "starts_on"], name="visit_org_start"),
                   models.Index(fields=["state", "starts_on"], name="visit_state_start"),
                   models.Index(fields=["organising_unit"], name="visit_unit")]

    def __str__(self):
        return self.title

    @property
    def language_codes(self):
        known = dict(settings.LANGUAGES)
        return [code for code in (part.strip() for part in self.languages.split(",")) if code in known] or [settings.LANGUAGE_CODE]

    @property
    def report_card(self):
        return _first_card(self)


class DelegationRole(models.TextChoices):
    """In the order of precedence: a delegation is listed head first, then its members, then those who accompany it."""

    HEAD = "head", _("head of the delegation")
    MEMBER = "member", _("member")
    INTERPRETER = "interpreter", _("interpreter")
    SECURITY = "security", _("security")
    SUPPORT = "support", _("support staff")


ROLE_PRECEDENCE = in_declared_order("role", DelegationRole)


class DelegationMember(TimeStampedModel):
    """One person of the delegation. The passport fields are seen only by the organising unit, its department head
    and the leadership (selectors.passport_visible); everywhere else they are left out."""

    Role = DelegationRole

    class Service(models.TextChoices):
        NONE = "", _("none")
        VIP = "vip", _("VIP")
        CIP = "cip", _("CIP")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="members", verbose_name=_("visit"))
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the delegation"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=40, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    departure_flight = models.CharField(_("departure flight"), max_length=40, blank=True)
    airport_service = models.CharField(_("VIP/CIP service"), max_length=3, choices=Service.choices, blank=True, default="")
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    access_needs = models.CharField(_("access needs"), max_length=300, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_country = models.CharField(_("passport issued by"), max_length=100, blank=True)
    passport_expires_on = models.DateField(_("passport valid until"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["passport_number", "passport_country", "passport_expires_on", "date_of_birth"])

    PASSPORT_FIELDS = ("passport_number", "passport_country", "passport_expires_on", "date_of_birth")

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["visit_id", ROLE_PRECEDENCE, "id"]  # within a role, in the order entered (the officer's precedence)
        constraints = [models.CheckConstraint(condition=Q(departure_at__isnull=True) | Q(arrival_at__isnull=True)
                                              | Q(departure_at__gte=F("arrival_at")), name="member_departs_after_arrival")]

    def __str__(self):
        return self.full_name


class ProgrammeItem(TimeStampedModel):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="programme", verbose_name=_("visit"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    activity = models.CharField(_("activity"), max_length=300)
    officials = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("our officials"))
    guests = models.CharField(_("their participants"), max_length=500, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("responsible officer"))
    transport = models.CharField(_("transport"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="programme_item_ends_after_start")]

    def __str__(self):
        return self.activity


class VisitLetter(TimeStampedModel):
    """A letter generated for a visit from its template: an outgoing draft that goes through the approval chain and
    is registered when signed (documents.OutgoingDraft)."""

    class Kind(models.TextChoices):
        VISA_SUPPORT = "visa_support", _("visa-support letter")
        DIPLOMATIC_NOTE = "note", _("diplomatic note")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="letters", verbose_name=_("visit"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    draft = models.OneToOneField("documents.OutgoingDraft", on_delete=models.PROTECT, related_name="+", verbose_name=_("draft"))
    language = models.CharField(_("language"), max_length=8)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("visit letter")
        verbose_name_plural = _("visit letters")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.visit}"


class Meeting(TimeStampedModel):
    """A meeting of the minister or a deputy with an ambassador or the head of an international organisation
    (regulation 3.1.9): its participants, agenda and minutes, approved by the head of department."""

    class MinutesState(models.TextChoices):
        NONE = "none", _("not written")
        DRAFT = "draft", _("draft")
        IN_APPROVAL = "in_approval", _("in approval")
        APPROVED = "approved", _("approved")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    organising_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organising unit"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("partner"))
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    officials = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("our participants"))
    guests = models.CharField(_("their participants"), max_length=500)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_state = models.CharField(_("minutes"), max_length=12, choices=MinutesState.choices, default=MinutesState.NONE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start")]
        indexes = [models.Index(fields=["organisation", "starts_at"], name="meeting_org_start")]

    def __str__(self):
        return self.title


class FollowUpAction(TimeStampedModel):
    """Something agreed at a meeting that one of our units must do by a date: a controlled item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions", verbose_name=_("meeting"))
    text = models.CharField(_("action"), max_length=500)
    responsible_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit"))
    due_on = models.DateField(_("deadline"))
    control_cards = GenericRelation("documents.ControlCard")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.text

    @property
    def card(self):
        return _first_card(self)


class Agreement(TimeStampedModel):
    class Kind(models.TextChoices):
        MEMORANDUM = "mou", _("memorandum of understanding")
        PROTOCOL_OF_INTENTION = "intention", _("protocol of intention")
        AGREEMENT = "agreement", _("agreement")
        CONTRACT = "contract", _("contract")

    class Renewal(models.TextChoices):
        NONE = "none", _("ends at expiry")
        AUTOMATIC = "automatic", _("renewed automatically unless a party objects")
        BY_DECISION = "decision", _("renewed by a decision of the parties")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    responsible_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    partners = models.ManyToManyField(Partner, related_name="agreements", verbose_name=_("parties"))
    signed_on = models.DateField(_("signed on"))
    signed_place = models.CharField(_("place of signing"), max_length=200)
    in_force_on = models.DateField(_("in force from"))
    term_months = models.PositiveSmallIntegerField(_("term, months"), null=True, blank=True,
                                                   help_text=_("Empty: concluded for an indefinite term."))
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    renewal = models.CharField(_("renewal"), max_length=10, choices=Renewal.choices, default=Renewal.NONE)
    notice_days = models.PositiveSmallIntegerField(_("notice before expiry, days"), default=90,
                                                   help_text=_("How long before expiry a party must say it renews or ends it."))
    number = models.CharField(_("registration number"), max_length=60, unique=True, editable=False)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(in_force_on__gte=F("signed_on")), name="agreement_in_force_after_signing"),
                       models.CheckConstraint(condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("in_force_on")),
                                              name="agreement_expires_after_start")]
        indexes = [models.Index(fields=["organisation", "expires_on"], name="agreement_org_expiry"),
                   models.Index(fields=["kind", "signed_on"], name="agreement_kind_signed")]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def decision_due_on(self):
        """The last day to decide on renewal (or to object to an automatic one)."""
        from datetime import timedelta

        if self.expires_on is None or self.renewal == self.Renewal.NONE:
            return None
        return self.expires_on - timedelta(days=self.notice_days)


class Obligation(TimeStampedModel):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        FULFILLED = "fulfilled", _("fulfilled")
        CANCELLED = "cancelled", _("cancelled")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("agreement"))
    text = models.TextField(_("obligation"))
    responsible_unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit"))
    due_on = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    report = models.TextField(_("report"), blank=True)
    control_cards = GenericRelation("documents.ControlCard")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"], name="obligation_state_due")]

    def __str__(self):
        return self.text[:80]

    @property
    def card(self):
        return _first_card(self)


class WorkingGroupMember(models.Model):
    """A member of an agreement's working group: one of our staff, or a person of the partner's side."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="working_group", verbose_name=_("agreement"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("our member"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("co-chair"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["-is_chair", "id"]
        constraints = [models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(full_name=""), name="wg_member_named")]

    def __str__(self):
        return self.full_name or str(self.user)


class AgreementAlert(models.Model):
    """The ledger of alerts sent about an agreement: one per (agreement, kind, date), whatever runs the sweep."""

    class Kind(models.TextChoices):
        EXPIRY = "expiry", _("expires soon")
        RENEWAL = "renewal", _("renewal decision due")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    on_date = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement", "kind", "on_date"], name="agreement_alert_once")]

    def __str__(self):
        return f"{self.agreement_id} {self.kind} {self.on_date}"
