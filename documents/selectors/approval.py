"""Reads for the approval chain and outgoing drafts."""

from django.http import Http404

from core.models import User
from documents.models import ApprovalStep, OutgoingDraft
from documents.services.approval import approval_acts_for, approval_current_step, approval_routes

__all__ = ["access_draft", "access_step", "draft_detail", "drafts_of"]


def _may_see_draft(user, draft):
    from units.selectors import user_manages_unit

    if draft.author_id == user.pk or user.is_superuser or user_manages_unit(user=user, unit=draft.unit):
        return True
    approvers = set(ApprovalStep.objects.filter(route__object_id=draft.pk, route__content_type__model="outgoingdraft")
                    .values_list("approver_id", flat=True))
    return user.pk in approvers or any(approval_acts_for(user, approver) for approver in User.objects.filter(pk__in=approvers))


def access_draft(*, user, pk):
    draft = OutgoingDraft.objects.select_related("unit", "author", "document", "in_reply_to").filter(pk=pk).first()
    if draft is None or not _may_see_draft(user, draft):
        raise Http404
    return draft


def access_step(*, user, pk):
    """A step the user decides (as the approver or acting for them); 404 for anyone else."""
    step = ApprovalStep.objects.select_related("route", "approver").filter(pk=pk).first()
    if step is None or not (step.approver_id == user.pk or approval_acts_for(user, step.approver)):
        raise Http404
    return step


def draft_detail(*, user, draft):
    routes = list(approval_routes(draft))
    current = approval_current_step(routes[-1]) if routes and routes[-1].state == "in_progress" else None
    may_decide = current is not None and (current.approver_id == user.pk or approval_acts_for(user, current.approver))
    return {"draft": draft, "routes": routes, "current_step": current if may_decide else None,
            "history": list(draft.history.select_related("history_user").order_by("-history_date")[:30])}


def drafts_of(*, user):
    return OutgoingDraft.objects.filter(author=user).select_related("unit", "document").order_by("-created_at")
