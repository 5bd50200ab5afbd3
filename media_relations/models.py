"""The press service's registers: who the press is (outlets, journalists), who may come (accreditation), what the
ministry tells it (press events, press releases), what it writes about the ministry (mentions, with controlled
responses to false reports), and what the service keeps (archive, subscriptions)."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from media_relations.querysets import (
    AccreditationQuerySet,
    MentionQuerySet,
    OrganisationScopedQuerySet,
    PressEventQuerySet,
    PressReleaseQuerySet,
)


def _first_card(item):
    cards = item.control_cards.all()
    return next(iter(cards), None)


def _token():
    return secrets.token_urlsafe(24)


class MediaOutlet(TimeStampedModel):
    class Kind(models.TextChoices):
        PRINT = "print", _("print")
        TV = "tv", _("TV")
        RADIO = "radio", _("radio")
        ONLINE = "online", _("online")
        NEWS_AGENCY = "news_agency", _("news agency")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=100, default="Azərbaycan")
    language = models.CharField(_("language"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(models.functions.Lower("name"), name="media_outlet_name_unique")]

    def __str__(self):
        return self.name


class Journalist(TimeStampedModel):
    # the account a journalist applies with; a journalist the office enters by hand may have none
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="journalist", verbose_name=_("account"))
    full_name = models.CharField(_("full name"), max_length=200)
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.PROTECT, related_name="journalists", verbose_name=_("media outlet"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class Accreditation(models.Model):
    class Kind(models.TextChoices):
        TEMPORARY = "temporary", pgettext_lazy("accreditation", "temporary")
        PERMANENT = "permanent", pgettext_lazy("accreditation", "permanent")

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        REVOKED = "revoked", _("revoked")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="accreditations", verbose_name=_("journalist"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    event = models.ForeignKey("PressEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("for the event"))
    note = models.TextField(_("note from the journalist"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    reason = models.TextField(_("reason"), blank=True)
    # the badge's QR code points at the public verification page with this token
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    control_cards = GenericRelation("documents.ControlCard")
    history = HistoricalRecords(excluded_fields=["expiry_reminded_at"])

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="accreditation_period_order"),
        ]
        indexes = [
            models.Index(fields=["organisation", "state", "valid_until"], name="accreditation_org_state"),
            models.Index(fields=["journalist", "state", "valid_until"], name="accreditation_journalist"),
        ]

    def __str__(self):
        return f"{self.journalist} ({self.get_kind_display()})"

    @property
    def control_card(self):
        return _first_card(self)

    def status_on(self, day=None):
        """valid | expired | not_yet | revoked | refused | pending: what the badge page tells a reader."""
        day = day or timezone.localdate()
        if self.state != self.State.APPROVED:
            return self.state
        if day > self.valid_until:
            return "expired"
        if day < self.valid_from:
            return "not_yet"
        return "valid"


class PressEvent(TimeStampedModel):
    class Kind(models.TextChoices):
        PRESS_CONFERENCE = "press_conference", _("press conference")
        BRIEFING = "briefing", _("briefing")
        INTERVIEW = "interview", _("interview")
        PUBLIC_MEETING = "public_meeting", _("meeting with the public")
        MEDIA_TOUR = "media_tour", _("media tour")

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    topic = models.TextField(_("topic"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    speakers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("speakers"))
    invited_outlets = models.ManyToManyField(MediaOutlet, blank=True, related_name="+", verbose_name=_("invited outlets"))
    capacity = models.PositiveIntegerField(_("places for journalists"), null=True, blank=True,
                                           help_text=_("Empty: no limit."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reminded_at"])

    objects = PressEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("press event")
        verbose_name_plural = _("press events")
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="press_event_ends_after_start")]
        indexes = [models.Index(fields=["organisation", "starts_at"], name="press_event_org_start")]

    def __str__(self):
        return self.title


class EventRegistration(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled by the journalist")

    event = models.ForeignKey(PressEvent, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("journalist"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REQUESTED)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "journalist"], name="event_registration_once")]

    def __str__(self):
        return f"{self.journalist} → {self.event}"


class PressRelease(TimeStampedModel):
    class Language(models.TextChoices):
        AZ = "az", "Azərbaycanca"
        RU = "ru", "Русский"
        EN = "en", "English"

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_APPROVAL = "in_approval", _("in approval")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    # the release this one translates: a release and its translations share the first one's id as their group
    original = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="translations",
                                 verbose_name=_("translation of"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.AZ)
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), max_length=1000, blank=True)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True,
                                      help_text=_("Empty: as soon as it is approved."))
    embargo_until = models.DateTimeField(_("embargo until"), null=True, blank=True,
                                         help_text=_("Before this time only accredited journalists see it."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    history = HistoricalRecords()

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["original", "language"], name="press_release_one_per_language"),
        ]
        indexes = [models.Index(fields=["organisation", "state", "published_at"], name="press_release_public")]

    def __str__(self):
        return self.title

    @property
    def group_id(self):
        return self.original_id or self.pk

    @property
    def public_from(self):
        """When the public sees it: the embargo's end, or the publication time."""
        if self.published_at is None:
            return None
        return max(self.published_at, self.embargo_until) if self.embargo_until else self.published_at


class MediaMention(TimeStampedModel):
    class Tone(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.PROTECT, related_name="mentions", verbose_name=_("media outlet"))
    published_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    units = models.ManyToManyField("units.Unit", blank=True, related_name="+", verbose_name=_("units concerned"))
    is_false = models.BooleanField(_("false or distorting"), default=False)
    # the published answer to a false report
    response = models.ForeignKey(PressRelease, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers_to",
                                 verbose_name=_("answer"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    control_cards = GenericRelation("documents.ControlCard")
    history = HistoricalRecords()

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("media mention")
        verbose_name_plural = _("media mentions")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "published_on"], name="mention_org_date"),
            models.Index(fields=["organisation", "tone", "published_on"], name="mention_org_tone"),
            models.Index(fields=["organisation", "is_false"], name="mention_org_false"),
        ]

    def __str__(self):
        return self.title

    @property
    def control_card(self):
        return _first_card(self)


class ArchiveItem(TimeStampedModel):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        VIDEO = "video", _("video")
        PRINT = "print", _("print scan")
        AUDIO = "audio", _("audio")

    class Access(models.TextChoices):
        PUBLIC = "public", _("public")
        STAFF = "staff", _("ministry staff")
        PRESS_OFFICE = "press_office", _("press service only")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    taken_on = models.DateField(_("date"))
    event = models.ForeignKey(PressEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="archive_items",
                              verbose_name=_("event"))
    people = models.CharField(_("people"), max_length=500, blank=True)
    # a recording too large for the attachment store stays on the media server: where to find it
    location = models.CharField(_("where the original is kept"), max_length=500, blank=True)
    tags = models.CharField(_("tags"), max_length=500, blank=True, help_text=_("Separated by commas."))
    access = models.CharField(_("access"), max_length=12, choices=Access.choices, default=Access.PRESS_OFFICE)
    thumbnail = models.ImageField(_("thumbnail"), upload_to="media_relations/thumbnails/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("archive item")
        verbose_name_plural = _("archive items")
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["organisation", "kind", "taken_on"], name="archive_item_org_kind")]

    def __str__(self):
        return self.title


class Subscription(TimeStampedModel):
    class Kind(models.TextChoices):
        PRINT = "print", _("print")
        ELECTRONIC = "electronic", _("electronic")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    publication = models.CharField(_("publication"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(pgettext_lazy("date range", "from"))
    ends_on = models.DateField(pgettext_lazy("date range", "to"))
    copies = models.PositiveIntegerField(_("copies"), default=1)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["reminded_at"])

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["ends_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="subscription_period_order")]
        indexes = [models.Index(fields=["organisation", "ends_on"], name="subscription_org_end")]

    def __str__(self):
        return self.publication


class MonitoringDigest(models.Model):
    """The ledger of daily monitoring digests: one per organisation and day, however often the task runs."""

    organisation = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "day"], name="monitoring_digest_once")]

    def __str__(self):
        return f"{self.organisation_id} {self.day}"
