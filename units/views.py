from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.ratelimit import rate_limit
from units.forms import RegulationUploadForm
from units.importer.parse import parse_text
from units.models import Regulation
from units.selectors import clause_search, unit_detail, unit_tree
from units.services import regulation_import_many


def tree(request):
    return render(request, "units/tree.html", {"units": unit_tree()})


def detail(request, slug):
    return render(request, "units/detail.html", unit_detail(slug=slug))


@rate_limit("search")
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = list(clause_search(query=query)) if query else []
    return render(request, "units/search.html", {"query": query, "results": results})


def regulation_source(request, pk):
    regulation = get_object_or_404(Regulation, pk=pk)
    return HttpResponse(regulation.source_text, content_type="text/plain; charset=utf-8")


@login_required
@permission_required("units.add_regulation", raise_exception=True)
@rate_limit("regulation_preview", methods=("POST",))
def regulation_upload(request):
    """Upload or paste a regulation, see what the importer makes of it, then confirm. A rejected upload or
    import answers 400 with the form as it was sent."""
    form = RegulationUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    status = 400 if form.is_bound and not form.is_valid() else 200
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        organisation = form.cleaned_data["organisation"] or None
        parsed = parse_text(text, organisation=organisation)
        if "confirm" in request.POST:
            try:
                imported = regulation_import_many(sources=[("upload", text, parsed)], actor=request.user,
                                                  applies_to=list(form.cleaned_data["applies_to"]))
            except ApplicationError as error:
                messages.error(request, error.message)
                status = 400
            else:
                for _name, saved, summary in imported:
                    messages.success(request, _("%(title)s: %(created)d new, %(updated)d changed, %(repealed)d repealed clauses.") % {
                        "title": saved.title[:80], **summary})
                return redirect("units:tree")
        # the preview keeps the text in the form, so nothing typed or uploaded is lost
        form = RegulationUploadForm(initial={"text": text, "organisation": form.cleaned_data["organisation"],
                                             "applies_to": form.cleaned_data["applies_to"]})
        context = {"form": form, "preview": [p.as_json() for p in parsed], "text": text}
    return render(request, "units/upload.html", context, status=status)
