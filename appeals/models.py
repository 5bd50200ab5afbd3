"""Citizens' appeals and information requests: one case model for both (they share registration, routing,
control, clarification and the answer letter; their terms and fields differ), and the messages exchanged
with the citizen."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appeals.querysets import CaseQuerySet, refuse_delete


class CaseType(models.TextChoices):
    APPEAL = "appeal", _("appeal")
    INFORMATION_REQUEST = "information_request", _("information request")


class AppealKind(models.TextChoices):
    APPLICATION = "application", _("application")
    COMPLAINT = "complaint", _("complaint")
    SUGGESTION = "suggestion", _("suggestion")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    POST = "post", _("post")
    EMAIL = "email", _("e-mail")
    PHONE = "phone", _("phone")
    RECEPTION = "reception", _("reception of citizens")


class Urgency(models.TextChoices):
    NONE = "none", _("not urgent")
    LOSES_VALUE = "loses_value", _("the information loses its value within 7 days")
    LIFE_LIBERTY = "life_liberty", _("a threat to life, health or liberty")


class Outcome(models.TextChoices):
    FULL = "full", _("answered in full")
    PARTIAL = "partial", _("answered in part")
    REFUSED = "refused", _("information refused")
    FORWARDED = "forwarded", _("forwarded to the competent body")
    NOT_CONSIDERED = "not_considered", _("not considered")


class RefusalGround(models.TextChoices):
    """Grounds on which information may be refused (Law 1024-IIQ "On obtaining information", art. 21 and 35).
    Only these: a refusal names one, with the reasons."""

    RESTRICTED = "restricted", _("The information is of restricted access: a state secret or for official use only (art. 35)")
    PERSONAL_DATA = "personal_data", _("The information is personal data of another person (art. 35.3)")
    NOT_HELD = "not_held", _("The ministry does not hold the information and does not know who does (art. 21.1)")
    PUBLISHED = "published", _("The information is published; the requester is told where (art. 21.1)")
    REPEATED = "repeated", _("The same information was given to the requester earlier (art. 21.1)")
    UNIDENTIFIED = "unidentified", _("The requester cannot be identified (art. 21.1)")


class NotConsideredGround(models.TextChoices):
    """Why an appeal is left unconsidered (Law 1308-IVQ "On citizens' appeals", art. 6 and 8)."""

    ANONYMOUS = "anonymous", _("Anonymous: no name and no address to answer to (art. 6.3–6.4)")
    REPEATED = "repeated", _("Repeated without new facts after reasoned answers in the last year (art. 8)")
    COURT = "court", _("The matter has been decided by a court (art. 8)")
    WITHDRAWN = "withdrawn", _("The citizen withdrew the appeal")


class AnswerForm(models.TextChoices):
    EMAIL = "email", _("by e-mail")
    POST = "post", _("by post")
    IN_PERSON = "in_person", _("in person")


def new_tracking_token():
    return secrets.token_urlsafe(24)


class Case(models.Model):
    class State(models.TextChoices):
        REGISTERED = "registered", _("registered, waiting for routing")
        ROUTED = "routed", _("with the unit")
        IN_PROGRESS = "in_progress", _("in progress")
        WAITING_CITIZEN = "waiting_citizen", _("waiting for the citizen's clarification")
        IN_APPROVAL = "in_approval", _("answer in approval")
        ANSWERED = "answered", _("answered")
        FORWARDED = "forwarded", _("forwarded to the competent body")
        NOT_CONSIDERED = "not_considered", _("not considered")

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    case_type = models.CharField(_("type"), max_length=20, choices=CaseType.choices)
    kind = models.CharField(_("kind of appeal"), max_length=12, choices=AppealKind.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    journal = models.ForeignKey("documents.Journal", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("registration number"), max_length=60)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    answer_form = models.CharField(_("preferred form of answer"), max_length=10, choices=AnswerForm.choices, default=AnswerForm.EMAIL)
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NONE)
    urgency_explanation = models.TextField(_("why it is urgent"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    is_collective = models.BooleanField(_("collective appeal"), default=False)
    signatories = models.PositiveIntegerField(_("number of signatories"), default=1)
    suggested_unit = models.ForeignKey("units.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name=_("suggested unit"))
    suggested_clauses = models.CharField(_("matching duties"), max_length=200, blank=True)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="cases",
                             verbose_name=_("unit"))
    executor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("executor"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.REGISTERED)
    tracking_token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_draft = models.OneToOneField("documents.OutgoingDraft", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="case")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)
    refusal_ground = models.CharField(_("legal ground of the refusal"), max_length=16, choices=RefusalGround.choices, blank=True)
    not_considered_ground = models.CharField(_("ground"), max_length=16, choices=NotConsideredGround.choices, blank=True)
    forwarded_to = models.ForeignKey("appeals.ExternalBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("forwarded to"))
    repeat_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeats",
                                  verbose_name=_("repeats"))
    publish_consent = models.BooleanField(_("the answer may be published"), default=False)
    contested_count = models.PositiveSmallIntegerField(_("times contested"), default=0)
    language = models.CharField(_("language"), max_length=8, default="az")
    # the nomenclature's file the case is kept in: its retention period applies; a case is never deleted
    case_file = models.ForeignKey("documents.CaseFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("case file"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name=_("registered by"))
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["journal", "year", "sequence"], name="case_unique_number"),
            models.CheckConstraint(condition=models.Q(signatories__gte=1), name="case_signatories_positive"),
        ]
        indexes = [
            models.Index(fields=["organisation", "state", "-received_at"], name="case_org_state"),
            models.Index(fields=["unit", "state", "-received_at"], name="case_unit_state"),
            models.Index(fields=["executor", "state"], name="case_executor_state"),
            models.Index(fields=["email"], name="case_email"),
            models.Index(fields=["phone"], name="case_phone"),
            # the third way repeat detection recognises a person (name and address, case-insensitive)
            models.Index(Upper("name"), Upper("address"), name="case_name_address"),
            models.Index(fields=["organisation", "received_at"], name="case_org_received"),
        ]

    def __str__(self):
        return f"{self.number} · {self.subject}"

    @property
    def outcome_reason_text(self):
        """The reason in the reader's language (the anonymous rule's is a message of ours, see services)."""
        from django.utils.translation import gettext

        return gettext(self.outcome_reason) if self.outcome_reason else ""

    def delete(self, *args, **kwargs):
        refuse_delete()

    @property
    def is_closed(self):
        return self.state in CLOSED_STATES


CLOSED_STATES = (Case.State.ANSWERED, Case.State.FORWARDED, Case.State.NOT_CONSIDERED)


class ExternalBody(models.Model):
    """A state body or organisation cases may be forwarded to (the registry of bodies)."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body cases are forwarded to")
        verbose_name_plural = _("bodies cases are forwarded to")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CaseMessage(models.Model):
    """A question to the citizen (the clock stops) or the citizen's reply (it restarts); a notice to the citizen
    (an extension, a new term); the citizen's objection to the answer (the case reopens)."""

    class Direction(models.TextChoices):
        TO_CITIZEN = "to_citizen", _("to the citizen")
        FROM_CITIZEN = "from_citizen", _("from the citizen")
        NOTICE = "notice", _("notice to the citizen")
        CONTEST = "contest", _("the citizen contests the answer")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case.number}: {self.get_direction_display()}"


class StatisticsReport(models.Model):
    """The monthly statistics letter to the heads, once per organisation and month (the beat task's guard)."""

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "month"], name="statistics_report_once")]

    def __str__(self):
        return f"{self.organisation_id}: {self.month:%Y-%m}"


class ReceptionSession(models.Model):
    """A published reception hour of an official (the minister, a deputy, a head of department): citizens book a
    place online up to the session's capacity."""

    organisation = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reception_sessions",
                                 verbose_name=_("official"))
    official_position = models.ForeignKey("units.Position", on_delete=models.PROTECT, related_name="+", verbose_name=_("position"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    capacity = models.PositiveSmallIntegerField(_("places"), default=10)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="reception_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="reception_capacity_positive"),
        ]
        indexes = [models.Index(fields=["organisation", "starts_at"], name="reception_org_start")]

    def __str__(self):
        return f"{self.official_label}, {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def official_label(self):
        """Who receives, in the reader's language: name, position and unit (select_related official_position__unit)."""
        position = self.official_position
        return f"{self.official.get_full_name() or self.official}, {position.kind_title} — {position.unit.display_name}"


class ReceptionBooking(models.Model):
    class State(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")
        ATTENDED = "attended", _("received")
        MISSED = "missed", _("did not come")

    session = models.ForeignKey(ReceptionSession, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("session"))
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True)
    subject = models.CharField(_("what it is about"), max_length=500)
    token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.BOOKED)
    language = models.CharField(max_length=8, default="az")
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="reception_booking",
                                verbose_name=_("oral appeal"))
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        ordering = ["session__starts_at", "created_at", "id"]
        indexes = [models.Index(fields=["session", "state"], name="booking_session_state"),
                   models.Index(fields=["state", "reminded_at"], name="booking_reminder")]

    def __str__(self):
        return f"{self.session}: {self.name}"


REDACTED = "[[removed]]"  # stored in place of each removal; pages show it as a marked gap in the reader's language


class PublishedAnswer(models.Model):
    """The published version of an information request and its answer (when the requester agreed), separate from
    the case: personal data removed, each removal marked. The case's own texts stay as they were."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="published_answer")
    subject = models.CharField(_("subject"), max_length=300)
    question = models.TextField(_("request"))
    answer = models.TextField(_("answer"))
    removals = models.PositiveIntegerField(_("removals"), default=0)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("published answer")
        verbose_name_plural = _("published answers")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["is_withdrawn", "-published_at"], name="published_answer_list")]

    def __str__(self):
        return self.subject
