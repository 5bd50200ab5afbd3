"""Publishing an information answer: only with the requester's consent, a separate copy with the requester's data
and the marked passages removed, each removal shown; the case keeps its own texts."""

import pytest
from django.urls import reverse

from appeals.models import PublishedAnswer
from appeals.publication import answer_publish, redact
from appeals.services import case_answer, case_assign, case_route, case_submit
from core.exceptions import ApplicationError
from documents.models import ApprovalStep
from documents.services.approval import approval_decide
from tests.appeals.conftest import INFO_REQUEST

pytestmark = pytest.mark.django_db

REQUEST = {**INFO_REQUEST, "phone": "+994 50 123 45 67", "address": "Bakı, Nizami küç. 5", "publish_consent": True}


def answered(ministry, staff, imported, **data):
    case, _created = case_submit(organisation=ministry, case_type="information_request", data={**REQUEST, **data})
    case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
    case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
    case = case_answer(actor=staff["info_officer"], case=case,
                       text="Dear Anar Əliyev, the budget is 12 million manat. Call 050 123-45-67 or write to anar@example.az.")
    approval_decide(step=ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting"),
                    actor=staff["info_head"], approve=True)
    case.refresh_from_db()
    return case


def test_the_requester_s_data_and_marked_passages_are_removed_and_counted(ministry, staff, imported):
    case = answered(ministry, staff, imported)
    text, removals = redact(case.answer_text + " The officer [[Rəşad Quliyev]] prepared it.", case)
    assert "Anar" not in text and "Əliyev" not in text and "anar@example.az" not in text and "123-45-67" not in text
    assert "Rəşad" not in text and "12 million manat" in text
    assert removals == 4  # the whole name, the phone written another way, the e-mail, the marked name
    assert text.count("[[removed]]") == removals


def test_publication_needs_consent_and_keeps_the_case_as_it_was(client, ministry, staff, imported):
    refused = answered(ministry, staff, imported, publish_consent=False, email="other@example.az")
    with pytest.raises(ApplicationError) as error:
        answer_publish(actor=staff["info_officer"], case=refused, subject="x", question="x", answer="x")
    assert error.value.code == "no_consent"
    case = answered(ministry, staff, imported)
    with pytest.raises(ApplicationError):
        answer_publish(actor=staff["icd_head"], case=case, subject="Budget", question=case.text, answer=case.answer_text)
    client.force_login(staff["info_officer"])
    staff_page = reverse("appeals:staff-case", args=[case.pk])
    assert 'value="publish"' in client.get(staff_page).content.decode()
    response = client.post(staff_page, {"action": "publish", "subject": "Budget of the programme", "question": case.text,
                                        "answer": case.answer_text})
    assert response.status_code == 302
    published = PublishedAnswer.objects.get(case=case)
    case.refresh_from_db()
    assert "anar@example.az" in case.answer_text and "anar@example.az" not in published.answer
    client.logout()
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("appeals:published-detail", args=[published.pk])).content.decode()
    assert "12 million manat" in page and "personal data removed" in page and "Əliyev" not in page
    assert "Budget of the programme" in client.get(reverse("appeals:published")).content.decode()
    with pytest.raises(ApplicationError):
        answer_publish(actor=staff["info_officer"], case=case, subject="Again", question="x", answer="y")
