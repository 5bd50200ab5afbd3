"""The staff learn what needs them without watching the lists: a case routed to their unit, a case assigned to
them, a citizen's reply or objection, their answer letter signed or returned."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from appeals.models import Case
from appeals.services import case_answer, case_ask_clarification, case_card, case_contest, case_reply
from core.i18n import deferred_text
from core.models import Notification, OutboundEmail
from documents.models import ApprovalStep
from documents.services.approval import approval_decide
from tests.appeals.test_outcomes import in_progress, sign

pytestmark = pytest.mark.django_db


def notices(user):
    return [(deferred_text(n.message["title"]), n.body, n.url) for n in Notification.objects.filter(recipient=user).order_by("id")]


def test_the_head_hears_of_a_case_for_the_unit_and_the_officer_of_the_case_given_to_them_with_its_term(ministry, staff, imported):
    with translation.override("en"):
        case = in_progress(ministry, staff, imported)
        url = reverse("appeals:staff-case", args=[case.pk])
        assert notices(staff["info_head"]) == [(f"A citizen's case for your unit: {case.number}", case.subject, url)]
        [(title, body, link)] = notices(staff["info_officer"])
        due = timezone.localtime(case_card(case).due)
        assert (title, link) == (f"A citizen's case for you: {case.number}", url)
        assert body.startswith(case.subject) and due.strftime("%Y") in body and str(due.day) in body
        assert OutboundEmail.objects.filter(to=[staff["info_officer"].email], subject=title).exists()
    assert notices(staff["clerk"]) == []  # the registry routed it: it is told nothing of its own act


def test_the_officer_hears_the_citizen_s_reply_and_objection_and_the_fate_of_the_answer_letter(ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    officer, head = staff["info_officer"], staff["info_head"]
    case_ask_clarification(actor=officer, case=case, question="Which bank?")
    case_reply(case=case, text="Kapital Bank")
    with translation.override("ru"):  # each notice reads in the reader's language of the day
        assert notices(officer)[-1][:2] == (f"Гражданин ответил: {case.number}", "Kapital Bank")

    case = case_answer(actor=officer, case=Case.objects.get(pk=case.pk), text="Paid on 3 November.")
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    approval_decide(step=step, actor=head, approve=False, comment="Name the payment order")
    with translation.override("en"):
        title, body, link = notices(officer)[-1]
        assert (title, body, link) == (f"Your letter is returned: {case.answer_draft.subject}", "Name the payment order",
                                       reverse("documents:draft", args=[case.answer_draft_id]))
    case = sign(case_answer(actor=officer, case=Case.objects.get(pk=case.pk), text="Paid on 3 November, order 17."), head)
    with translation.override("en"):
        assert notices(officer)[-1][0] == f"Your letter is signed: {case.answer_draft.document.number}"

    heads_before = len(notices(head))
    case_contest(case=case, text="Nothing arrived")
    with translation.override("en"):
        for user in (officer, head):  # the executor who answered and the head of the unit
            assert notices(user)[-1][:2] == (f"The citizen contests the answer: {case.number}", "Nothing arrived")
    assert len(notices(head)) == heads_before + 1
