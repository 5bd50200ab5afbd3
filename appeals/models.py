"""Citizens' appeals and information requests: one case model for both (they share registration, routing,
control, clarification and the answer letter; their terms and fields differ), and the messages exchanged
with the citizen."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appeals.querysets import CaseQuerySet


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
    outcome_reason = models.TextField(_("reason"), blank=True)
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
        ]

    def __str__(self):
        return f"{self.number} · {self.subject}"

    @property
    def outcome_reason_text(self):
        """The reason in the reader's language (the anonymous rule's is a message of ours, see services)."""
        from django.utils.translation import gettext

        return gettext(self.outcome_reason) if self.outcome_reason else ""

    @property
    def is_closed(self):
        return self.state in (self.State.ANSWERED, self.State.NOT_CONSIDERED)


class CaseMessage(models.Model):
    """A question to the citizen (the clock stops) or the citizen's reply (it restarts)."""

    class Direction(models.TextChoices):
        TO_CITIZEN = "to_citizen", _("to the citizen")
        FROM_CITIZEN = "from_citizen", _("from the citizen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case.number}: {self.get_direction_display()}"
