"""Journalists' accounts and accreditation: sign up with e-mail confirmation, apply with documents, the press
service's decision within the policy's term (a control card), the badge that verifies on a public page, expiry
reminders and revocation."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from core.contacts import contact_errors, email_error
from core.exceptions import ApplicationError, PermissionDeniedError, fail, fail_all
from core.history import history_reason
from core.i18n import deferred
from core.models import OutboundEmail, User
from core.services.notifications import notification_send, notification_send_many
from core.services.outbox import outbox_bulk_enqueue, outbox_enqueue_personal
from documents.services.attachments import attachment_add_many, attachments_check_all
from documents.services.control import control_close, control_open, policy_for
from media_relations.models import Accreditation, Journalist, MediaOutlet
from media_relations.querysets import press_scope
from media_relations.services.office import press_office_unit, require_press
from units.selectors import unit_staff

TEMPORARY_MAX_DAYS = 92
PERMANENT_MAX_DAYS = 366
EXPIRY_NOTICE_DAYS = 14



def _save(item, actor, reason, fields, **params):
    item._history_user = actor
    item._change_reason = history_reason(reason, **params)
    item.save(update_fields=fields)


def outlet_find_or_create(*, name, kind=""):
    """The outlet of that name (any case), or a new one of `kind`."""
    name = " ".join((name or "").split())
    if not name:
        fail("outlet", _("Name your media outlet."))
    outlet = MediaOutlet.objects.filter(name__iexact=name).first()
    if outlet is not None:
        return outlet
    if kind not in MediaOutlet.Kind.values:
        fail("outlet_kind", _("Your outlet is new to us: say what kind of outlet it is."))
    return MediaOutlet.objects.create(name=name[:200], kind=kind)


OUTLET_FIELDS = ("name", "kind", "country", "language", "email", "phone", "website")


def outlet_create(*, actor, values):
    """A new outlet in the register (the press service's); its name is unique whatever the case."""
    if press_scope(actor) == []:
        raise PermissionDeniedError(_("Only a press service adds outlets."))
    name = " ".join((values.get("name") or "").split())
    if MediaOutlet.objects.filter(name__iexact=name).exists():
        fail("name", _("An outlet of that name is already in the register."), code="exists")
    outlet = MediaOutlet(**{field: values[field] for field in OUTLET_FIELDS if field in values})
    outlet.name = name
    outlet.full_clean(validate_constraints=False)
    outlet._history_user = actor
    outlet.save()
    return outlet


def journalist_create(*, actor, full_name, outlet, position="", email="", phone=""):
    """A journalist the press service enters by hand (one who has no account, e.g. a camera operator)."""
    if press_scope(actor) == []:
        raise PermissionDeniedError(_("Only a press service adds journalists."))
    full_name = " ".join((full_name or "").split())
    if len(full_name) < 3:
        fail("full_name", _("Write the journalist's full name."))
    journalist = Journalist(full_name=full_name[:200], outlet=outlet, position=(position or "").strip()[:200],
                            email=(email or "").strip().lower(), phone=(phone or "").strip()[:30])
    journalist.full_clean(exclude=["user", "outlet"])
    journalist._history_user = actor
    journalist.save()
    return journalist


def _signup_user(full_name, email, language="az"):
    return User(username=email, email=email, first_name=full_name.split(" ", 1)[0][:150],
                last_name=full_name.split(" ", 1)[1][:150] if " " in full_name else "", is_active=False,
                preferred_language=language if language in ("az", "ru", "en") else "az")


def _awaiting_confirmation(email):
    return User.objects.filter(email__iexact=email, is_active=False, journalist__isnull=False)


def journalist_signup_errors(*, full_name, email, phone, password):
    """{field: [message]}: what a sign-up's name, contact details and password break, named at once; the sign-up
    form asks too. An account awaiting its confirmation is not in the way: signing up again sends a new link."""
    full_name, email = " ".join((full_name or "").split()), (email or "").strip().lower()
    errors = contact_errors({"phone": (phone or "").strip()})
    if len(full_name) < 3:
        errors["full_name"] = [_("Write your full name.")]
    if message := email_error(email):
        errors["email"] = [message]
    elif User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exclude(
            pk__in=_awaiting_confirmation(email).values("pk")).exists():
        errors["email"] = [_("An account with this e-mail exists. Log in, or reset the password if you forgot it.")]
    try:
        validate_password(password or "", _signup_user(full_name, email))
    except ValidationError as error:
        errors["password"] = list(error.messages)
    return errors


def journalist_signup(*, full_name, email, password, outlet_name, outlet_kind="", position="", phone="", language="az"):
    """An account that stays inactive until its e-mail address is confirmed, and the journalist's card. The
    confirmation link goes through the outbox after the account is stored."""
    full_name = " ".join((full_name or "").split())
    email = (email or "").strip().lower()
    phone = (phone or "").strip()
    fail_all(journalist_signup_errors(full_name=full_name, email=email, phone=phone, password=password))
    waiting = _awaiting_confirmation(email).first()
    if waiting is not None:
        # the first link was lost: the same account gets a new one (its password stays as first chosen)
        with transaction.atomic():
            _send_confirmation(waiting, waiting.journalist.full_name)
        return waiting.journalist
    user = _signup_user(full_name, email, language)
    with transaction.atomic():
        outlet = outlet_find_or_create(name=outlet_name, kind=outlet_kind)
        user.set_password(password)
        user.save()
        journalist = Journalist(user=user, full_name=full_name, outlet=outlet, position=(position or "").strip()[:200],
                                email=email, phone=phone[:30])
        journalist._history_user = user
        journalist.save()
        _send_confirmation(user, full_name)
    return journalist


def _send_confirmation(user, full_name):
    path = reverse("media_relations:confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                                      default_token_generator.make_token(user)])
    outbox_enqueue_personal(to=user.email, language=user.preferred_language, path=path,
                            link_label=gettext_noop("Confirm your address"),
                            subject=gettext_noop("Confirm your e-mail address for the ministry's press service"),
                            body=gettext_noop("Hello, %(name)s. Open the link below to confirm your address; then you "
                                              "can apply for accreditation."), name=full_name)


def journalist_confirm(*, uidb64, token):
    """Activate the account the link was made for; None for a wrong or tampered link."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if not hasattr(user, "journalist") or not default_token_generator.check_token(user, token):
        return None
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def _period(kind, valid_from, valid_until, event):
    today = timezone.localdate()
    if event is not None:
        day = timezone.localdate(event.starts_at)
        return Accreditation.Kind.TEMPORARY, day, max(day, timezone.localdate(event.ends_at))
    if kind not in Accreditation.Kind.values:
        fail("kind", _("Choose temporary or permanent accreditation."))
    if valid_from is None:
        fail("valid_from", _("Say from which day you need the accreditation."))
    if valid_from < today:
        fail("valid_from", _("The accreditation cannot start in the past."))
    longest = TEMPORARY_MAX_DAYS if kind == Accreditation.Kind.TEMPORARY else PERMANENT_MAX_DAYS
    valid_until = valid_until or valid_from + timedelta(days=longest - 1)
    if valid_until < valid_from:
        fail("valid_until", _("The last day cannot be before the first."))
    if (valid_until - valid_from).days >= longest:
        fail("valid_until", ngettext("A %(kind)s accreditation lasts at most %(days)d day.",
                                     "A %(kind)s accreditation lasts at most %(days)d days.", longest) % {
            "kind": Accreditation.Kind(kind).label, "days": longest})
    return kind, valid_from, valid_until


def accreditation_apply(*, journalist, organisation, kind="", valid_from=None, valid_until=None, event=None, note="",
                        documents=(), actor):
    """A journalist's application: the period (or an event's day), a note and documents (at least one: an editor's
    letter or a press card). Under control from the moment it is stored; the press service is told."""
    documents = list(documents)
    if not documents:
        fail("documents", _("Attach at least one document: an editor's letter or your press card."))
    attachments_check_all(documents)
    if event is not None and event.organisation_id != organisation.pk:
        fail("event", _("Choose an event of this organisation."))
    kind, valid_from, valid_until = _period(kind, valid_from, valid_until, event)
    if Accreditation.objects.filter(journalist=journalist, organisation=organisation, state=Accreditation.State.PENDING).exists():
        fail("organisation", _("Your earlier application to this organisation is still waiting for a decision."), code="pending")
    office = press_office_unit(organisation_id=organisation.pk)
    with transaction.atomic():
        accreditation = Accreditation(organisation=organisation, journalist=journalist, kind=kind, valid_from=valid_from,
                                      valid_until=valid_until, event=event, note=(note or "").strip()[:5000])
        accreditation._history_user = actor
        accreditation._change_reason = history_reason(gettext_noop("Applied"))
        accreditation.save()
        attachment_add_many(item=accreditation, uploads=documents, actor=actor)
        control_open(item=accreditation, policy=policy_for(code="media.accreditation", organisation=organisation),
                     start=accreditation.applied_at, responsible_unit=office, actor=actor,
                     title=_("Accreditation: %(name)s, %(outlet)s") % {"name": journalist.full_name, "outlet": journalist.outlet.name})
        url = reverse("media_relations:accreditation", args=[accreditation.pk])
        notification_send_many(items=[(person, "media.accreditation", deferred(gettext_noop("A journalist applied for accreditation")),
                                       f"{journalist.full_name}, {journalist.outlet.name}", url)
                                      for person in unit_staff(unit=office)], send_email=False)
    return accreditation


def _locked(accreditation):
    return (Accreditation.objects.select_for_update(of=("self",)).select_related("journalist__user", "organisation")
            .get(pk=accreditation.pk))


def _tell_journalist(accreditation, title, body=""):
    user = accreditation.journalist.user
    if user is not None:
        notification_send(recipient=user, kind="media.accreditation", title=deferred(title), body=body,
                          url=reverse("media_relations:my-accreditation"))


def accreditation_term_extended(accreditation, card, actor):
    """The press service extended the term of its decision on the card: the journalist waiting for it learns the new
    date and why."""
    user = accreditation.journalist.user
    if user is not None:
        extension = card.extensions.order_by("-id").first()
        notification_send(recipient=user, kind="media.accreditation", actor=actor, body=extension.reason if extension else "",
                          title=deferred(gettext_noop("The decision on your accreditation is due by %(due)s"), due=card.due),
                          url=reverse("media_relations:my-accreditation"))


def accreditation_decide(*, accreditation, actor, approve, reason="", valid_until=None):
    """The press service approves (it may shorten the period) or refuses with a reason; the card closes."""
    require_press(user=actor, organisation_id=accreditation.organisation_id)
    reason = (reason or "").strip()
    if not approve and not reason:
        fail("reason", _("Say why the accreditation is refused."))
    with transaction.atomic():
        accreditation = _locked(accreditation)
        if accreditation.state != Accreditation.State.PENDING:
            raise ApplicationError(_("This application has already been decided."), code="decided")
        fields = ["state", "decided_at", "decided_by", "reason"]
        if approve and valid_until is not None:
            if not accreditation.valid_from <= valid_until <= accreditation.valid_until:
                fail("valid_until", _("The office may shorten the period asked for, not lengthen it."))
            accreditation.valid_until = valid_until
            fields.append("valid_until")
        accreditation.state = Accreditation.State.APPROVED if approve else Accreditation.State.REFUSED
        accreditation.decided_at, accreditation.decided_by, accreditation.reason = timezone.now(), actor, reason
        _save(accreditation, actor, gettext_noop("Approved") if approve else gettext_noop("Refused"), fields)
        card = accreditation.control_card
        if card is not None and card.state in ("open", "paused"):
            control_close(card=card, actor=actor, result=accreditation.get_state_display(), system=True)
        if approve:
            _tell_journalist(accreditation, gettext_noop("Your accreditation is approved"),
                             deferred(gettext_noop("Valid until %(day)s. Download your badge from your page."),
                                      day=accreditation.valid_until))
        else:
            _tell_journalist(accreditation, gettext_noop("Your accreditation is refused"), reason)
    return accreditation


def accreditation_revoke(*, accreditation, actor, reason):
    require_press(user=actor, organisation_id=accreditation.organisation_id)
    reason = (reason or "").strip()
    if not reason:
        fail("reason", _("Say why the accreditation is revoked."))
    with transaction.atomic():
        accreditation = _locked(accreditation)
        if accreditation.state != Accreditation.State.APPROVED:
            raise ApplicationError(_("Only an approved accreditation can be revoked."), code="not_approved")
        accreditation.state, accreditation.reason = Accreditation.State.REVOKED, reason
        _save(accreditation, actor, gettext_noop("Revoked"), ["state", "reason"])
        _tell_journalist(accreditation, gettext_noop("Your accreditation is revoked"), reason)
    return accreditation


def accreditation_remind_expiring(*, today=None):
    """One e-mail per accreditation that ends within EXPIRY_NOTICE_DAYS and was not reminded yet; set-based."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(Accreditation.objects.select_for_update(skip_locked=True, of=("self",))
                   .ending_unrenewed(within_days=EXPIRY_NOTICE_DAYS, today=today).filter(expiry_reminded_at__isnull=True)
                   .select_related("journalist__user", "organisation"))
        emails = []
        for accreditation in due:
            journalist = accreditation.journalist
            address = journalist.email or (journalist.user.email if journalist.user else "")
            if not address:
                continue
            language = journalist.user.preferred_language if journalist.user else settings.LANGUAGE_CODE
            with translation.override(language or settings.LANGUAGE_CODE):
                emails.append(OutboundEmail(
                    from_email=settings.DEFAULT_FROM_EMAIL, to=[address],
                    subject=_("Your accreditation ends on %(day)s") % {"day": accreditation.valid_until.strftime("%d.%m.%Y")},
                    body=_("%(organisation)s: apply again before it ends if you need to keep attending.") % {
                        "organisation": accreditation.organisation.display_name}
                         + f"\n\n{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('media_relations:my-accreditation')}"))
        Accreditation.objects.filter(pk__in=[a.pk for a in due]).update(expiry_reminded_at=timezone.now())
        if emails:
            outbox_bulk_enqueue(emails=emails)
    return len(due)


def accreditation_for_badge(*, token):
    """The accreditation a badge's token names, or None (unknown or tampered: the page says "not valid")."""
    if not token or len(token) > 64:
        return None
    return Accreditation.objects.select_related("journalist__outlet", "organisation").filter(token=token).first()
