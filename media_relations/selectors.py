"""Reads of the press service's registers: one object for a user (404 for "missing" and "not yours" alike), the
lists behind the pages and the API."""

from django.db.models import Count, F, Min, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from media_relations.models import (
    Accreditation,
    ArchiveItem,
    EventRegistration,
    Journalist,
    MediaMention,
    PressEvent,
    PressRelease,
    Subscription,
)
from media_relations.querysets import press_scope


def journalist_of(user):
    """The journalist card of a signed-in journalist, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Journalist.objects.select_related("outlet").filter(user=user).first()


def _get(queryset, pk):
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def access_accreditation(*, user, pk):
    """The press service's view of an application, or the journalist's own."""
    base = Accreditation.objects.select_related("journalist__outlet", "organisation", "event", "decided_by")
    return _get(base.filter(Q(pk__in=Accreditation.objects.visible_to(user).values("pk")) | Q(journalist__user=user))
                if user.is_authenticated else base.none(), pk)


def accreditation_list(*, user, state=None):
    items = (Accreditation.objects.visible_to(user).select_related("journalist__outlet", "organisation", "event")
             .prefetch_related("control_cards"))
    if state:
        items = items.filter(state=state)
    return items.order_by("-applied_at", "-id")


def event_list_public(*, organisation_id=None, past=False):
    now = timezone.now()
    events = PressEvent.objects.public().select_related("organisation").prefetch_related("speakers")
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    events = events.filter(ends_at__lt=now).order_by("-starts_at") if past else events.upcoming(now).order_by("starts_at")
    return events.annotate(taken=Count("registrations", filter=Q(registrations__state__in=("requested", "confirmed"))))


def access_event_public(*, pk):
    return _get(PressEvent.objects.public().select_related("organisation").prefetch_related("speakers", "invited_outlets")
                .annotate(taken=Count("registrations", filter=Q(registrations__state__in=("requested", "confirmed")))), pk)


def access_event_staff(*, user, pk):
    return _get(PressEvent.objects.visible_to(user).select_related("organisation", "created_by")
                .prefetch_related("speakers", "invited_outlets",
                                  Prefetch("registrations", EventRegistration.objects.select_related("journalist__outlet")
                                           .order_by("created_at", "id"))), pk)


def event_list_staff(*, user):
    return (PressEvent.objects.visible_to(user).select_related("organisation").prefetch_related("speakers", "invited_outlets")
            .annotate(taken=Count("registrations", filter=Q(registrations__state__in=("requested", "confirmed"))),
                      waiting=Count("registrations", filter=Q(registrations__state="requested")))
            .order_by("-starts_at", "-id"))


def release_list_public(*, language=None, user=None):
    """The public news (and, for an accredited journalist, the embargoed ones), in the visitor's language first."""
    releases = PressRelease.objects.for_journalist(user) if user is not None and user.is_authenticated else PressRelease.objects.published()
    return releases.select_related("organisation").order_by("-published_at", "-id")


def access_release_public(*, user, pk):
    releases = PressRelease.objects.for_journalist(user) if user.is_authenticated else PressRelease.objects.published()
    return _get(releases.select_related("organisation", "original"), pk)


def release_versions(release):
    """The release's other languages that the reader may see too: [(language, release)]."""
    group = release.group_id
    return PressRelease.objects.filter(Q(pk=group) | Q(original_id=group)).exclude(pk=release.pk)


def access_release_staff(*, user, pk):
    return _get(PressRelease.objects.visible_to(user).select_related("organisation", "author", "original"), pk)


def release_list_staff(*, user):
    return PressRelease.objects.visible_to(user).select_related("organisation", "author").order_by("-updated_at", "-id")


def mention_list(*, user, published_on=None, tone=None, only_false=False):
    """Mentions the user may see, newest first, with the list's filters (each served by an index)."""
    items = (MediaMention.objects.visible_to(user).select_related("outlet", "organisation", "response")
             .prefetch_related("units", "control_cards").order_by("-published_on", "-id"))
    if published_on is not None:
        items = items.filter(published_on=published_on)
    if tone in MediaMention.Tone.values:
        items = items.filter(tone=tone)
    return items.filter(is_false=True) if only_false else items


def access_mention(*, user, pk):
    return _get(mention_list(user=user), pk)


def archive_list(*, user, query="", kind=""):
    from units.models import Membership

    scope = press_scope(user)
    items = ArchiveItem.objects.select_related("event")
    if scope is not None:
        # the press service sees its archive; other staff what is open to staff; anyone else what is public
        member = user.is_authenticated and Membership.objects.current().filter(user=user).exists()
        items = items.filter(Q(organisation_id__in=scope) | Q(access__in=("public", "staff") if member else ("public",)))
    if kind:
        items = items.filter(kind=kind)
    for word in query.split()[:5]:
        items = items.filter(Q(title__icontains=word) | Q(tags__icontains=word) | Q(people__icontains=word))
    return items.order_by("-taken_on", "-id")


def access_archive_item(*, user, pk):
    return _get(archive_list(user=user), pk)


def subscription_list(*, user):
    return Subscription.objects.visible_to(user).select_related("organisation").order_by("ends_on", "id")


def my_registrations(*, journalist):
    return (EventRegistration.objects.filter(journalist=journalist).select_related("event")
            .order_by("-event__starts_at"))


def speaker_choices(*, organisations):
    """The officials who may speak at an organisation's events: its current staff, by name."""
    from core.models import User
    from units.models import Membership

    within = Q(pk__in=[])
    for organisation in organisations:
        within |= Q(position__unit__path__startswith=organisation.path)
    return (User.objects.filter(is_active=True, pk__in=Membership.objects.current().filter(within).values("user_id"))
            .order_by("last_name", "first_name", "username"))


def journalist_waiting(user):
    """A journalist's desk: the days left of an accreditation that ends soon (and has no renewal applied for),
    applications still waiting for a decision, and the press events their accreditation lets them register for
    that they have not registered for yet (three queries)."""
    from django.urls import reverse

    from core.i18n import ngettext_noop
    from core.waiting import Waiting
    from media_relations.services.accreditation import EXPIRY_NOTICE_DAYS
    from media_relations.services.events import TAKEN

    if user is None or not user.is_authenticated:
        return []
    accreditations = list(Accreditation.objects.of_user(user).filter(
        state__in=(Accreditation.State.APPROVED, Accreditation.State.PENDING)).only(
        "journalist", "organisation", "kind", "event", "state", "valid_from", "valid_until"))
    if not accreditations:
        return []
    today, now = timezone.localdate(), timezone.now()
    approved = [a for a in accreditations if a.state == Accreditation.State.APPROVED and a.valid_until >= today]
    ending = (Accreditation.objects.of_user(user).ending_unrenewed(within_days=EXPIRY_NOTICE_DAYS, today=today)
              .aggregate(first=Min("valid_until"))["first"])
    mine = reverse("media_relations:my-accreditation")
    items = []
    if ending:
        days_left = (ending - today).days + 1  # the last day itself still counts
        items.append(Waiting(ngettext_noop("day left of your accreditation", "days left of your accreditation"), days_left, mine,
                             urgent=days_left <= 7))
    items.append(Waiting(ngettext_noop("application for accreditation waiting for a decision",
                                       "applications for accreditation waiting for a decision"),
                         sum(1 for a in accreditations if a.state == Accreditation.State.PENDING), mine))
    if approved:
        covered = Q(pk__in=[])
        for accreditation in approved:
            covered |= Q(organisation_id=accreditation.organisation_id, starts_at__date__gte=accreditation.valid_from,
                         starts_at__date__lte=accreditation.valid_until)
        taken = Count("registrations", filter=Q(registrations__state__in=TAKEN))
        open_events = (PressEvent.objects.public().filter(covered, starts_at__gt=now)
                       .exclude(pk__in=EventRegistration.objects.filter(journalist_id=approved[0].journalist_id).values("event_id"))
                       .annotate(taken=taken).filter(Q(capacity__isnull=True) | Q(taken__lt=F("capacity"))).count())
        items.append(Waiting(ngettext_noop("press event you may register for", "press events you may register for"), open_events,
                             reverse("media_relations:events")))
    return items


def accreditations_waiting(user):
    """The staff home's count for the press service: applications for accreditation to decide. The leadership may
    decide them too, but they are the press service's daily work, not the minister's."""
    from django.urls import reverse

    from core.i18n import ngettext_noop
    from core.waiting import Waiting
    from media_relations.querysets import press_scope

    scope = press_scope(user, leadership=False)
    if scope == []:
        return []
    pending = Accreditation.objects.visible_to(user).filter(state=Accreditation.State.PENDING)
    pending = (pending if scope is None else pending.filter(organisation_id__in=scope)).count()
    return [Waiting(ngettext_noop("accreditation to decide", "accreditations to decide"), pending, f"{reverse('media_relations:accreditations')}?state=pending")]
