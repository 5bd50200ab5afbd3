"""The press service's pages: applications for accreditation, events and their registrations, press releases,
monitoring (with the import and the monthly report), outlets and journalists, the archive, subscriptions."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.charts import bar_rows
from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from core.selectors import mark_openable
from core.spreadsheets import xlsx_response
from documents.models import ControlCard
from documents.services.attachments import attachment_response, attachments_of
from documents.services.control import control_explain
from documents.views.approval import approval_of
from media_relations.forms import (
    ArchiveItemForm,
    DecisionForm,
    ImportForm,
    JournalistForm,
    MaterialsForm,
    MentionForm,
    OutletForm,
    PressEventForm,
    ReleaseForm,
    SubmitReleaseForm,
    SubscriptionForm,
)
from media_relations.models import (
    Accreditation,
    ArchiveItem,
    Journalist,
    MediaMention,
    MediaOutlet,
    PressRelease,
)
from media_relations.querysets import press_scope
from media_relations.selectors import (
    access_accreditation,
    access_archive_item,
    access_event_staff,
    access_mention,
    access_release_staff,
    accreditation_list,
    archive_list,
    event_list_staff,
    mention_list,
    release_list_staff,
    speaker_choices,
    subscription_list,
)
from media_relations.services.accreditation import (
    accreditation_decide,
    accreditation_revoke,
    journalist_create,
    outlet_create,
)
from media_relations.services.archive import archive_item_create, subscription_save
from media_relations.services.events import (
    attendance_record,
    press_event_add_materials,
    press_event_cancel,
    press_event_invite,
    press_event_save,
    registration_decide,
)
from media_relations.services.mention_import import (
    COLUMNS,
    TEMPLATE_ROWS,
    mentions_import_preview,
    preview_payload,
    preview_rows,
)
from media_relations.services.mentions import (
    mention_create,
    mention_link_answer,
    mention_mark_false,
    mentions_create_many,
    monitoring_month,
    monitoring_report,
    release_choices_for_answer,
)
from media_relations.services.office import press_organisations, runs_press
from media_relations.services.releases import (
    press_release_save,
    press_release_submit,
    press_release_withdraw,
    release_approvers,
)
from units.models import Unit


def _organisations(request):
    organisations = press_organisations(user=request.user)
    if not request.user.is_superuser and not organisations.exists():
        raise Http404
    return organisations


def _posted_id(request, name):
    """An id from the posted form, or 0 (matches nothing) when it is not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) <= 18 else 0


def _act(request, form, action, success):
    """Run `action` (a service call) for a valid form; show its error on the form. Returns True when done."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ApplicationError as error:
        form_add_application_error(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
def office(request):
    organisations = _organisations(request)
    now = timezone.now()
    return render(request, "media_relations/office.html", {
        "organisations": organisations,
        "pending": accreditation_list(user=request.user, state="pending")[:10],
        "events": event_list_staff(user=request.user).filter(ends_at__gte=now).order_by("starts_at")[:5],
        "releases": release_list_staff(user=request.user).exclude(state=PressRelease.State.APPROVED)[:5],
        "false_open": mention_list(user=request.user, only_false=True).filter(response__isnull=True, organisation__in=organisations)[:5],
    })


# --- accreditation ------------------------------------------------------------------------------------------------

@login_required
def accreditations(request):
    _organisations(request)
    state = request.GET.get("state", "pending")
    state = state if state in Accreditation.State.values else ""
    today = timezone.localdate()
    items = list(accreditation_list(user=request.user, state=state)[:200])
    for item in items:
        item.status = item.status_on(today)
    return render(request, "media_relations/accreditations.html", {
        "items": items, "state": state, "states": Accreditation.State.choices})


@login_required
@require_http_methods(["GET", "POST"])
def accreditation(request, pk):
    item = access_accreditation(user=request.user, pk=pk)
    if not Accreditation.objects.visible_to(request.user).filter(pk=item.pk).exists():
        return redirect("media_relations:my-accreditation")  # a journalist's own application: their page
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        services = {
            "approve": (lambda data: accreditation_decide(accreditation=item, actor=request.user, approve=True,
                                                          valid_until=data["valid_until"]), _("Approved.")),
            "refuse": (lambda data: accreditation_decide(accreditation=item, actor=request.user, approve=False,
                                                         reason=data["reason"]), _("Refused.")),
            "revoke": (lambda data: accreditation_revoke(accreditation=item, actor=request.user, reason=data["reason"]),
                       _("Revoked.")),
        }
        if action not in services:
            raise Http404
        if _act(request, form, *services[action]):
            return redirect("media_relations:accreditation", pk=item.pk)
        status = 400
    card = item.control_card
    mark_openable([card], ControlCard.objects.visible_to(request.user))
    return render(request, "media_relations/accreditation.html", {
        "item": item, "status": item.status_on(), "form": form, "documents": attachments_of(item), "card": card,
        "explanation": control_explain(card=card) if card else None,
        "history": item.history.select_related("history_user").order_by("-history_date")[:30]}, status=status)


@login_required
def accreditation_file(request, pk, attachment_pk):
    item = access_accreditation(user=request.user, pk=pk)
    attachment = attachments_of(item).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


# --- events -------------------------------------------------------------------------------------------------------

def _event_form(data, organisations, instance=None):
    return PressEventForm(data, instance=instance, organisations=organisations, speakers=speaker_choices(organisations=organisations))


def _save_event(request, form, event=None):
    data = form.cleaned_data
    organisation = event.organisation if event else data["organisation"]
    values = {field: data[field] for field in ("kind", "title", "topic", "starts_at", "ends_at", "place", "capacity")}
    saved, clashes = press_event_save(actor=request.user, organisation=organisation, values=values, speakers=data["speakers"],
                                      invited_outlets=data["invited_outlets"], event=event)
    for clash in clashes:
        messages.warning(request, _("%(official)s has another engagement then: %(title)s.") % {
            "official": clash.official, "title": _(clash.title)})
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def events(request):
    organisations = _organisations(request)
    form = _event_form(request.POST or None, organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                event = _save_event(request, form)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("The event is planned."))
                return redirect("media_relations:event-manage", pk=event.pk)
    return render(request, "media_relations/events_office.html", {
        "events": event_list_staff(user=request.user)[:100], "form": form, "now": timezone.now()}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_manage(request, pk):
    event = access_event_staff(user=request.user, pk=pk)
    organisations = _organisations(request)
    form = _event_form(request.POST if request.POST.get("action") == "edit" else None, organisations, instance=event)
    materials_form = MaterialsForm(*((request.POST, request.FILES) if request.POST.get("action") == "materials" else ()))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "edit":
                if form.is_valid():
                    _save_event(request, form, event)
                    messages.success(request, _("Saved."))
                    return redirect("media_relations:event-manage", pk=event.pk)
                status = 400
            elif action in ("confirm", "decline"):
                registration = event.registrations.all().filter(pk=_posted_id(request, "registration")).first()
                if registration is None:
                    raise Http404
                registration_decide(registration=registration, actor=request.user, confirm=action == "confirm")
                messages.success(request, _("Done."))
                return redirect("media_relations:event-manage", pk=event.pk)
            elif action == "attendance":
                attendance_record(event=event, actor=request.user, attended_ids=[
                    pk for pk in request.POST.getlist("attended") if pk.isdigit()])
                messages.success(request, _("Attendance is recorded."))
                return redirect("media_relations:event-manage", pk=event.pk)
            elif action == "invite":
                count = press_event_invite(event=event, actor=request.user)
                messages.success(request, ngettext("Invitation written to %(count)d address.", "Invitations written to %(count)d addresses.", count) % {"count": count})
                return redirect("media_relations:event-manage", pk=event.pk)
            elif action == "cancel":
                press_event_cancel(event=event, actor=request.user)
                messages.success(request, _("The event is cancelled; the registered journalists are told."))
                return redirect("media_relations:event-manage", pk=event.pk)
            elif action == "materials":
                if materials_form.is_valid():
                    press_event_add_materials(event=event, actor=request.user, uploads=materials_form.cleaned_data["materials"])
                    messages.success(request, _("Materials added."))
                    return redirect("media_relations:event-manage", pk=event.pk)
                status = 400
            else:
                raise Http404
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
    registrations = list(event.registrations.all())
    return render(request, "media_relations/event_manage.html", {
        "event": event, "form": form, "materials_form": materials_form, "registrations": registrations, "materials": attachments_of(event),
        "confirmed": sum(1 for r in registrations if r.state == "confirmed"), "started": event.starts_at <= timezone.now(),
        "history": event.history.select_related("history_user").order_by("-history_date")[:20]}, status=status)


# --- releases -----------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def releases(request):
    organisations = _organisations(request)
    original = None
    if translate := request.GET.get("translate") or request.POST.get("translate"):
        original = access_release_staff(user=request.user, pk=int(translate) if translate.isdigit() and len(translate) <= 18 else 0)
    initial = {"organisation": original.organisation_id} if original else {}
    form = ReleaseForm(request.POST or None, organisations=organisations, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                release = press_release_save(actor=request.user, organisation=original.organisation if original else data["organisation"],
                                             values={k: data[k] for k in ReleaseForm.Meta.fields}, original=original)
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("The draft is saved."))
                return redirect("media_relations:release", pk=release.pk)
    return render(request, "media_relations/releases_office.html", {
        "releases": release_list_staff(user=request.user)[:100], "form": form, "original": original}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def release(request, pk):
    item = access_release_staff(user=request.user, pk=pk)
    edit_form = ReleaseForm(request.POST if request.POST.get("action") == "edit" else None, instance=item,
                            organisations=_organisations(request))
    submit_form = SubmitReleaseForm(request.POST if request.POST.get("action") == "submit" else None,
                                    approvers=release_approvers(organisation_id=item.organisation_id))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        done = False
        if action == "edit":
            done = _act(request, edit_form, lambda data: press_release_save(
                actor=request.user, organisation=item.organisation, release=item,
                values={k: data[k] for k in ReleaseForm.Meta.fields}), _("Saved."))
        elif action == "submit":
            done = _act(request, submit_form, lambda data: press_release_submit(release=item, actor=request.user,
                                                                              approver=data["approver"]),
                        _("Sent for approval."))
        elif action == "withdraw":
            try:
                press_release_withdraw(release=item, actor=request.user)
                messages.success(request, _("Withdrawn from the site."))
                done = True
            except ApplicationError as error:
                messages.error(request, error.message)
        else:
            raise Http404
        if done:
            return redirect("media_relations:release", pk=item.pk)
        status = 400
    group = item.group_id
    family = PressRelease.objects.filter(Q(pk=group) | Q(original_id=group)).exclude(pk=item.pk).order_by("language")
    missing = [choice for choice in PressRelease.Language.choices
               if choice[0] != item.language and choice[0] not in {r.language for r in family}]
    return render(request, "media_relations/release_office.html", {
        "release": item, "edit_form": edit_form, "submit_form": submit_form, "approval": approval_of(request, item),
        "family": family, "missing_languages": missing, "now": timezone.now(),
        "public": PressRelease.objects.published().filter(pk=item.pk).exists(),  # scheduled or embargoed: not yet
        "history": item.history.select_related("history_user").order_by("-history_date")[:20]}, status=status)


# --- monitoring ---------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def mentions(request):
    organisations = _organisations(request)
    form = MentionForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                mention = mention_create(actor=request.user, organisation=data["organisation"], units=data["units"],
                                         values={k: data[k] for k in MentionForm.Meta.fields if k != "units"})
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Recorded.") + (" " + _("A controlled response is opened.") if mention.is_false else ""))
                return redirect("media_relations:mentions")
    try:
        day = date.fromisoformat(request.GET.get("published_on", ""))
    except ValueError:
        day = None  # a date the browser did not send in ISO form: the list unfiltered by day
    items = mention_list(user=request.user, published_on=day, tone=request.GET.get("tone"), only_false=request.GET.get("false") == "1")
    return render(request, "media_relations/mentions.html", {
        "mentions": items[:100], "form": form, "tones": MediaMention.Tone.choices, "filters": request.GET}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def mention(request, pk):
    item = access_mention(user=request.user, pk=pk)
    answers = release_choices_for_answer(organisation_id=item.organisation_id)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "false":
                mention_mark_false(mention=item, actor=request.user)
                messages.success(request, _("A controlled response is opened."))
            elif request.POST.get("action") == "answer":
                release = answers.model.objects.filter(pk=_posted_id(request, "release"), organisation_id=item.organisation_id).first()
                if release is None:
                    raise ApplicationError(_("Choose the release that answers it."))
                mention_link_answer(mention=item, actor=request.user, release=release)
                messages.success(request, _("The answer is linked; the response is closed."))
            else:
                raise Http404
            return redirect("media_relations:mention", pk=item.pk)
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
    card = item.control_card
    mark_openable([card], ControlCard.objects.visible_to(request.user))
    return render(request, "media_relations/mention.html", {
        "mention": item, "card": card, "explanation": control_explain(card=card) if card else None, "answers": answers,
        "response_public": bool(item.response_id) and PressRelease.objects.published().filter(pk=item.response_id).exists(),
        "runs_press": runs_press(user=request.user, organisation_id=item.organisation_id),
        "history": item.history.select_related("history_user").order_by("-history_date")[:20]}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def mentions_import(request):
    organisations = _organisations(request)
    if request.GET.get("template") == "xlsx":
        return xlsx_response("mentions-template.xlsx", [(_("Mentions"), TEMPLATE_ROWS[0], TEMPLATE_ROWS[1:])])
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    rows, payload, status = None, "", 200
    if request.method == "POST" and request.POST.get("payload"):
        organisation = organisations.filter(pk=_posted_id(request, "organisation")).first()
        try:
            if organisation is None:
                raise ApplicationError(_("Choose the organisation."))
            created = mentions_create_many(actor=request.user, organisation=organisation, rows=preview_rows(request.POST["payload"]))
        except ApplicationError as error:
            messages.error(request, error.message)
            status = 400
        else:
            messages.success(request, _("%(count)d mentions imported.") % {"count": len(created)})
            return redirect("media_relations:mentions")
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                rows = mentions_import_preview(organisation=form.cleaned_data["organisation"], upload=form.cleaned_data["file"])
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                payload, status = preview_payload(rows), 200
    return render(request, "media_relations/mentions_import.html", {
        "form": form, "rows": rows, "payload": payload, "columns": COLUMNS,
        "good": sum(1 for row in rows or () if not row["errors"]), "bad": sum(1 for row in rows or () if row["errors"]),
        "organisation": form.cleaned_data.get("organisation") if rows is not None else None}, status=status)


@login_required
def mentions_report(request):
    organisations = _organisations(request)
    today = timezone.localdate()
    month, end = monitoring_month(request.GET.get("month"))
    scope = press_scope(request.user)
    report = monitoring_report(organisation_ids=scope if scope is not None else None, start=month, end=end)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"monitoring-{month:%Y-%m}.xlsx", [
            (_("By tone"), [_("Tone"), _("Mentions")], [(label, count) for label, count, _code in report["tone"]]),
            (_("By outlet"), [_("Outlet"), _("Mentions")], report["outlet"]),
            (_("By topic"), [_("Topic"), _("Mentions")], report["topic"]),
        ])
    charts = [
        (_("By tone"), bar_rows([{"label": label, "count": count} for label, count, _code in report["tone"]])),
        (_("By outlet"), bar_rows([{"label": label, "count": count} for label, count in report["outlet"]])),
        (_("By topic"), bar_rows([{"label": label, "count": count} for label, count in report["topic"]])),
    ]
    return render(request, "media_relations/mentions_report.html", {
        "report": report, "charts": charts, "month": month, "organisations": organisations,
        "previous": (month - timedelta(days=1)).strftime("%Y-%m"), "next": (end + timedelta(days=1)).strftime("%Y-%m")
        if end < today else ""})


# --- registers ----------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def outlets(request):
    _organisations(request)
    adding = request.POST.get("add") if request.method == "POST" else None
    # both forms have an e-mail and a phone: each its own ids, so a label names its own field
    form = OutletForm(request.POST if adding == "outlet" else None, auto_id="id_outlet_%s")
    journalist_form = JournalistForm(request.POST if adding == "journalist" else None, auto_id="id_journalist_%s")
    status = 200
    if adding == "outlet":
        status = 400
        if _act(request, form, lambda data: outlet_create(actor=request.user, values=data), _("The outlet is added.")):
            return redirect("media_relations:outlets")
    elif adding == "journalist":
        status = 400
        if _act(request, journalist_form, lambda data: journalist_create(actor=request.user, **data), _("The journalist is added.")):
            return redirect("media_relations:outlets")
    elif request.method == "POST":
        raise Http404
    query = request.GET.get("q", "").strip()[:100]
    rows = MediaOutlet.objects.annotate(journalist_count=Count("journalists")).order_by("name")
    if query:
        rows = rows.filter(name__icontains=query)
    return render(request, "media_relations/outlets.html", {
        "outlets": rows[:200], "form": form, "journalist_form": journalist_form, "query": query,
        "journalists": Journalist.objects.select_related("outlet", "user").order_by("full_name")[:200]}, status=status)


@require_http_methods(["GET", "POST"])
def archive(request):
    # one archive for every reader, by access level: the public, staff, the press service (which also adds to it)
    organisations = press_organisations(user=request.user) if request.user.is_authenticated else Unit.objects.none()
    runs = request.user.is_superuser or organisations.exists()
    form = ArchiveItemForm(request.POST or None, request.FILES or None, organisations=organisations) if runs else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = archive_item_create(actor=request.user, organisation=data["organisation"], files=data["files"],
                                           values={k: data[k] for k in ArchiveItemForm.Meta.fields})
            except ApplicationError as error:
                form_add_application_error(form, error)
            else:
                messages.success(request, _("Added to the archive."))
                return redirect("media_relations:archive-item", pk=item.pk)
    query, kind = request.GET.get("q", "").strip()[:100], request.GET.get("kind", "")
    return render(request, "media_relations/archive.html", {
        "items": archive_list(user=request.user, query=query, kind=kind)[:60], "form": form, "query": query, "kind": kind,
        "kinds": ArchiveItem.Kind.choices}, status=status)


def archive_item(request, pk):
    item = access_archive_item(user=request.user, pk=pk)
    return render(request, "media_relations/archive_item.html", {"item": item, "files": attachments_of(item)})


def archive_file(request, pk, attachment_pk):
    item = access_archive_item(user=request.user, pk=pk)
    attachment = attachments_of(item).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


def archive_thumbnail(request, pk):
    item = access_archive_item(user=request.user, pk=pk)
    if not item.thumbnail:
        raise Http404
    return FileResponse(item.thumbnail.open("rb"), content_type="image/jpeg")


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    organisations = _organisations(request)
    form = SubscriptionForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        status = 400
        if _act(request, form, lambda data: subscription_save(actor=request.user, organisation=data["organisation"],
                                                              values={k: data[k] for k in SubscriptionForm.Meta.fields}),
                _("Saved.")):
            return redirect("media_relations:subscriptions")
    today = timezone.localdate()
    return render(request, "media_relations/subscriptions.html", {
        "subscriptions": subscription_list(user=request.user), "form": form, "today": today,
        "soon": today + timedelta(days=30)}, status=status)

