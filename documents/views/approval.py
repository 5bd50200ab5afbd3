"""Pages of the approval chain: my drafts, a draft with its routes, the "to approve" queue, decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_application_error
from documents.forms import ApprovalDecisionForm, ApprovalRouteForm, ApprovalWithdrawForm, DraftForm
from documents.selectors import (
    access_draft,
    access_route,
    access_step,
    approval_panel,
    draft_approvers,
    draft_detail,
    draft_units_for,
    drafts_of,
)
from documents.services.approval import (
    approval_decide,
    approval_item_kind,
    approval_item_url,
    approval_queue,
    approval_withdraw,
)
from documents.services.drafts import draft_save, draft_send_for_approval

__all__ = ["approval_decide_page", "approval_of", "approval_queue_page", "draft_page", "drafts_page"]


@login_required
def drafts_page(request):
    units = draft_units_for(user=request.user)
    form = DraftForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            draft = draft_save(actor=request.user, unit=data["unit"], addressee=data["addressee"], subject=data["subject"],
                               body=data["body"])
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("documents:draft", pk=draft.pk)
    return render(request, "documents/drafts.html", {"form": form, "drafts": drafts_of(user=request.user)},
                  status=400 if form.is_bound else 200)


@login_required
def draft_page(request, pk):
    draft = access_draft(user=request.user, pk=pk)
    editable = draft.author_id == request.user.pk and draft.state in ("draft", "returned")
    edit_form = route_form = None
    status = 200
    if editable:
        edit_form = DraftForm(request.POST if request.POST.get("action") == "edit" else None, units=draft_units_for(user=request.user),
                              initial={"unit": draft.unit.slug, "addressee": draft.addressee, "subject": draft.subject, "body": draft.body})
        route_form = ApprovalRouteForm(request.POST if request.POST.get("action") == "send" else None, people=draft_approvers(draft=draft))
    if request.method == "POST" and editable:
        try:
            if request.POST.get("action") == "edit" and edit_form.is_valid():
                data = edit_form.cleaned_data
                draft_save(actor=request.user, unit=data["unit"], addressee=data["addressee"], subject=data["subject"],
                           body=data["body"], draft=draft)
                messages.success(request, _("The draft is saved."))
                return redirect("documents:draft", pk=draft.pk)
            if request.POST.get("action") == "send" and route_form.is_valid():
                draft_send_for_approval(actor=request.user, draft=draft, visas=route_form.visas(),
                                        signer=route_form.cleaned_data["signer"])
                messages.success(request, _("The draft is sent for approval."))
                return redirect("documents:draft", pk=draft.pk)
        except ApplicationError as error:
            form_add_application_error(route_form if request.POST.get("action") == "send" else edit_form, error)
        status = 400
    context = {**draft_detail(user=request.user, draft=draft), "approval": approval_of(request, draft), "edit_form": edit_form,
               "route_form": route_form}
    return render(request, "documents/draft.html", context, status=status)


def approval_of(request, item):
    """The approval block of an item's page (a letter, a press release, minutes), for documents/_approval.html: every
    version's route, and the decision's form for whoever the waiting step waits for."""
    return {**approval_panel(user=request.user, item=item), "decision_form": ApprovalDecisionForm(),
            "withdraw_form": ApprovalWithdrawForm()}


@login_required
def approval_queue_page(request):
    steps = list(approval_queue(user=request.user))
    for step in steps:
        step.item_url = approval_item_url(step.route)
        step.item_kind = approval_item_kind(step.route)
    return render(request, "documents/approval_queue.html", {"steps": steps})


@login_required
@require_POST
def approval_decide_page(request, pk):
    step = access_step(user=request.user, pk=pk)
    form = ApprovalDecisionForm(request.POST)
    if form.is_valid():
        try:
            approval_decide(step=step, actor=request.user, approve=request.POST.get("decision") == "approve",
                            comment=form.cleaned_data["comment"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your decision is recorded."))
    return redirect(approval_item_url(step.route))


@login_required
@require_POST
def approval_withdraw_page(request, pk):
    route = access_route(user=request.user, pk=pk)
    form = ApprovalWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
    else:
        try:
            approval_withdraw(route=route, actor=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Withdrawn from approval: change it and send it again."))
    return redirect(approval_item_url(route))


@login_required
def draft_letter_pdf(request, pk):
    """The draft as a letter (marked DRAFT until it is signed and numbered), in the reader's language."""
    from documents.selectors import draft_letter_response

    return draft_letter_response(draft=access_draft(user=request.user, pk=pk))


__all__ += ["approval_withdraw_page", "draft_letter_pdf"]
