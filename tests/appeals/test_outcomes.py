"""Every outcome of a case with its statutory notice term, extra study and extension with notice, the citizen's
objection that reopens the case, repeated-appeal detection and the clerk's registration of paper cases."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from appeals.models import Case, CaseMessage, ExternalBody
from appeals.repeats import repeat_summary
from appeals.selectors import answer_files
from appeals.services import (
    case_answer,
    case_ask_clarification,
    case_assign,
    case_card,
    case_contest,
    case_extend,
    case_extra_study,
    case_route,
    case_submit,
)
from core.exceptions import ApplicationError, PermissionDeniedError
from core.models import OutboundEmail
from documents.models import ApprovalStep
from documents.services.approval import approval_decide
from documents.services.calendar import calendar_for
from tests.appeals.conftest import APPEAL, INFO_REQUEST

pytestmark = pytest.mark.django_db


def in_progress(ministry, staff, imported, *, case_type="appeal", data=APPEAL, received_at=None):
    case, _created = case_submit(organisation=ministry, case_type=case_type, data=data, received_at=received_at)
    case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
    return case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])


def sign(case, head):
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    approval_decide(step=step, actor=head, approve=True)
    return Case.objects.get(pk=case.pk)


def working_days_after(moment, days):
    day = timezone.localdate(moment)
    return calendar_for("AZ", around=day).add_working_days(day, days)


@pytest.fixture
def body(db):
    return ExternalBody.objects.create(name="Dövlət Sosial Müdafiə Fondu", email="fond@example.az", address="Bakı")


@pytest.mark.parametrize(("case_type", "data", "policy", "days"), [
    ("appeal", APPEAL, "appeal.forward", 3), ("information_request", INFO_REQUEST, "inforequest.forward", 5)])
def test_forwarding_runs_on_its_own_notice_term_and_tells_the_citizen_and_the_body(ministry, staff, imported, body,
                                                                                   case_type, data, policy, days):
    case = in_progress(ministry, staff, imported, case_type=case_type, data=data)
    case = case_answer(actor=staff["info_officer"], case=case, outcome="forwarded", body=body,
                       text="Pensions are paid by the Fund; your appeal is sent there.")
    card = case_card(case)
    assert card.policy.code == policy
    assert timezone.localdate(card.due) == working_days_after(case.received_at, days)
    case = sign(case, staff["info_head"])
    assert case.state == "forwarded" and case.outcome == "forwarded" and case.forwarded_to == body
    assert case_card(case).state == "done"
    assert OutboundEmail.objects.filter(to=[data["email"]], body__contains="sent there").exists()
    to_body = OutboundEmail.objects.get(to=["fond@example.az"])
    assert data["text"] in to_body.body
    # the body reads a cover note in the portal's language, not the notice written for the citizen
    assert "sent there" not in to_body.body and case.number in to_body.body.split("---")[0]
    assert "göndəririk" in to_body.body.split("---")[0]


def test_the_registry_forwards_a_case_outside_competence_before_routing(ministry, staff, body):
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    case = case_answer(actor=staff["clerk"], case=case, outcome="forwarded", body=body, text="Sent to the Fund.")
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    assert step.approver == staff["minister"]  # the organisation's head signs what the registry sends


def test_an_appeal_left_unconsidered_names_its_ground_and_gets_the_notice_term(ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    with pytest.raises(ApplicationError) as error:
        case_answer(actor=staff["info_officer"], case=case, outcome="not_considered", text="Repeated.")
    assert "ground" in error.value.fields
    case = case_answer(actor=staff["info_officer"], case=case, outcome="not_considered", ground="repeated",
                       text="You received three reasoned answers this year; no new facts are given.")
    card = case_card(case)
    assert card.policy.code == "appeal.left_unconsidered_notice"
    assert timezone.localdate(card.due) == working_days_after(timezone.now(), 5)
    case = sign(case, staff["info_head"])
    assert case.state == "not_considered" and case.not_considered_ground == "repeated"
    page = track_page(case)
    assert "no new facts" in page


def track_page(case):
    from django.test import Client

    client = Client()
    client.cookies["portal_language"] = "en"
    return client.get(reverse("appeals:track", args=[case.tracking_token])).content.decode()


def test_information_is_refused_only_on_a_listed_legal_ground_and_may_be_given_in_part(ministry, staff, imported):
    case = in_progress(ministry, staff, imported, case_type="information_request", data=INFO_REQUEST)
    for bad in ({"outcome": "refused"}, {"outcome": "refused", "ground": "we_do_not_want_to"}):
        with pytest.raises(ApplicationError) as error:
            case_answer(actor=staff["info_officer"], case=case, text="No.", **bad)
        assert "ground" in error.value.fields
    case = case_answer(actor=staff["info_officer"], case=case, outcome="partial", ground="personal_data",
                       text="The budget is attached; the names of recipients are personal data.")
    case = sign(case, staff["info_head"])
    assert case.state == "answered" and case.outcome == "partial" and case.refusal_ground == "personal_data"
    assert "personal data of another person" in track_page(case)
    appeal = in_progress(ministry, staff, imported, data={**APPEAL, "email": "other@example.az"})
    with pytest.raises(ApplicationError):
        case_answer(actor=staff["info_officer"], case=appeal, outcome="refused", ground="restricted", text="No.")


def test_extra_study_gives_thirty_working_days_and_tells_the_citizen(ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    with pytest.raises(PermissionDeniedError):
        case_extra_study(actor=staff["info_officer"], case=case, reason="Needs a check")
    case_extra_study(actor=staff["clerk"], case=case, reason="The payment records must be checked with the bank.")
    card = case_card(case)
    assert card.policy.code == "appeal.extra_study"
    assert timezone.localdate(card.due) == working_days_after(case.received_at, 30)
    assert CaseMessage.objects.filter(case=case, direction="notice").exists()
    notice = OutboundEmail.objects.filter(to=["leyla@example.az"], body__contains="payment records").get()
    assert card.due.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in notice.body
    with pytest.raises(ApplicationError):
        case_extra_study(actor=staff["clerk"], case=case, reason="Again")


def test_a_head_extends_the_term_within_the_law_and_the_citizen_is_told(ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    before = case_card(case).due
    with pytest.raises(PermissionDeniedError):
        case_extend(actor=staff["info_officer"], case=case, days=5, reason="More time")
    case_extend(actor=staff["info_head"], case=case, days=10, reason="The bank has not answered yet.")
    card = case_card(case)
    assert timezone.localdate(card.due) == calendar_for("AZ").add_working_days(timezone.localdate(before), 10)
    assert OutboundEmail.objects.filter(to=["leyla@example.az"], body__contains="The bank has not answered yet.").exists()
    with pytest.raises(ApplicationError) as error:
        case_extend(actor=staff["info_head"], case=case, days=25, reason="Even more")  # 10 + 25 > 30
    assert error.value.code == "extension_limit"


def test_the_citizen_contests_the_answer_and_the_case_reopens_with_a_fresh_term(client, ministry, staff, imported):
    case = in_progress(ministry, staff, imported, received_at=timezone.now() - timedelta(days=14))
    case = sign(case_answer(actor=staff["info_officer"], case=case, text="The pension was paid."), staff["info_head"])
    first_due = case_card(case).due
    url = reverse("appeals:track", args=[case.tracking_token])
    client.cookies["portal_language"] = "en"
    assert client.post(url, {"text": ""}).status_code == 400
    response = client.post(url, {"text": "It was not: my bank statement shows nothing."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "in_progress" and case.contested_count == 1 and case.executor == staff["info_officer"]
    card = case_card(case)
    assert card.state == "open" and card.policy.code == "appeal.standard" and card.due > first_due
    assert timezone.localdate(card.due) == working_days_after(timezone.now(), 15)
    assert "my bank statement shows nothing" in client.get(url).content.decode()
    with pytest.raises(ApplicationError):
        case_contest(case=case, text="Again")  # only an answered case


def test_repeated_appeals_are_linked_and_the_year_s_reasoned_answers_counted(ministry, staff, imported):
    for _n in range(3):
        earlier = in_progress(ministry, staff, imported)
        sign(case_answer(actor=staff["info_officer"], case=earlier, text="Paid."), staff["info_head"])
    unrelated, _created = case_submit(organisation=ministry, case_type="appeal",
                                      data={**APPEAL, "subject": "Road repair in Sumqayıt"})
    assert unrelated.repeat_of is None
    case, _created = case_submit(organisation=ministry, case_type="appeal",
                                 data={**APPEAL, "email": "LEYLA@example.az", "subject": "Pension for October not paid again"})
    assert case.repeat_of is not None and case.repeat_of.subject == APPEAL["subject"]
    summary = repeat_summary(case, user=staff["clerk"])
    assert len(summary["earlier"]) == 3 and summary["answered_last_year"] == 3
    outsider = repeat_summary(case, user=staff["comm_officer"])  # another unit: the count, not the cases
    assert outsider["earlier"] == [] and outsider["elsewhere"] == 3 and outsider["answered_last_year"] == 3
    stranger, _created = case_submit(organisation=ministry, case_type="appeal",
                                     data={**APPEAL, "name": "Other Person", "email": "x@example.az", "phone": "", "address": "Gəncə"})
    assert stranger.repeat_of is None


def test_the_clerk_registers_a_paper_appeal_with_its_date_of_receipt(client, ministry, staff):
    received = timezone.localtime() - timedelta(days=3)
    url = reverse("appeals:staff-register")
    client.force_login(staff["info_officer"])
    assert client.get(url).status_code == 404
    client.force_login(staff["clerk"])
    form = {"case_type": "appeal", "channel": "post", "received_at": received.strftime("%Y-%m-%dT%H:%M"), "kind": "application",
            "subject": "Disability allowance", "text": "Letter of 3 pages", "name": "Rauf Məmmədov", "address": "Şəki, Azadlıq 1",
            "answer_form": "post", "language": "ru", "urgency": "none"}
    bad = client.post(url, {**form, "received_at": (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")})
    assert bad.status_code == 400 and "Disability allowance" in bad.content.decode()
    response = client.post(url, form)
    assert response.status_code == 302
    case = Case.objects.get(subject="Disability allowance")
    assert case.channel == "post" and case.registered_by == staff["clerk"] and case.language == "ru"
    card = case_card(case)
    assert timezone.localdate(card.due) == working_days_after(received, 15)
    with pytest.raises(PermissionDeniedError):
        case_submit(organisation=ministry, case_type="appeal", data=APPEAL, channel="phone", actor=staff["info_officer"])


def test_a_case_is_filed_for_its_retention_period_and_never_deleted(ministry):
    from django.core.exceptions import PermissionDenied

    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    assert case.case_file.index == "01-13" and case.case_file.retention_years == 5
    assert case.case_file.retention_ends() == timezone.localdate().year + 5
    with pytest.raises(PermissionDenied):
        case.delete()
    with pytest.raises(PermissionDenied):
        Case.objects.filter(pk=case.pk).delete()
    assert Case.objects.filter(pk=case.pk).exists()


def test_the_executor_starts_from_a_template_and_the_citizen_downloads_the_attached_file(client, ministry, staff, imported):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = in_progress(ministry, staff, imported, data={**APPEAL, "language": "en"})  # the template follows the citizen
    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    page_url = reverse("appeals:staff-case", args=[case.pk])
    page = client.get(page_url, {"template": "not_considered"}).content.decode()
    assert "left unconsidered on the" in page and case.number in page and "Leyla Həsənova" in page
    # each contact on a line of its own, the phone one tap away and never split across lines
    assert '<br>leyla@example.az<br><a href="tel:+994501234567" class="phone">+994 50 123 45 67</a><br>Bakı, Nizami küç. 5' in page
    pdf = SimpleUploadedFile("statement.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    response = client.post(page_url, {"action": "answer", "outcome": "full", "ground": "", "text": "Paid; the statement is attached.",
                                      "attachments": pdf})
    assert response.status_code == 302, response.content.decode()[:3000]
    case = sign(Case.objects.get(pk=case.pk), staff["info_head"])
    client.logout()
    track = client.get(reverse("appeals:track", args=[case.tracking_token])).content.decode()
    assert "statement.pdf" in track
    file_id = answer_files(case).get().pk
    download = client.get(reverse("appeals:track-file", args=[case.tracking_token, file_id]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    other, _created = case_submit(organisation=ministry, case_type="appeal", data={**APPEAL, "email": "z@example.az"})
    assert client.get(reverse("appeals:track-file", args=[other.tracking_token, file_id])).status_code == 404


def test_a_returned_forwarding_answered_on_the_merits_gets_the_case_s_own_term_back(ministry, staff, imported, body):
    case = in_progress(ministry, staff, imported)
    case_extra_study(actor=staff["clerk"], case=case, reason="Records to check")
    case = case_answer(actor=staff["info_officer"], case=case, outcome="forwarded", body=body, text="To the Fund.")
    assert case_card(case).policy.code == "appeal.forward"
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    approval_decide(step=step, actor=staff["info_head"], approve=False, comment="This is ours: answer it")
    case = case_answer(actor=staff["info_officer"], case=Case.objects.get(pk=case.pk), text="Paid on 20 November.")
    card = case_card(case)
    assert card.policy.code == "appeal.extra_study"  # the term it had before the forwarding, from registration
    assert timezone.localdate(card.due) == working_days_after(case.received_at, 30)


def test_the_citizen_reads_the_question_right_above_the_reply_box(ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    case_ask_clarification(actor=staff["info_officer"], case=case, question="Which bank holds your card?")
    page = track_page(case)
    section = page.split("Your clarification is needed")[1].split("</section>")[0]
    assert "Which bank holds your card?" in section.split("<form")[0]
    assert "Which bank holds your card?." not in page  # the explanation of the paused term ends with the question


def test_the_head_signs_an_answer_beside_the_case_it_answers_and_the_registry_links_back(client, ministry, staff, imported):
    case = in_progress(ministry, staff, imported)
    case = case_answer(actor=staff["info_officer"], case=case, outcome="full", text="Paid on 3 November.")
    case_url = reverse("appeals:staff-case", args=[case.pk])
    draft_url = reverse("documents:draft", args=[case.answer_draft_id])
    client.force_login(staff["info_head"])
    page = client.get(draft_url, {"lang": "en"}).content.decode()
    assert "Your signature" in page and f'href="{case_url}"' in page and case.number in page
    assert "Leyla Həsənova<br>Bakı, Nizami küç. 5" in page  # the addressee's name and address on lines of their own
    client.cookies["portal_language"] = "en"
    assert "<dt>Outcome proposed</dt>" in client.get(case_url).content.decode()  # not given until the head signs
    case = sign(case, staff["info_head"])
    document_url = reverse("documents:document", args=[case.answer_draft.document_id])
    client.force_login(staff["clerk"])  # the registry reads the outgoing letter and finds its case
    assert f'href="{case_url}"' in client.get(document_url, {"lang": "en"}).content.decode()
    closed = client.get(case_url).content.decode().split("<strong>Closed:</strong>")[1].split("</p>")[0]
    assert closed.endswith("— on time")  # the case page says the answer went out in time
    client.force_login(staff["comm_officer"])  # another unit: neither the letter nor the case
    assert client.get(draft_url).status_code == 404 and client.get(case_url).status_code == 404
