"""Press events: planned by the press service with speakers from the ministry (their agendas follow), invitations
to outlets, registration of accredited journalists within the places there are, confirmation, attendance, and a
reminder the day before."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from core.exceptions import ApplicationError, fail, fail_all
from core.history import history_reason
from core.i18n import deferred
from core.models import OutboundEmail
from core.services.notifications import notification_send
from core.services.outbox import outbox_bulk_enqueue
from documents.services.attachments import attachment_add_many
from media_relations.models import Accreditation, EventRegistration, Journalist, PressEvent
from media_relations.services.office import require_press
from units.agenda import agenda_clear, agenda_write

EVENT_FIELDS = ("kind", "title", "topic", "starts_at", "ends_at", "place", "capacity")
TAKEN = (EventRegistration.State.REQUESTED, EventRegistration.State.CONFIRMED)



def press_event_errors(*, values, event=None):
    """{field: [message]}: every rule an event's values break, named at once; the event's form asks too."""
    errors = {}
    if values.get("kind") not in PressEvent.Kind.values:
        errors["kind"] = [_("Choose the kind of event.")]
    if not (values.get("title") or "").strip():
        errors["title"] = [_("Give the event a title.")]
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    for field in ("starts_at", "ends_at"):
        if not values.get(field):
            errors[field] = [_("This field is required.")]
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The event ends after it starts.")]
    if event is None and starts_at and starts_at < timezone.now():
        errors["starts_at"] = [_("A new event cannot start in the past.")]
    if event is not None and values.get("capacity") is not None:
        confirmed = event.registrations.filter(state=EventRegistration.State.CONFIRMED).count()
        if values["capacity"] < confirmed:
            errors["capacity"] = [ngettext("%(count)d journalist is already confirmed.", "%(count)d journalists are already confirmed.",
                                           confirmed) % {"count": confirmed}]
    return errors


def press_event_save(*, actor, organisation, values, speakers=(), invited_outlets=(), event=None):
    """Create or change an event; the speakers' agendas follow. Returns (event, clashes on the speakers' agendas)."""
    require_press(user=actor, organisation_id=organisation.pk)
    fail_all(press_event_errors(values=values, event=event))
    with transaction.atomic():
        if event is None:
            event = PressEvent(organisation=organisation, created_by=actor)
            reason = gettext_noop("Planned")
        else:
            event = PressEvent.objects.select_for_update().get(pk=event.pk)
            if event.state == PressEvent.State.CANCELLED:
                raise ApplicationError(_("A cancelled event cannot be changed."), code="cancelled")
            reason = gettext_noop("Changed")
        for field in EVENT_FIELDS:
            if field in values:
                setattr(event, field, values[field] if field != "title" else values[field].strip())
        event._history_user = actor
        event._change_reason = history_reason(reason)
        event.full_clean(exclude=["organisation", "created_by"])
        event.save()
        event.speakers.set(speakers)
        event.invited_outlets.set(invited_outlets)
        clashes = agenda_write(source=event, officials=list(speakers), starts_at=event.starts_at, ends_at=event.ends_at,
                               title=event.title, place=event.place)
    return event, clashes


def press_event_cancel(*, event, actor):
    require_press(user=actor, organisation_id=event.organisation_id)
    with transaction.atomic():
        event = PressEvent.objects.select_for_update().get(pk=event.pk)
        if event.state == PressEvent.State.CANCELLED:
            return event
        event.state = PressEvent.State.CANCELLED
        event._history_user = actor
        event._change_reason = history_reason(gettext_noop("Cancelled"))
        event.save(update_fields=["state", "updated_at"])
        agenda_clear(source=event)
        _email_registered(event, gettext_noop("Cancelled: %(title)s"), gettext_noop("The event of %(when)s is cancelled."),
                          states=TAKEN)
    return event


def _when(event):
    return timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")


def _event_url(event):
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('media_relations:event', args=[event.pk])}"


def _email(to, language, subject, body, event):
    with translation.override(language or settings.LANGUAGE_CODE):
        params = {"title": event.title, "when": _when(event), "place": event.place}
        return OutboundEmail(from_email=settings.DEFAULT_FROM_EMAIL, to=[to], subject=(_(subject) % params)[:500],
                             body=f"{_(body) % params}\n\n{_event_url(event)}")


def _email_registered(event, subject, body, *, states):
    emails = []
    for registration in event.registrations.filter(state__in=states).select_related("journalist__user"):
        journalist = registration.journalist
        if journalist.email:
            emails.append(_email(journalist.email, journalist.user.preferred_language if journalist.user else "", subject, body, event))
    if emails:
        outbox_bulk_enqueue(emails=emails)
    return len(emails)


def press_event_add_materials(*, event, actor, uploads):
    """Materials for the press (a programme, a presentation), checked by content; on the event's public page."""
    require_press(user=actor, organisation_id=event.organisation_id)
    with transaction.atomic():
        attachments = attachment_add_many(item=event, uploads=uploads, actor=actor)
        event._history_user = actor
        event._change_reason = history_reason(gettext_noop("Materials added: %(count)s"), count=len(attachments))
        event.save(update_fields=["updated_at"])
    return attachments


def press_event_invite(*, event, actor):
    """Invitations by e-mail to the invited outlets and to their journalists accredited for the event's day.
    Returns how many were written."""
    require_press(user=actor, organisation_id=event.organisation_id)
    if event.state == PressEvent.State.CANCELLED or event.ends_at < timezone.now():
        raise ApplicationError(_("Invitations go out only for an upcoming event."), code="not_upcoming")
    outlets = list(event.invited_outlets.all())
    if not outlets:
        fail("invited_outlets", _("Choose the outlets to invite first."))
    day = timezone.localdate(event.starts_at)
    accredited = (Journalist.objects.filter(outlet__in=outlets, accreditations__organisation_id=event.organisation_id)
                  .filter(accreditations__in=Accreditation.objects.valid_on(day)).select_related("user").distinct())
    subject = gettext_noop("Invitation: %(title)s")
    body = gettext_noop("You are invited to %(title)s on %(when)s, %(place)s. Accredited journalists register on the page below.")
    addresses = {}
    for outlet in outlets:
        if outlet.email:
            addresses.setdefault(outlet.email.lower(), "")
    for journalist in accredited:
        if journalist.email:
            addresses[journalist.email.lower()] = journalist.user.preferred_language if journalist.user else ""
    with transaction.atomic():
        outbox_bulk_enqueue(emails=[_email(to, language, subject, body, event) for to, language in sorted(addresses.items())])
        event._history_user = actor
        event._change_reason = history_reason(gettext_noop("Invitations sent to %(count)s addresses"), count=len(addresses))
        event.save(update_fields=["updated_at"])
    return len(addresses)


def _accreditation_refusal(journalist, event):
    """Why the journalist may not register for the event, or None."""
    day = timezone.localdate(event.starts_at)
    accreditations = list(Accreditation.objects.filter(journalist=journalist, organisation_id=event.organisation_id)
                          .exclude(state=Accreditation.State.REFUSED))
    if any(a.status_on(day) == "valid" for a in accreditations):
        return None
    if any(a.state == Accreditation.State.REVOKED for a in accreditations):
        return _("Your accreditation has been revoked.")
    if any(a.state == Accreditation.State.APPROVED and a.valid_until < day for a in accreditations):
        return _("Your accreditation has expired; apply for a new one.")
    if any(a.state == Accreditation.State.PENDING for a in accreditations):
        return _("Your accreditation is still waiting for a decision.")
    return _("You need an accreditation valid on the day of the event.")


def event_register(*, event, journalist, actor):
    """An accredited journalist asks for a place; refused with the reason when the event is over or cancelled, the
    accreditation is not valid on its day, or no places are left."""
    with transaction.atomic():
        event = PressEvent.objects.select_for_update().get(pk=event.pk)
        if event.state == PressEvent.State.CANCELLED:
            raise ApplicationError(_("This event is cancelled."), code="cancelled")
        if event.starts_at <= timezone.now():
            raise ApplicationError(_("Registration closed when the event began."), code="closed")
        if (reason := _accreditation_refusal(journalist, event)) is not None:
            raise ApplicationError(reason, code="not_accredited")
        registration = EventRegistration.objects.filter(event=event, journalist=journalist).first()
        if registration is not None and registration.state in TAKEN:
            return registration
        if registration is not None and registration.state == EventRegistration.State.DECLINED:
            raise ApplicationError(_("The press service has declined your registration for this event."), code="declined")
        if event.capacity is not None and event.registrations.filter(state__in=TAKEN).count() >= event.capacity:
            raise ApplicationError(_("No places are left at this event."), code="full")
        registration = registration or EventRegistration(event=event, journalist=journalist)
        registration.state = EventRegistration.State.REQUESTED
        registration._history_user = actor
        registration._change_reason = history_reason(gettext_noop("Registered"))
        registration.save()
    return registration


def registration_cancel(*, registration, actor):
    with transaction.atomic():
        registration = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.state not in TAKEN:
            return registration
        registration.state = EventRegistration.State.CANCELLED
        registration._history_user = actor
        registration._change_reason = history_reason(gettext_noop("Cancelled by the journalist"))
        registration.save(update_fields=["state"])
    return registration


def registration_decide(*, registration, actor, confirm):
    require_press(user=actor, organisation_id=registration.event.organisation_id)
    with transaction.atomic():
        event = PressEvent.objects.select_for_update().get(pk=registration.event_id)
        registration = EventRegistration.objects.select_related("journalist__user").get(pk=registration.pk)
        if registration.state not in TAKEN:
            raise ApplicationError(_("The journalist has cancelled this registration."), code="cancelled")
        if confirm and event.capacity is not None and registration.state != EventRegistration.State.CONFIRMED:
            if event.registrations.filter(state=EventRegistration.State.CONFIRMED).count() >= event.capacity:
                raise ApplicationError(_("No places are left at this event."), code="full")
        registration.state = EventRegistration.State.CONFIRMED if confirm else EventRegistration.State.DECLINED
        registration._history_user = actor
        registration._change_reason = history_reason(gettext_noop("Confirmed") if confirm else gettext_noop("Declined"))
        registration.save(update_fields=["state"])
        if registration.journalist.user is not None:
            notification_send(recipient=registration.journalist.user, kind="media.event",
                              title=deferred(gettext_noop("Your place is confirmed") if confirm else gettext_noop("Your registration is declined")),
                              body=f"{event.title}, {_when(event)}",
                              url=reverse("media_relations:event", args=[event.pk]))
    return registration


def attendance_record(*, event, actor, attended_ids):
    """Mark who came among the confirmed journalists (the others did not)."""
    require_press(user=actor, organisation_id=event.organisation_id)
    if event.starts_at > timezone.now():
        raise ApplicationError(_("Attendance is recorded once the event has begun."), code="not_started")
    attended_ids = {int(pk) for pk in attended_ids}
    with transaction.atomic():
        for registration in event.registrations.filter(state=EventRegistration.State.CONFIRMED):
            came = registration.pk in attended_ids
            if registration.attended is not came:
                registration.attended = came
                registration._history_user = actor
                registration._change_reason = history_reason(gettext_noop("Attendance recorded"))
                registration.save(update_fields=["attended"])


def press_events_remind(*, now=None):
    """The day before: one e-mail to each confirmed journalist of tomorrow's events; each event is reminded once."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    with transaction.atomic():
        events = list(PressEvent.objects.select_for_update(skip_locked=True)
                      .filter(state=PressEvent.State.PLANNED, reminded_at__isnull=True, starts_at__date=tomorrow))
        count = sum(_email_registered(event, gettext_noop("Tomorrow: %(title)s"),
                                      gettext_noop("A reminder: %(title)s, %(when)s, %(place)s. Bring your badge."),
                                      states=[EventRegistration.State.CONFIRMED]) for event in events)
        PressEvent.objects.filter(pk__in=[e.pk for e in events]).update(reminded_at=now)
    return count
