"""The nomenclature and archive page: the transfer list of a unit and year (with export), and disposal acts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.spreadsheets import xlsx_response
from documents.models import CaseFile, DisposalAct
from documents.services.archive import (
    archive_transfer_list,
    archive_transfer_sheets,
    disposal_act_approve,
    disposal_act_create,
)
from units.selectors import units_user_may_register_for, user_manages_unit

__all__ = ["archive_page", "disposal_approve_page", "disposal_create_page"]


def _archive_context(request, unit, year, **extra):
    today = timezone.localdate()
    expired = [f for f in CaseFile.objects.filter(unit__path__startswith=unit.path, closed_at__isnull=False,
                                                   disposed_at__isnull=True).select_related("unit").order_by("year", "index")
               if f.is_expired(today) or f.legal_hold]
    return {"units": units_user_may_register_for(user=request.user).order_by("path"), "unit": unit, "year": year,
            "rows": list(archive_transfer_list(unit=unit, year=year)), "disposable": expired,
            "acts": DisposalAct.objects.filter(unit=unit).prefetch_related("case_files").select_related("approved_by")[:20],
            "may_approve": user_manages_unit(user=request.user, unit=unit), **extra}


def _unit_for(request, slug):
    units = units_user_may_register_for(user=request.user)
    unit = units.filter(slug=slug).first() if slug else units.order_by("path").first()
    if unit is None:
        raise Http404
    return unit


@login_required
def archive_page(request):
    if not units_user_may_register_for(user=request.user).exists():
        return render(request, "documents/archive.html", {"no_units": True})
    unit = _unit_for(request, request.GET.get("unit"))
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    year = min(max(year, 1900), 2200)
    context = _archive_context(request, unit, year)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"archive-transfer-{year}.xlsx", archive_transfer_sheets(rows=context["rows"]))
    return render(request, "documents/archive.html", context)


@login_required
@require_POST
def disposal_create_page(request):
    unit = _unit_for(request, request.POST.get("unit"))
    ids = [int(i) for i in request.POST.getlist("case_files") if i.isdigit() and len(i) < 19]
    case_files = CaseFile.objects.filter(pk__in=ids, unit__path__startswith=unit.path).select_related("unit")
    try:
        disposal_act_create(actor=request.user, unit=unit, case_files=case_files)
    except ApplicationError as error:
        context = _archive_context(request, unit, timezone.localdate().year - 1, disposal_errors=error.fields.get("case_files") or [error.message],
                                   chosen=set(ids))
        return render(request, "documents/archive.html", context, status=400)
    messages.success(request, _("The disposal act is drawn up; a head of the unit approves it."))
    return redirect(f"{request.path.rsplit('disposal', 1)[0]}?unit={unit.slug}")


@login_required
@require_POST
def disposal_approve_page(request, pk):
    act = get_object_or_404(DisposalAct.objects.select_related("unit"), pk=pk, unit__in=units_user_may_register_for(user=request.user))
    try:
        disposal_act_approve(actor=request.user, act=act)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The act is approved; its case files are marked destroyed."))
    return redirect(f"{request.path.rsplit('disposal', 1)[0]}?unit={act.unit.slug}")
