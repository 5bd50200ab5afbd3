"""The registry's pages: the list with filters and export, registering a document, the document page, and
attachment downloads (served only to those who may see the item)."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.spreadsheets import xlsx_response
from documents.forms import DocumentFilterForm, DocumentRegisterForm
from documents.models import Attachment, CaseFile
from documents.selectors import document_detail, document_list
from documents.services.attachments import attachment_may_download
from documents.services.registry import document_register
from units.selectors import units_user_may_register_for

__all__ = ["attachment_download", "document_page", "document_register_page", "registry"]


def _registerable_units(user):
    return units_user_may_register_for(user=user).order_by("path")


def _without(query, name):
    query = query.copy()
    query.pop(name, None)
    query.pop("format", None)
    return query.urlencode()


@login_required
def registry(request):
    asked = any(name in request.GET for name in DocumentFilterForm.base_fields)  # ?lang= alone filters nothing
    form = DocumentFilterForm(request.GET if asked else None)
    documents = document_list(user=request.user)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["direction"]:
            documents = documents.filter(direction=data["direction"])
        if data["registered_from"]:
            documents = documents.filter(registered_at__date__gte=data["registered_from"])
        if data["registered_to"]:
            documents = documents.filter(registered_at__date__lte=data["registered_to"])
        if data["text"]:
            text = data["text"]
            documents = documents.filter(Q(number__icontains=text) | Q(subject__icontains=text) | Q(correspondent__icontains=text))
    if request.GET.get("format") == "xlsx":
        return xlsx_response("registry.xlsx", [(_("Registry"), [
            _("Number"), _("Registered"), _("Direction"), _("Correspondent"), _("Their number"), _("Subject"), _("Unit"),
            _("State")], [[d.number, timezone.localtime(d.registered_at).replace(tzinfo=None), d.get_direction_display(),
                           d.correspondent, d.correspondent_number, d.subject, d.unit.name, d.get_state_display()]
                          for d in documents[:10000]])])
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "documents/registry.html", {
        "form": form, "page": page, "may_register": request.user.is_superuser or _registerable_units(request.user).exists(),
        "query": request.GET.urlencode(), "page_query": _without(request.GET, "page"),
    }, status=status)


@login_required
def document_register_page(request):
    units = _registerable_units(request.user)
    if not units.exists():
        raise Http404
    organisation_ids = {u.organisation_id for u in units}
    case_files = CaseFile.objects.filter(organisation_id__in=organisation_ids, year=timezone.localdate().year,
                                         closed_at__isnull=True).order_by("index")
    form = DocumentRegisterForm(request.POST or None, request.FILES or None, units=units, case_files=case_files,
                                initial={"idempotency_key": secrets.token_urlsafe(16)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document, created = document_register(
                actor=request.user, unit=data["unit"], direction=data["direction"], subject=data["subject"],
                correspondent=data["correspondent"], correspondent_number=data["correspondent_number"],
                correspondent_date=data["correspondent_date"], summary=data["summary"], access_level=data["access_level"],
                pages=data["pages"], case_file=data["case_file"], attachments=data["attachments"],
                idempotency_key=data["idempotency_key"] or None,
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            if created:
                messages.success(request, _("Registered as %(number)s.") % {"number": document.number})
            return redirect("documents:document", pk=document.pk)
    status = 400 if form.is_bound else 200
    return render(request, "documents/register.html", {"form": form}, status=status)


@login_required
def document_page(request, pk):
    return render(request, "documents/document.html", document_detail(user=request.user, pk=pk))


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), pk=pk)
    if not attachment_may_download(user=request.user, attachment=attachment):
        raise Http404  # the same answer as for a missing file: nothing to enumerate
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.mime_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
