from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.health import broker_status, database_status
from core.ratelimit import rate_limit
from core.services.notifications import notification_mark_read


@rate_limit("pages")
def home(request):
    return render(request, "core/home.html")


@login_required
def staff_home(request):
    inbox = request.user.notifications.all()
    if request.GET.get("show") == "unread":
        inbox = inbox.filter(read_at__isnull=True)
    page = Paginator(inbox, 20).get_page(request.GET.get("page"))
    return render(request, "core/staff_home.html", {"page": page, "show": request.GET.get("show", "all")})


@login_required
@require_POST
def notifications_mark_read(request):
    ids = request.POST.getlist("notification")
    count = notification_mark_read(user=request.user, notification_ids=[int(i) for i in ids if i.isdigit()] or None)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("core:staff-home")


@never_cache
def healthz(request):
    database, broker = database_status(), broker_status()
    healthy = database["ok"] and broker["ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )
