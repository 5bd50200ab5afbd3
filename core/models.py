from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from core.i18n import deferred_text


def in_declared_order(field, choices):
    """An ordering by the order a choices class declares its members in (an order of precedence: head first),
    never by the codes' alphabet; a value outside the choices comes last."""
    return Case(*(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)),
                default=Value(len(choices.values)))


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """The portal's user. Roles come from units.Membership, not from fields here."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Notification(models.Model):
    """An item in a user's in-app inbox. `message` keeps the title and body untranslated (core.i18n) so the inbox
    reads in the reader's language of the day; `title` and `body` are the texts as first rendered in the
    recipient's language (the e-mail's words, and what older notices have)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    message = models.JSONField(_("message"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_inbox_idx")]

    def __str__(self):
        return self.title

    @property
    def shown_title(self):
        return deferred_text(self.message["title"]) if self.message.get("title") else self.title

    @property
    def shown_body(self):
        return deferred_text(self.message["body"]) if self.message.get("body") else self.body


class OutboundEmail(models.Model):
    """The e-mail outbox. A row is written in the same transaction as the change that causes it and
    delivered later by a Celery task, so nothing is lost while the SMTP server or the broker is down."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    from_email = models.CharField(_("from"), max_length=254)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="outbox_pending_idx", condition=models.Q(state="pending")
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False), name="outbox_sent_has_time"
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


class ApiToken(AbstractAuthToken):
    """A named API token for an integrator (django-rest-knox): only its digest is stored, the token itself
    is shown once, when created. It expires at `expiry`; revoking deletes it."""

    name = models.CharField(_("name"), max_length=100)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.name} ({self.token_key}…)"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key (or a form's one-time token) and the item it created (core.idempotency)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    scope = models.CharField(max_length=80)
    key = models.CharField(max_length=100)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # the scope names the user (or "anonymous"), so one constraint guards staff and public writes alike
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_unique")]

    def __str__(self):
        return f"{self.scope} {self.key}"


def validate_emblem_size(file):
    from django.core.exceptions import ValidationError

    if file.size > 1024 * 1024:
        raise ValidationError(_("The emblem must be at most 1 MB."))


class PortalIdentity(models.Model):
    """Whose portal this is: the organisation's name in each language, its emblem and how to reach it, shown in
    every page's header and footer. One row, edited in the admin; until it exists the settings' name is used."""

    name_az = models.CharField(_("name in Azerbaijani"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300, blank=True)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    emblem = models.ImageField(_("emblem"), upload_to="identity/", blank=True, validators=[validate_emblem_size],
                               help_text=_("PNG or JPEG, square, at most 1 MB."))
    address_az = models.CharField(_("address in Azerbaijani"), max_length=300, blank=True)
    address_ru = models.CharField(_("address in Russian"), max_length=300, blank=True)
    address_en = models.CharField(_("address in English"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reception_hours_az = models.CharField(_("reception hours in Azerbaijani"), max_length=300, blank=True)
    reception_hours_ru = models.CharField(_("reception hours in Russian"), max_length=300, blank=True)
    reception_hours_en = models.CharField(_("reception hours in English"), max_length=300, blank=True)
    links = models.TextField(_("links"), blank=True,
                             help_text=_("One per line: a title, a vertical bar and the address, e.g. “e-Gov | https://www.e-gov.az”."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("portal identity")
        verbose_name_plural = _("portal identity")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="portal_identity_single_row")]

    def __str__(self):
        return self.name_az

    def save(self, *args, **kwargs):
        self.pk = 1  # one row
        super().save(*args, **kwargs)
