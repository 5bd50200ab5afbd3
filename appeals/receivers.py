"""What the documents layer tells appeals: an answer letter signed or returned; who may download a case's files."""

from django.dispatch import receiver

from appeals.models import Case
from documents.services.attachments import attachment_access_register
from documents.signals import draft_returned, draft_signed


@receiver(draft_signed)
def _answer_signed(sender, draft, document, actor, **kwargs):
    from appeals.services import case_answer_signed

    case_answer_signed(draft=draft, document=document, actor=actor)


@receiver(draft_returned)
def _answer_returned(sender, draft, actor, comment, **kwargs):
    from appeals.services import case_answer_returned

    case_answer_returned(draft=draft, actor=actor, comment=comment)


attachment_access_register(Case, lambda user, case: Case.objects.visible_to(user).filter(pk=case.pk).exists())
