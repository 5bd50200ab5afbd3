"""A citizen's case from the form to the signed answer: registration with the statutory term, routing by the
registry, assignment, clarification that stops and restarts the clock, the answer through the head's
signature (registered as an outgoing letter), the citizen's tracking page and the public API."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from appeals.models import Case
from appeals.services import (
    case_actions,
    case_answer,
    case_ask_clarification,
    case_assign,
    case_card,
    case_reply,
    case_route,
    case_submit,
)
from core.exceptions import ApplicationError, PermissionDeniedError
from core.models import OutboundEmail
from documents.models import ApprovalStep, Document
from documents.services.approval import approval_decide
from tests.appeals.conftest import APPEAL

pytestmark = pytest.mark.django_db

def test_an_online_appeal_is_registered_with_its_term_and_the_citizen_is_written_to(ministry):
    case, created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    assert created and case.number.startswith("M-") and case.state == "registered"
    card = case_card(case)
    assert card.policy.code == "appeal.standard" and card.responsible_unit == ministry
    assert OutboundEmail.objects.filter(to=["leyla@example.az"], subject__contains=case.number).exists()
    second, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    assert second.sequence == case.sequence + 1


def test_information_requests_take_the_term_of_their_urgency(ministry):
    request = {"subject": "Budget of the programme", "text": "The 2026 budget", "name": "Anar Əliyev", "email": "anar@example.az"}
    terms = {}
    for urgency, explanation in (("none", ""), ("loses_value", "A hearing on Friday"), ("life_liberty", "Detention")):
        case, _created = case_submit(organisation=ministry, case_type="information_request",
                                     data={**request, "urgency": urgency, "urgency_explanation": explanation})
        terms[urgency] = case_card(case).policy.code
    assert terms == {"none": "inforequest.standard", "loses_value": "inforequest.urgent", "life_liberty": "inforequest.life_liberty"}
    with pytest.raises(ApplicationError) as error:
        case_submit(organisation=ministry, case_type="information_request", data={**request, "urgency": "loses_value"})
    assert "urgency_explanation" in error.value.fields


def test_an_anonymous_appeal_is_registered_and_closed_as_not_considered(ministry, client):
    from tests.factories import UserFactory

    case, _created = case_submit(organisation=ministry, case_type="appeal",
                                 data={"kind": "complaint", "subject": "Anonymous", "text": "Nobody signed this."})
    assert case.state == "not_considered" and "6.3" in case.outcome_reason
    assert case_card(case).state == "done" and Case.objects.filter(pk=case.pk).exists()
    assert not OutboundEmail.objects.exists()
    # the card's result is the rule's own words, in the reader's language
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(f"/control/cards/{case_card(case).pk}/?lang=ru").content.decode()
    assert "6.3–6.4" in page and "is not considered" not in page


def test_from_routing_to_the_signed_answer(ministry, staff, imported):
    sector = imported["İnformasiya sektoru"]
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    with pytest.raises(PermissionDeniedError):
        case_route(actor=staff["info_officer"], case=case, unit=sector)  # an officer does not route
    case = case_route(actor=staff["clerk"], case=case, unit=sector)
    assert case.state == "routed" and case_card(case).responsible_unit == sector
    case = case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
    assert case_actions(user=staff["info_officer"], case=case) == {"clarify", "answer", "forward"}
    assert case_actions(user=staff["clerk"], case=case) == {"route", "forward", "extra_study"}
    assert case_actions(user=staff["icd_head"], case=case) == set()
    due_before = case_card(case).due
    case = case_ask_clarification(actor=staff["info_officer"], case=case, question="Which bank account?")
    assert case.state == "waiting_citizen" and case_card(case).state == "paused"
    case = case_reply(case=case, text="Kapital Bank, account ending 1234")
    card = case_card(case)
    assert case.state == "in_progress" and card.state == "open" and card.due >= due_before
    case = case_answer(actor=staff["info_officer"], case=case, text="The pension was paid on 20 November.")
    assert case.state == "in_approval"
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    assert step.approver == staff["info_head"] and step.kind == "signature"
    approval_decide(step=step, actor=staff["info_head"], approve=True)
    case.refresh_from_db()
    assert case.state == "answered" and case.answered_at is not None
    assert case_card(case).state == "done"
    letter = Document.objects.get(pk=case.answer_draft.document_id)
    assert letter.direction == "outgoing"
    assert OutboundEmail.objects.filter(to=["leyla@example.az"], body__contains="The pension was paid on 20 November.").exists()


def test_a_returned_answer_goes_back_to_the_executor(ministry, staff, imported):
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
    case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
    case = case_answer(actor=staff["info_officer"], case=Case.objects.get(pk=case.pk), text="Short answer.")
    step = ApprovalStep.objects.get(route__object_id=case.answer_draft_id, state="waiting")
    approval_decide(step=step, actor=staff["info_head"], approve=False, comment="Give the payment date")
    case.refresh_from_db()
    assert case.state == "in_progress"
    case = case_answer(actor=staff["info_officer"], case=case, text="Paid on 20 November.")
    assert case.answer_draft.version == 2 and case.state == "in_approval"


def test_the_executor_withdraws_the_answer_from_the_heads_signature_and_answers_again(ministry, staff, imported):
    from core.history import history_reason_text
    from documents.services.approval import approval_routes, approval_withdraw

    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
    case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
    case = case_answer(actor=staff["info_officer"], case=Case.objects.get(pk=case.pk), text="Short answer.")
    approval_withdraw(route=approval_routes(case.answer_draft).last(), actor=staff["info_officer"], reason="The payment date is known now")
    case.refresh_from_db()
    assert case.state == "in_progress"
    with translation.override("en"):
        assert history_reason_text(case.history.first().history_change_reason) == (
            "Answer withdrawn from approval: The payment date is known now")
    case = case_answer(actor=staff["info_officer"], case=case, text="Paid on 20 November.")
    assert case.answer_draft.version == 2 and case.state == "in_approval"


def test_the_citizen_submits_on_the_page_and_follows_the_case(client, ministry):
    url = reverse("appeals:submit")
    client.cookies["portal_language"] = "en"
    form = client.get(url)
    assert form.status_code == 200 and 'name="website"' in form.content.decode()
    bad = client.post(url, {**APPEAL, "email": "not-an-address", "submission_key": "k1"})
    assert bad.status_code == 400 and "Pension not paid for October" in bad.content.decode()
    assert "valid e-mail" in bad.content.decode() and not Case.objects.exists()
    good = client.post(url, {**APPEAL, "submission_key": "k2"})
    assert good.status_code == 302
    again = client.post(url, {**APPEAL, "submission_key": "k2"})  # the double click
    assert again["Location"] == good["Location"] and Case.objects.count() == 1
    page = client.get(good["Location"]).content.decode()
    case = Case.objects.get()
    assert case.number in page and "Law" in page and "Leyla" not in page.split("<main")[0]
    robot = client.post(url, {**APPEAL, "submission_key": "k3", "website": "http://spam"})
    assert robot.status_code == 400 and Case.objects.count() == 1


def test_a_form_sent_back_with_errors_asks_for_the_chosen_files_again(client, ministry):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("appeals:submit")
    client.cookies["portal_language"] = "en"
    statement = SimpleUploadedFile("statement.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    bad = client.post(url, {**APPEAL, "email": "not-an-address", "submission_key": "f1", "attachments": [statement]})
    assert bad.status_code == 400 and "choose them again" in bad.content.decode()  # the browser has dropped them
    without_files = client.post(url, {**APPEAL, "email": "not-an-address", "submission_key": "f2"})
    assert without_files.status_code == 400 and "choose them again" not in without_files.content.decode()


def test_a_form_sent_back_with_errors_opens_with_every_mistake_linked_to_its_field(client, ministry):
    import re

    client.cookies["portal_language"] = "ru"
    bad = client.post(reverse("appeals:submit"), {**APPEAL, "subject": "", "email": "leyla@", "phone": "call me",
                                                  "submission_key": "s1"})
    assert bad.status_code == 400
    html = bad.content.decode()
    # on a phone the mistakes below the fold are named at the top, each a link to its field, in the form's order
    summary = html.split('class="message error error-summary"')[1].split("</div>")[0]
    assert "Форма не отправлена" in summary
    links = re.findall(r'<a href="#(id_\w+)">([^<]+)</a>: ([^<]+)</li>', summary)
    assert [(anchor, label) for anchor, label, _ in links] == [("id_subject", "Тема"), ("id_email", "Эл. почта"),
                                                               ("id_phone", "Телефон")]
    # a screen reader hears the field's error with the field: what it is described by is on the page
    for anchor, _label, message in links:
        described_by = re.search(rf'id="{anchor}"[^>]*aria-describedby="([^"]+)"|aria-describedby="([^"]+)"[^>]*id="{anchor}"', html)
        ids = (described_by.group(1) or described_by.group(2)).split()
        assert f"{anchor}_error" in ids and all(f'id="{name}"' in html for name in ids)
        assert message.strip() in html.split(f'id="{anchor}_error">')[1].split("</small>")[0]
    # a form of one field shows its error beside it, not twice
    lookup = client.get(reverse("appeals:track-lookup"), {"code": ""}).content.decode()
    assert "Обязательное поле" in lookup and "error-summary" not in lookup
    # a question asked of a page (the term calculator) has sent nothing: the summary does not say it was not sent
    asked = client.get(reverse("documents:calculator"), {"policy": "", "start": ""}).content.decode()
    assert "Исправьте эти поля" in asked and "Форма не отправлена" not in asked


def test_the_first_answer_names_the_rules_across_fields_too(client, ministry):
    from tests.appeals.conftest import INFO_REQUEST

    client.cookies["portal_language"] = "en"
    appeal = client.post(reverse("appeals:submit"), {**APPEAL, "email": "leyla@", "is_collective": "on", "signatories": 1,
                                                     "submission_key": "r1"})
    assert set(appeal.context["form"].errors) == {"email", "signatories"}
    assert "at least two signatories" in appeal.content.decode()
    request = client.post(reverse("appeals:inforequest-submit"), {**INFO_REQUEST, "phone": "12", "urgency": "life_liberty", "answer_form": "email",
                                                                  "urgency_explanation": "", "submission_key": "r2"})
    assert set(request.context["form"].errors) == {"phone", "urgency_explanation"}
    assert Case.objects.count() == 0


@pytest.mark.parametrize(("phone", "says"), [
    ("+994 50 123 45 67", None), ("(012) 555-01-42", None), ("050 abc", "digits only"), ("-----", "too short"),
    ("12", "too short"), ("+994 50 123 45 67 89 01", "too long"),
])
def test_a_phone_number_is_one_someone_can_dial(phone, says):
    from core.contacts import phone_error

    with translation.override("en"):
        message = phone_error(phone)
    assert (message is None) if says is None else (says in message)


def test_a_tick_box_sits_inside_its_label(client, ministry):
    import re

    client.cookies["portal_language"] = "az"
    html = client.get(reverse("appeals:inforequest-submit")).content.decode()
    # the box and its words on one line, the words a target to tap (not a label above a lone box)
    label = re.search(r'<label for="id_publish_consent">\s*<input type="checkbox"[^>]*>\s*([^<]+)</label>', html)
    assert label and label.group(1).strip().startswith("Cavab dərc edilə bilər")


def test_the_public_api_submits_idempotently_and_tracks(ministry):
    api = APIClient()
    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    created = api.post("/api/v1/public/appeals/", APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["registration_number"].startswith("M-") and body["status"] == "registered"
    assert "+04:00" in body["due"] and body["due_explanation"]["policy"] == "appeal.standard"
    replay = api.post("/api/v1/public/appeals/", APPEAL, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert replay.status_code == 200 and replay.json()["registration_number"] == body["registration_number"]
    assert Case.objects.count() == 1
    # one answer names every mistake, the contact details' included (a client should not fix them in rounds)
    bad = api.post("/api/v1/public/appeals/", {**APPEAL, "kind": "poem", "subject": "", "email": "leyla@", "phone": "call me",
                                                "is_collective": True, "signatories": 1}, format="json")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"kind", "subject", "email", "phone", "signatories"}
    assert "name@example.az" in bad.json()["fields"]["email"][0]
    assert bad.json()["fields"]["signatories"] == ["A collective appeal has at least two signatories."]
    # the rules across fields come with the fields' own errors for an information request too
    request = api.post("/api/v1/public/information-requests/", {"subject": "", "text": "Budget of the library", "email": "x@",
                                                                "urgency": "loses_value"}, format="json")
    assert request.status_code == 400 and set(request.json()["fields"]) == {"subject", "email", "urgency_explanation", "name"}
    tracked = api.get(f"/api/v1/public/cases/{body['tracking_token']}/")
    assert tracked.status_code == 200 and tracked.json()["timeline"] and "name" not in tracked.json()
    assert api.get("/api/v1/public/cases/not-a-token/").status_code == 404
    assert api.get("/api/v1/public/cases/" + "x" * 32 + "/").status_code == 404


def test_a_submission_costs_the_same_few_queries_however_many_cases_the_citizen_wrote_before(ministry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = APIClient()

    def submit(n):
        with CaptureQueriesContext(connection) as queries:
            response = api.post("/api/v1/public/appeals/", {**APPEAL, "subject": f"Pension not paid, month {n}"}, format="json")
        assert response.status_code == 201, response.content
        return len(queries)

    submit(0)  # builds the routing index
    first = submit(1)
    for n in range(2, 12):
        case_submit(organisation=ministry, case_type="appeal", data={**APPEAL, "subject": f"Pension not paid, month {n}"})
    # the number, the case and its history, the control card and its history, the e-mail, and the lookups around
    # them (the repeat check among the citizen's earlier cases is one indexed query)
    assert submit(12) == first <= 16
    assert Case.objects.order_by("-id").first().repeat_of is not None


def test_staff_of_another_unit_get_404_and_the_registry_sees_the_new_case(client, ministry, staff):
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    client.force_login(staff["icd_head"])
    assert client.get(reverse("appeals:staff-case", args=[case.pk])).status_code == 404
    client.force_login(staff["clerk"])
    page = client.get(reverse("appeals:staff-case", args=[case.pk]))
    assert page.status_code == 200 and 'value="route"' in page.content.decode()


def test_letters_to_the_citizen_follow_the_language_they_wrote_in(ministry, staff, imported):
    from django.utils import translation

    with translation.override("ru"):
        case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
        registered = translation.gettext("Your appeal is registered: %(number)s") % {"number": case.number}
    assert case.language == "ru" and registered != f"Your appeal is registered: {case.number}"
    with translation.override("en"):  # the staff work in English
        case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"])
        case = case_assign(actor=staff["info_head"], case=case, executor=staff["info_officer"])
        case_ask_clarification(actor=staff["info_officer"], case=case, question="Which bank?")
    with translation.override("ru"):
        asked = translation.gettext("Please clarify your case %(number)s") % {"number": case.number}
    subjects = list(OutboundEmail.objects.filter(to=["leyla@example.az"]).order_by("id").values_list("subject", flat=True))
    assert subjects == [registered, asked]


def test_the_public_door_is_rate_limited_with_a_clear_answer(client, ministry, settings, drf_throttle_rates):
    drf_throttle_rates(appeal_submit="2/hour")
    api = APIClient()
    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    codes = [api.post("/api/v1/public/appeals/", {**APPEAL, "email": f"r{n}@example.az"}, format="json").status_code
             for n in range(3)]
    assert codes == [201, 201, 429]
    limited = api.post("/api/v1/public/appeals/", APPEAL, format="json")
    assert int(limited["Retry-After"]) > 0 and limited.json()["code"] == "throttled"
    settings.PUBLIC_RATE_LIMITS = {**settings.PUBLIC_RATE_LIMITS, "appeal_submit": "1/h"}
    client.cookies["portal_language"] = "en"
    url = reverse("appeals:submit")
    assert client.post(url, {**APPEAL, "email": "page1@example.az", "submission_key": "p1"}).status_code == 302
    page = client.post(url, {**APPEAL, "email": "page2@example.az", "submission_key": "p2"})
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert Case.objects.count() == 3


def test_a_cases_card_points_to_the_case_and_takes_no_step_of_its_own(client, ministry, staff, imported):
    """Extending, pausing or closing a case's term on its card would skip what the case does (the citizen is told)."""
    case, _created = case_submit(organisation=ministry, case_type="appeal", data=APPEAL)
    case = case_assign(actor=staff["info_head"], case=case_route(actor=staff["clerk"], case=case, unit=imported["İnformasiya sektoru"]),
                       executor=staff["info_officer"])
    card = case_card(case)
    head = APIClient()
    head.force_authenticate(staff["info_head"])
    for action, data in (("extend", {"value": 5, "reason": "More study", "legal_basis": "Art. 10"}), ("pause", {"reason": "x"}),
                         ("close", {"result": "Answered by phone"}), ("close", {"cancelled": True})):
        refused = head.post(f"/api/v1/control/cards/{card.pk}/{action}/", data, format="json")
        assert refused.status_code == 400 and refused.json()["code"] == "item_workflow", (action, refused.content)
        assert case.number in refused.json()["detail"]
    card.refresh_from_db()
    assert card.state == "open" and not card.extensions.exists()
    detail = head.get(f"/api/v1/control/cards/{card.pk}/").json()
    assert detail["item"]["url"] == reverse("appeals:staff-case", args=[case.pk]) and "close" in detail["item"]["owned"]

    client.force_login(staff["info_officer"])
    page = client.get(reverse("documents:card", args=[card.pk]), {"lang": "en"}).content.decode()
    assert f'<a href="{reverse("appeals:staff-case", args=[case.pk])}">Case {case.number}</a>' in page
    assert "This work is reported on and closed from its own page" in page and "Stop the clock" not in page
    client.post(reverse("documents:card-action", args=[card.pk, "report"]), {"report": "Answered"})
    card.refresh_from_db()
    assert card.result == ""
