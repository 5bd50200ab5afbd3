"""What the documents layer tells appeals: an answer letter signed or returned; who may download a case's files;
where a case's control card points (every step of its term is the case's own: it tells the citizen)."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from appeals.models import Case
from documents.services.attachments import attachment_access_register
from documents.services.control import control_item_register
from documents.signals import draft_returned, draft_signed


@receiver(draft_signed)
def _answer_signed(sender, draft, document, actor, **kwargs):
    from appeals.services import case_answer_signed

    case_answer_signed(draft=draft, document=document, actor=actor)


@receiver(draft_returned)
def _answer_returned(sender, draft, actor, comment, withdrawn=False, **kwargs):
    from appeals.services import case_answer_returned

    case_answer_returned(draft=draft, actor=actor, comment=comment, withdrawn=withdrawn)


attachment_access_register(Case, lambda user, case: Case.objects.visible_to(user).filter(pk=case.pk).exists())
control_item_register(Case, owned={"extend", "pause", "resume", "report", "close", "cancel"},
                      place=lambda case: (_("Case %(number)s") % {"number": case.number}, reverse("appeals:staff-case", args=[case.pk])),
                      visible=Case.objects.visible_to)
