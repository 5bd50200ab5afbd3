"""The official's own agenda page (engagements, clashes, the secret feed link) and the iCalendar feed itself."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from units.agenda import agenda_feed_for, agenda_feed_renew, agenda_feed_user, agenda_ical, agenda_of


@login_required
@require_http_methods(["GET", "POST"])
def my_agenda(request):
    if request.method == "POST":
        agenda_feed_renew(user=request.user)
        messages.success(request, _("A new link is made; the old one no longer works."))
        return redirect("agenda:mine")
    feed = agenda_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("agenda:feed", args=[feed.token]))
    return render(request, "units/agenda.html", {"entries": agenda_of(user=request.user), "feed_url": feed_url})


def feed(request, token):
    user = agenda_feed_user(token=token)
    response = HttpResponse(agenda_ical(user=user, portal_name=str(settings.PORTAL_NAME)), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
