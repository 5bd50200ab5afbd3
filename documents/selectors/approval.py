"""Reads for the approval chain and outgoing drafts."""

from django.http import Http404
from django.utils.text import capfirst

from core.models import User
from documents.models import ApprovalRoute, ApprovalStep, OutgoingDraft
from documents.services.approval import approval_acts_for, approval_routes

__all__ = ["access_draft", "access_route", "access_step", "approval_panel", "draft_approvers", "draft_detail", "draft_letter",
           "draft_letter_response", "draft_origin", "draft_origin_register", "draft_units_for", "drafts_of"]

# the apps that write their letters as drafts (a case's answer, a visit's note) say what a draft was written for
_ORIGINS = []


def draft_origin_register(resolver):
    """`resolver(user=, draft_id=)` returns {"kind", "label", "url"} when the draft is that app's letter and the user
    may open what it was written for, else None: the approver reads the letter beside the case it answers."""
    _ORIGINS.append(resolver)


def draft_origin(*, user, draft_id):
    for resolver in _ORIGINS:
        origin = resolver(user=user, draft_id=draft_id)
        if origin:
            return origin
    return None


def access_draft(*, user, pk):
    draft = OutgoingDraft.objects.visible_to(user).select_related("unit", "author", "document", "in_reply_to").filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def access_route(*, user, pk):
    """A route the user sent for approval (theirs to withdraw); 404 for anyone else."""
    route = ApprovalRoute.objects.filter(pk=pk, created_by=user).first()
    if route is None:
        raise Http404
    return route


def access_step(*, user, pk):
    """A step the user decides (as the approver or acting for them); 404 for anyone else."""
    step = ApprovalStep.objects.select_related("route", "approver").filter(pk=pk).first()
    if step is None or not (step.approver_id == user.pk or approval_acts_for(user, step.approver)):
        raise Http404
    return step


def approval_panel(*, user, item):
    """What an item's page shows of its approval (a letter, a press release, minutes): every version's route with its
    steps, the waiting step when the user decides it (as its approver or acting for them), and the route in approval
    when the user sent it (theirs to withdraw)."""
    routes = list(approval_routes(item))
    live = routes[-1] if routes and routes[-1].state == ApprovalRoute.State.IN_PROGRESS else None
    current = next((step for step in live.steps.all() if step.state == ApprovalStep.State.WAITING), None) if live else None
    may_decide = current is not None and (current.approver_id == user.pk or approval_acts_for(user, current.approver))
    return {"routes": routes, "current_step": current if may_decide else None,
            "withdrawable": live if live is not None and live.created_by_id == user.pk else None}


def draft_detail(*, user, draft):
    return {"draft": draft, "origin": draft_origin(user=user, draft_id=draft.pk),
            "history": list(draft.history.select_related("history_user").order_by("-history_date")[:30])}


def draft_units_for(*, user):
    """The units a user may write drafts for: their own and the units below them."""
    from units.models import Unit

    units = Unit.objects.none()
    for path in user.memberships.values_list("position__unit__path", flat=True):
        units |= Unit.objects.filter(path__startswith=path)
    return units.order_by("path")


def draft_approvers(*, draft):
    """Who may visa or sign: the staff of the draft's organisation."""
    organisation_path = draft.unit.path.split(".", 1)[0] + "."
    return (User.objects.filter(memberships__position__unit__path__startswith=organisation_path, is_active=True)
            .distinct().order_by("last_name", "first_name"))


def drafts_of(*, user):
    return OutgoingDraft.objects.filter(author=user).select_related("unit", "document").order_by("-created_at")


def _signed_as(signer, organisation):
    """The post a signature block names: the signer's managing post (a minister signs as "Minister"), else any post
    they hold; None for someone who holds none."""
    from units.models import Membership
    from units.selectors import managing_position

    position = managing_position(user=signer, organisation=organisation)
    if position is None:
        membership = Membership.objects.current().filter(user=signer).select_related("position__unit").first()
        position = membership.position if membership else None
    return position


def draft_letter(*, draft):
    """The draft (or the signed letter it became) as a Letter for the PDF renderer."""
    from documents.models import ApprovalRoute, ApprovalStep
    from documents.services.letters import Letter

    signature = (ApprovalStep.objects.filter(route__object_id=draft.pk, route__content_type__model="outgoingdraft",
                                             route__state=ApprovalRoute.State.APPROVED, kind=ApprovalStep.Kind.SIGNATURE)
                 .select_related("decided_by").first())
    signer = signature.decided_by if signature else None
    organisation = draft.unit.organisation
    position = _signed_as(signer, organisation) if signer else None
    document, reply_to = draft.document, draft.in_reply_to
    return Letter(
        organisation=organisation.display_name, unit=draft.unit.display_name if draft.unit.parent_id else "",
        addressee=draft.addressee, subject=draft.subject, body=draft.body,
        number=document.number if document else "", date=document.registered_at.date() if document else None,
        their_number=(reply_to.correspondent_number or reply_to.number) if reply_to else "",
        their_date=(reply_to.correspondent_date or reply_to.registered_at.date()) if reply_to else None,
        signer_name=str(signer) if signer else "",
        signer_title=f"{capfirst(position.kind_title)}, {position.unit.display_name}" if position else "",
    )


def draft_letter_response(*, draft):
    """The draft's letter as a PDF response, named by its registration number once it has one."""
    from documents.services.letters import letter_pdf_response

    return letter_pdf_response(draft_letter(draft=draft),
                               filename=f"letter-{draft.document.number if draft.document else f'draft-{draft.pk}'}")
