"""Reception of citizens: the officials' published reception hours, online booking up to each session's capacity,
cancellation through the citizen's private link, a reminder the day before (once), and the oral appeal the clerk
records at the reception as a case of channel "reception"."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from appeals.models import CaseType, Channel, ReceptionBooking, ReceptionSession
from appeals.services import case_submit, is_registry
from core.contacts import contact_errors
from core.exceptions import ApplicationError, PermissionDeniedError, fail, fail_all
from core.history import history_reason
from core.idempotency import idempotent_create
from core.services.outbox import outbox_bulk_enqueue, outbox_enqueue_personal
from units.agenda import agenda_write
from units.selectors import managing_position

HORIZON_DAYS = 62  # the published schedule: this month and the next



def _save(item, actor, reason, fields=None):
    item._history_user = actor
    item._change_reason = reason
    item.save(update_fields=fields) if fields else item.save()


def _same_day_of_month(day, months_ahead):
    """The same weekday in the same week of the month `months_ahead` later (the 2nd Thursday stays the 2nd
    Thursday; a fifth one becomes the last), moved to the next working day when that is a holiday."""
    import calendar as month_calendar
    from datetime import date

    from documents.services.calendar import calendar_for

    month_index = day.month - 1 + months_ahead
    year, month = day.year + month_index // 12, month_index % 12 + 1
    week = (day.day - 1) // 7
    candidates = [week_days[day.weekday()] for week_days in month_calendar.monthcalendar(year, month) if week_days[day.weekday()]]
    target = date(year, month, candidates[min(week, len(candidates) - 1)])
    return calendar_for("AZ", around=target).next_working_day(target, include_self=True)


def reception_session_errors(*, organisation, official, starts_at, ends_at, place, capacity, repeat_months=0):
    """{field: [message]}: every rule reception hours break, named at once; the registry's form asks too, with
    whatever fields it could read."""
    errors = {}
    if starts_at and starts_at <= timezone.now():
        errors["starts_at"] = [_("A reception is published ahead: choose a moment in the future.")]
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The reception ends after it starts.")]
    if not (place or "").strip():
        errors["place"] = [_("Say where the reception takes place.")]
    if not capacity or capacity < 1:
        errors["capacity"] = [_("Give the number of places (at least one).")]
    if official is not None and managing_position(user=official, organisation=organisation) is None:
        errors["official"] = [_("Choose a head of the organisation or of one of its units.")]
    if not 0 <= (repeat_months or 0) <= 12:
        errors["repeat_months"] = [_("Repeat for at most twelve months.")]
    return errors


def reception_session_create(*, actor, organisation, official, starts_at, ends_at, place, capacity, repeat_months=0):
    """The registry publishes an official's reception hours (an official may publish their own), once or on the
    same day of the month for the next `repeat_months` months (the schedule is published at least monthly)."""
    if not (is_registry(user=actor, organisation=organisation) or actor.pk == official.pk):
        raise PermissionDeniedError(_("Only the registry or the official publishes reception hours."))
    fail_all(reception_session_errors(organisation=organisation, official=official, starts_at=starts_at, ends_at=ends_at,
                                      place=place, capacity=capacity, repeat_months=repeat_months))
    position = managing_position(user=official, organisation=organisation)
    first = None
    with transaction.atomic():
        for months_ahead in range((repeat_months or 0) + 1):
            local = timezone.localtime(starts_at)
            day = _same_day_of_month(local.date(), months_ahead) if months_ahead else local.date()
            start = timezone.make_aware(datetime.combine(day, local.time()))
            session = ReceptionSession(organisation=organisation, official=official, official_position=position,
                                       starts_at=start, ends_at=start + (ends_at - starts_at), place=place.strip(),
                                       capacity=capacity, created_by=actor)
            _save(session, actor, history_reason(gettext_noop("Published")))
            # a message of ours as the title: each reader's agenda shows it in their language
            agenda_write(source=session, officials=[official], starts_at=session.starts_at, ends_at=session.ends_at,
                         title=gettext_noop("Reception of citizens"), place=session.place)
            first = first or session
    return first


def reception_schedule(*, organisation, now=None):
    """The upcoming sessions with their free places (one query)."""
    now = now or timezone.now()
    return (ReceptionSession.objects.filter(organisation=organisation, is_cancelled=False, starts_at__gt=now,
                                            starts_at__lt=now + timedelta(days=HORIZON_DAYS))
            .select_related("official", "official_position__unit")
            .annotate(taken=Count("bookings", filter=Q(bookings__state__in=[ReceptionBooking.State.BOOKED,
                                                                             ReceptionBooking.State.ATTENDED])))
            .order_by("starts_at"))


def reception_session_for_booking(*, pk):
    """An upcoming session open for booking, or 404."""
    session = (ReceptionSession.objects.filter(pk=pk, is_cancelled=False, starts_at__gt=timezone.now())
               .select_related("official", "official_position__unit").first())
    if session is None:
        raise Http404
    return session


def booking_url(booking):
    return reverse("appeals:reception-booking", args=[booking.token])


def _notify(booking, subject, body, **params):
    outbox_enqueue_personal(to=booking.email, language=booking.language, path=booking_url(booking),
                  link_label=gettext_noop("Your booking (to cancel it)"), subject=subject, body=body, **params)


def _when(session):
    return f"{timezone.localtime(session.starts_at):%d.%m.%Y %H:%M}"


def _session_text(session):
    return f"{_when(session)}, {session.place}, {session.official_label}"


def reception_book(*, session, data, idempotency_key=None):
    """Book a place: name and phone are needed; the session's capacity is never exceeded, even by two citizens
    clicking at once (the session row is locked while counting); one booking per phone per session."""
    values = {key: (value.strip() if isinstance(value, str) else value) for key, value in data.items()}
    errors = {}
    if not values.get("name"):
        errors["name"] = [_("Give your full name.")]
    errors.update(contact_errors(values, phone_required=True))
    if not values.get("subject"):
        errors["subject"] = [_("Say briefly what you want to raise.")]
    fail_all(errors)

    def create():
        with transaction.atomic():
            locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
            if locked.is_cancelled or locked.starts_at <= timezone.now():
                raise ApplicationError(_("This reception is no longer open for booking."), code="closed")
            active = locked.bookings.filter(state=ReceptionBooking.State.BOOKED)
            if active.filter(phone=values["phone"]).exists():
                fail("phone", _("This phone number already has a place at this reception."))
            if active.count() >= locked.capacity:
                raise ApplicationError(_("All places at this reception are taken. Please choose another date."), code="full")
            booking = ReceptionBooking(session=locked, name=values["name"][:200], phone=values["phone"],
                                       email=values.get("email", "").lower(), subject=values["subject"][:500],
                                       language=(translation.get_language() or settings.LANGUAGE_CODE)[:8])
            _save(booking, None, history_reason(gettext_noop("Booked")))
            # the subject short enough for a phone's inbox: the day and hour; the body says where and with whom
            _notify(booking, gettext_noop("Your place at the reception: %(when)s"),
                    gettext_noop("You are expected at the reception: %(session)s."), session=_session_text(locked),
                    when=_when(locked))
            return booking

    return idempotent_create(user=None, scope=f"reception:{session.pk}", key=idempotency_key, create=create)


def booking_for_token(*, token):
    from appeals.selectors import TOKEN_PATTERN

    booking = (ReceptionBooking.objects.filter(token=token).select_related("session__official", "session__official_position__unit").first()
               if TOKEN_PATTERN.match(token or "") else None)
    if booking is None:
        raise Http404
    return booking


def reception_cancel(*, booking):
    """The citizen cancels through the private link; the place is free again."""
    with transaction.atomic():
        booking = ReceptionBooking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking.pk)
        if booking.state != ReceptionBooking.State.BOOKED or booking.session.starts_at <= timezone.now():
            raise ApplicationError(_("This booking can no longer be cancelled."), code="wrong_state")
        booking.state = ReceptionBooking.State.CANCELLED
        _save(booking, None, history_reason(gettext_noop("Cancelled by the citizen")), ["state"])
    return booking


def reception_remind(*, today=None):
    """The day before: one reminder per booking with an e-mail, even when the task runs twice or on two workers
    at once (the rows are claimed with SKIP LOCKED and marked in the same transaction). Returns how many."""
    from core.models import OutboundEmail

    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    with transaction.atomic():
        due = (ReceptionBooking.objects.select_for_update(skip_locked=True, of=("self",))
               .filter(state=ReceptionBooking.State.BOOKED, reminded_at__isnull=True, session__is_cancelled=False,
                       session__starts_at__gte=start, session__starts_at__lt=start + timedelta(days=1))
               .exclude(email="").select_related("session__official", "session__official_position__unit"))
        bookings = list(due)
        emails = []
        for booking in bookings:
            link = f"{settings.PORTAL_BASE_URL.rstrip('/')}{booking_url(booking)}"
            with translation.override(booking.language or settings.LANGUAGE_CODE):
                cancel_label = _("Cannot come? Cancel so that someone else can take the place")  # not inside an f-string: xgettext
                emails.append(OutboundEmail(
                    from_email=settings.DEFAULT_FROM_EMAIL, to=[booking.email],
                    subject=_("Reminder: your reception tomorrow"),
                    body=f"{_session_text(booking.session)}\n\n{cancel_label}: {link}"))
        outbox_bulk_enqueue(emails=emails)
        ReceptionBooking.objects.filter(pk__in=[b.pk for b in bookings]).update(reminded_at=timezone.now())
    return len(bookings)


def reception_record(*, actor, booking, text, kind="application"):
    """The clerk records the citizen's oral appeal at the reception: a case of channel "reception", received now,
    with the booking's name, phone and subject; the booking is marked as received."""
    session = booking.session
    if not is_registry(user=actor, organisation=session.organisation):
        raise PermissionDeniedError(_("Only the registry records oral appeals."))
    with transaction.atomic():
        booking = ReceptionBooking.objects.select_for_update(of=("self",)).select_related("session").get(pk=booking.pk)
        if booking.case_id:
            raise ApplicationError(_("This citizen's appeal is already recorded."), code="wrong_state")
        case, _created = case_submit(organisation=session.organisation, case_type=CaseType.APPEAL, channel=Channel.RECEPTION,
                                     actor=actor, data={"kind": kind, "subject": booking.subject, "text": text,
                                                        "name": booking.name, "phone": booking.phone, "email": booking.email,
                                                        "language": booking.language})
        booking.case, booking.state = case, ReceptionBooking.State.ATTENDED
        _save(booking, actor, history_reason(gettext_noop("Received; oral appeal %(number)s"), number=case.number),
              ["case", "state"])
    return case
