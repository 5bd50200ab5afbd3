"""The press pages anyone reads (news, the events calendar and its feed, a badge's verification) and the
journalist's own pages (joining, accreditation, registration for events)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.ical import CalendarEvent, ical_document
from core.ratelimit import rate_limit
from documents.services.attachments import attachment_response, attachments_of
from documents.services.letters import html_pdf, pdf_response
from media_relations.forms import ApplyForm, JoinForm
from media_relations.models import Accreditation, EventRegistration, MediaOutlet, PressEvent, PressRelease
from media_relations.selectors import (
    access_accreditation,
    access_event_public,
    access_release_public,
    event_list_public,
    journalist_of,
    my_registrations,
    release_list_public,
    release_versions,
)
from media_relations.services.accreditation import (
    accreditation_apply,
    accreditation_for_badge,
    journalist_confirm,
    journalist_signup,
)
from media_relations.services.events import event_register, registration_cancel
from units.models import Unit

PAGE = 20


def press(request):
    """The news: published releases, the visitor's language first, with the next events beside them."""
    releases = list(release_list_public(user=request.user)[:200])
    language = get_language()
    # one release per group: the visitor's language if the group has it, else the first published version
    chosen = {}
    for release in releases:
        current = chosen.get(release.group_id)
        if current is None or (release.language == language and current.language != language):
            chosen[release.group_id] = release
    news = sorted(chosen.values(), key=lambda r: (r.published_at, r.pk), reverse=True)[:PAGE]
    now = timezone.now()
    for release in news:
        release.embargoed = bool(release.embargo_until and release.embargo_until > now)
    return render(request, "media_relations/press.html", {"news": news, "events": event_list_public()[:3]})


def release_detail(request, pk):
    release = access_release_public(user=request.user, pk=pk)
    versions = release_versions(release).filter(pk__in=release_list_public(user=request.user).values("pk")).order_by("language")
    embargoed = bool(release.embargo_until and release.embargo_until > timezone.now())
    return render(request, "media_relations/release_public.html", {
        "release": release, "versions": versions, "embargoed": embargoed,
        "paragraphs": [p.strip() for p in release.body.replace("\r\n", "\n").split("\n\n") if p.strip()]})


class ReleaseFeed(Feed):
    """The published news as Atom (never the embargoed ones: a feed reader is the public)."""

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.PORTAL_NAME}: {_('Press releases')}"

    def link(self):
        return reverse("media_relations:press")

    def subtitle(self):
        return _("News of the ministry's press service")

    def items(self):
        return PressRelease.objects.published().select_related("organisation").order_by("-published_at", "-id")[:PAGE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.body[:500]

    def item_link(self, item):
        return reverse("media_relations:release-public", args=[item.pk])

    def item_pubdate(self, item):
        return item.public_from

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.display_name


release_feed = ReleaseFeed()


def events(request):
    past = request.GET.get("show") == "past"
    return render(request, "media_relations/events.html", {
        "events": event_list_public(past=past)[:50], "past": past, "journalist": journalist_of(request.user)})


def events_ics(request):
    """The public calendar for a calendar client: upcoming events and those of the last 90 days."""
    since = timezone.now() - timezone.timedelta(days=90)
    items = PressEvent.objects.filter(ends_at__gte=since).select_related("organisation").order_by("starts_at")
    base = settings.PORTAL_BASE_URL.rstrip("/")
    content = ical_document(name=f"{settings.PORTAL_NAME}: {_('Press events')}", events=[
        CalendarEvent(uid=f"press-event-{event.pk}@ministry-portal", summary=f"{event.get_kind_display()}: {event.title}",
                      starts_at=event.starts_at, ends_at=event.ends_at, stamp=event.updated_at, location=event.place,
                      description=event.topic, url=f"{base}{reverse('media_relations:event', args=[event.pk])}",
                      cancelled=event.state == PressEvent.State.CANCELLED)
        for event in items])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="press-events.ics"'
    return response


@require_http_methods(["GET", "POST"])
def event_detail(request, pk):
    event = access_event_public(pk=pk)
    journalist = journalist_of(request.user)
    registration = EventRegistration.objects.filter(event=event, journalist=journalist).first() if journalist else None
    status = 200
    if request.method == "POST":
        if journalist is None:
            return redirect(f"{reverse('login')}?next={request.path}")
        try:
            if request.POST.get("action") == "cancel" and registration is not None:
                registration_cancel(registration=registration, actor=request.user)
                messages.success(request, _("Your registration is cancelled."))
            else:
                event_register(event=event, journalist=journalist, actor=request.user)
                messages.success(request, _("You are registered. The press service will confirm your place."))
            return redirect("media_relations:event", pk=event.pk)
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
    return render(request, "media_relations/event_public.html", {
        "event": event, "journalist": journalist, "registration": registration,
        "places_left": None if event.capacity is None else max(event.capacity - event.taken, 0),
        "materials": attachments_of(event)}, status=status)


def event_material(request, pk, attachment_pk):
    event = access_event_public(pk=pk)
    attachment = attachments_of(event).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


@require_http_methods(["GET", "POST"])
@rate_limit("journalist_join", methods=("POST",))
def join(request):
    if request.user.is_authenticated and journalist_of(request.user):
        return redirect("media_relations:my-accreditation")
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_robot():
            form.add_error(None, _("The form could not be accepted. Please try again."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                journalist_signup(full_name=data["full_name"], email=data["email"], password=data["password"],
                                  outlet_name=data["outlet_name"], outlet_kind=data["outlet_kind"], position=data["position"],
                                  phone=data["phone"], language=get_language())
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                return redirect("media_relations:join-sent")
    return render(request, "media_relations/join.html", {
        "form": form, "outlets": MediaOutlet.objects.filter(is_active=True).values_list("name", flat=True)}, status=status)


def join_sent(request):
    return render(request, "media_relations/join_sent.html")


@rate_limit("press_verify")
def confirm(request, uidb64, token):
    user = journalist_confirm(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "media_relations/join_sent.html", {"bad_link": True}, status=404)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your address is confirmed. Now apply for accreditation."))
    return redirect("media_relations:my-accreditation")


def _apply_form(request):
    organisations = Unit.objects.roots().active()
    upcoming = PressEvent.objects.public().upcoming().order_by("starts_at")
    return ApplyForm(request.POST or None, request.FILES or None, organisations=organisations, events=upcoming)


@login_required
@require_http_methods(["GET", "POST"])
def my_accreditation(request):
    journalist = journalist_of(request.user)
    if journalist is None:  # a member of staff who followed a journalist's link: the press page, with a word why
        messages.info(request, _("Accreditation is for journalists: this account is not a journalist's."))
        return redirect("media_relations:press")
    form = _apply_form(request)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                accreditation_apply(journalist=journalist, organisation=data["organisation"], kind=data["kind"],
                                    valid_from=data["valid_from"], valid_until=data["valid_until"], event=data["event"],
                                    note=data["note"], documents=data["documents"], actor=request.user)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Your application is registered. You will be told of the decision."))
                return redirect("media_relations:my-accreditation")
    accreditations = list(Accreditation.objects.filter(journalist=journalist).select_related("organisation", "event"))
    today = timezone.localdate()
    for accreditation in accreditations:
        accreditation.status = accreditation.status_on(today)
    return render(request, "media_relations/my_accreditation.html", {
        "journalist": journalist, "accreditations": accreditations, "form": form,
        "has_valid": any(item.status == "valid" for item in accreditations),
        "registrations": my_registrations(journalist=journalist)}, status=status)


def badge_pdf(accreditation):
    """The printable badge: name, outlet, period and a QR code (segno) that opens the public verification page."""
    import segno

    verify_url = f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('media_relations:verify', args=[accreditation.token])}"
    qr = segno.make(verify_url, error="m").svg_data_uri(scale=4, border=1)
    html = render_to_string("media_relations/badge.html", {"accreditation": accreditation, "qr": qr, "verify": verify_url})
    return pdf_response(html_pdf(html), filename=f"accreditation-{accreditation.pk}")


@login_required
def badge(request, pk):
    accreditation = access_accreditation(user=request.user, pk=pk)
    if accreditation.state != Accreditation.State.APPROVED:
        raise Http404
    return badge_pdf(accreditation)


@rate_limit("press_verify")
def verify(request, token):
    """What a badge's QR code opens: valid, expired or revoked, with the name, the outlet and the period; an unknown
    or altered token is simply "not valid"."""
    accreditation = accreditation_for_badge(token=token)
    status = accreditation.status_on() if accreditation else "unknown"
    shown = accreditation is not None and status in ("valid", "expired", "revoked", "not_yet")
    return render(request, "media_relations/verify.html", {"accreditation": accreditation if shown else None, "status": status},
                  status=200 if shown else 404)


@login_required
@require_POST
def registration_withdraw(request, pk):
    journalist = journalist_of(request.user)
    registration = EventRegistration.objects.filter(pk=pk, journalist=journalist).first() if journalist else None
    if registration is None:
        raise Http404
    registration_cancel(registration=registration, actor=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("media_relations:my-accreditation")
