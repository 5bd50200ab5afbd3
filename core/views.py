import mimetypes

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.front_door import public_services
from core.health import broker_status, database_status
from core.models import ApiToken, PortalIdentity
from core.navigation import signed_in_audiences
from core.services.notifications import notification_mark_read
from core.services.tokens import api_token_create, api_token_revoke
from core.waiting import waiting_for


def home(request):
    return render(request, "core/home.html", {"services": public_services()})


@login_required
def staff_home(request):
    """A signed-in person's desk: what waits for them (counts with links), then the inbox."""
    inbox = request.user.notifications.all()
    if request.GET.get("show") == "unread":
        inbox = inbox.filter(read_at__isnull=True)
    page = Paginator(inbox, 20).get_page(request.GET.get("page"))
    return render(request, "core/staff_home.html", {"page": page, "show": request.GET.get("show", "all"),
                                                    "waiting": waiting_for(request.user, signed_in_audiences(request))})


@login_required
@require_POST
def notifications_mark_read(request):
    ids = request.POST.getlist("notification")
    count = notification_mark_read(user=request.user, notification_ids=[int(i) for i in ids if i.isdigit()] or None)
    messages.success(request, ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count) % {"count": count})
    return redirect("core:staff-home")


@never_cache
def healthz(request):
    database, broker = database_status(), broker_status()
    healthy = database["ok"] and broker["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, help_text=gettext_lazy("The system that will use it, e.g. “e-gov gateway”."))
    days = forms.TypedChoiceField(label=gettext_lazy("Valid for"), coerce=int, initial=90, choices=[
        (30, gettext_lazy("30 days")), (90, gettext_lazy("90 days")), (180, gettext_lazy("180 days")), (365, gettext_lazy("one year"))])


@login_required
def api_tokens(request):
    """The user's API tokens: create one (shown once), see when each was last used, revoke."""
    form = ApiTokenForm(request.POST or None)
    created_text, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, created_text = api_token_create(user=request.user, name=form.cleaned_data["name"],
                                                        days=form.cleaned_data["days"])
            except ApplicationError as error:
                form_add_application_error(form, error)
                status = 400
            else:
                form = ApiTokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "core/api_tokens.html", {"form": form, "tokens": tokens, "created_text": created_text,
                                                    "now": timezone.now()}, status=status)


@login_required
@require_POST
def api_token_revoke_page(request, token_key):
    if api_token_revoke(user=request.user, token_key=token_key):
        messages.success(request, _("The token is revoked; programs using it are refused from now on."))
    return redirect("core:api-tokens")


def emblem(request):
    """The organisation's emblem as uploaded in the admin (its address carries a version, so it is cached long)."""
    identity = PortalIdentity.objects.filter(pk=1).first()
    if identity is None or not identity.emblem:
        return redirect(static("img/emblem.svg"))
    content_type = mimetypes.guess_type(identity.emblem.name)[0] or "application/octet-stream"
    response = FileResponse(identity.emblem.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the emblem answers."""
    return redirect(static("img/emblem.svg"), permanent=True)
