"""Outgoing letters: drafted by an officer, approved through the chain, registered by the signature."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.exceptions import ApplicationError, PermissionDeniedError, fail
from core.history import history_reason
from core.i18n import deferred
from core.services.notifications import notification_send
from documents.models import ApprovalStep, OutgoingDraft
from documents.services.approval import approval_register, approval_start
from documents.services.registry import document_register
from documents.signals import draft_returned, draft_signed


def draft_save(*, actor, unit, addressee, subject, body, in_reply_to=None, draft=None):
    """Create a draft, or edit one that is not in approval (a returned draft becomes the next version)."""
    from documents.selectors.approval import draft_units_for

    if not actor.is_superuser and not draft_units_for(user=actor).filter(pk=unit.pk).exists():
        raise PermissionDeniedError(_("Drafts are written by the unit's staff."))
    for field, value in (("addressee", addressee), ("subject", subject), ("body", body)):
        if not (value or "").strip():
            fail(field, _("This field is required."))
    with transaction.atomic():
        if draft is None:
            draft = OutgoingDraft(unit=unit, author=actor)
        elif draft.state in (OutgoingDraft.State.IN_APPROVAL, OutgoingDraft.State.SIGNED):
            raise ApplicationError(_("A draft in approval or signed cannot be changed."), code="draft_locked")
        elif draft.author_id != actor.pk:
            raise PermissionDeniedError(_("Only the author edits the draft."))
        elif draft.state == OutgoingDraft.State.RETURNED:
            draft.version += 1
            draft.state = OutgoingDraft.State.DRAFT
        draft.addressee, draft.subject, draft.body, draft.in_reply_to = addressee.strip(), subject.strip(), body.strip(), in_reply_to
        draft._history_user = actor
        draft.save()
    return draft


def draft_send_for_approval(*, actor, draft, visas, signer):
    """Start the route: visas in the order given, the signer last."""
    if draft.author_id != actor.pk:
        raise PermissionDeniedError(_("Only the author sends the draft for approval."))
    if draft.state not in (OutgoingDraft.State.DRAFT,):
        raise ApplicationError(_("Only a draft can be sent for approval; edit a returned one first."), code="draft_state")
    with transaction.atomic():
        approval_start(item=draft, actor=actor, steps=[*[(ApprovalStep.Kind.VISA, user) for user in visas],
                                                       (ApprovalStep.Kind.SIGNATURE, signer)])
        draft.state = OutgoingDraft.State.IN_APPROVAL
        draft._history_user = actor
        draft._change_reason = history_reason(gettext_noop("Sent for approval, version %(version)d"), version=draft.version)
        draft.save(update_fields=["state"])
    return draft


def _signed(draft, actor):
    document, _created = document_register(actor=actor, unit=draft.unit, direction="outgoing", subject=draft.subject,
                                           correspondent=draft.addressee, summary=draft.body, in_reply_to=draft.in_reply_to)
    draft.state, draft.document = OutgoingDraft.State.SIGNED, document
    draft._history_user = actor
    draft._change_reason = history_reason(gettext_noop("Signed and registered as %(number)s"), number=document.number)
    draft.save(update_fields=["state", "document"])
    draft_signed.send(sender=OutgoingDraft, draft=draft, document=document, actor=actor)
    _tell_the_author(draft, actor, deferred(gettext_noop("Your letter is signed: %(number)s"), number=document.number), draft.subject)


def _rejected(draft, actor, comment, *, withdrawn=False):
    draft.state = OutgoingDraft.State.RETURNED
    draft._history_user = actor
    draft._change_reason = history_reason(gettext_noop("Withdrawn from approval: %(comment)s") if withdrawn
                                          else gettext_noop("Returned: %(comment)s"), comment=comment[:200])
    draft.save(update_fields=["state"])
    draft_returned.send(sender=OutgoingDraft, draft=draft, actor=actor, comment=comment, withdrawn=withdrawn)
    _tell_the_author(draft, actor, deferred(gettext_noop("Your letter is returned: %(subject)s"), subject=draft.subject), comment)


def _tell_the_author(draft, actor, title, body):
    """The letter's author learns its fate (in the inbox and by e-mail): a returned one waits for them."""
    notification_send(recipient=draft.author, kind="documents.draft", title=title, body=body,
                      url=reverse("documents:draft", args=[draft.pk]), actor=actor)


approval_register(OutgoingDraft, signed=_signed, rejected=_rejected,
                  url=lambda pk: reverse("documents:draft", args=[pk]))
