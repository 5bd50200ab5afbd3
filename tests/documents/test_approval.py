"""The approval chain on an outgoing draft: visas in order, a rejection and a new version, an acting head's
visa, the signature registering the letter; the "to approve" queue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import ApprovalRoute, ApprovalStep, Document, OutgoingDraft
from documents.services.approval import approval_decide, approval_queue, approval_routes
from documents.services.drafts import draft_save, draft_send_for_approval
from tests.factories import UserFactory
from units.models import Acting, PositionKind
from units.services import position_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(staff, imported):
    return draft_save(actor=staff["info_officer"], unit=imported["İnformasiya sektoru"], addressee="“Xalq qəzeti” redaksiyası",
                      subject="Refutation of the article of 20 November", body="The figures published are wrong: …")


def waiting(draft):
    route = ApprovalRoute.objects.filter(object_id=draft.pk).order_by("-version").first()
    return route.steps.filter(state="waiting").order_by("order").first()


def test_visas_in_order_then_the_signature_registers_the_letter(draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"], staff["pr_deputy"]],
                            signer=staff["pr_head"])
    assert [s.approver for s in approval_queue(user=staff["info_head"])] == [staff["info_head"]]
    assert list(approval_queue(user=staff["pr_deputy"])) == []  # not their turn yet
    with pytest.raises(ApplicationError):  # the deputy cannot jump the queue
        approval_decide(step=ApprovalStep.objects.get(approver=staff["pr_deputy"]), actor=staff["pr_deputy"], approve=True)
    approval_decide(step=waiting(draft), actor=staff["info_head"], approve=True, comment="Figures checked")
    approval_decide(step=waiting(draft), actor=staff["pr_deputy"], approve=True)
    approval_decide(step=waiting(draft), actor=staff["pr_head"], approve=True)
    draft.refresh_from_db()
    assert draft.state == "signed" and draft.document.direction == "outgoing"
    assert draft.document.correspondent == "“Xalq qəzeti” redaksiyası" and draft.document.number


def test_a_rejection_returns_the_draft_and_the_next_version_restarts_the_route(draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    with pytest.raises(ApplicationError) as error:
        approval_decide(step=waiting(draft), actor=staff["info_head"], approve=False, comment="")
    assert "comment" in error.value.fields
    approval_decide(step=waiting(draft), actor=staff["info_head"], approve=False, comment="Add the source of the figures")
    draft.refresh_from_db()
    assert draft.state == "returned"
    with pytest.raises(ApplicationError):
        draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    draft = draft_save(actor=staff["info_officer"], unit=draft.unit, addressee=draft.addressee, subject=draft.subject,
                       body=draft.body + " Source: State Statistics Committee.", draft=draft)
    assert draft.version == 2 and draft.state == "draft"
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    routes = list(approval_routes(draft))
    assert [(r.version, r.state) for r in routes] == [(1, "rejected"), (2, "in_progress")]
    assert [s.state for s in routes[0].steps.all()] == ["rejected", "skipped"]
    assert routes[0].steps.all()[0].comment == "Add the source of the figures"


def test_an_acting_head_visas_in_the_heads_place(draft, staff, imported):
    stand_in = UserFactory(username="stand_in")
    position = position_get_or_create(unit=imported["İnformasiya sektoru"], kind=PositionKind.SECTOR_HEAD)
    today = timezone.localdate()
    Acting.objects.create(position=position, user=stand_in, start=today - timedelta(days=1), end=today + timedelta(days=3))
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    assert [s.approver for s in approval_queue(user=stand_in)] == [staff["info_head"]]
    with pytest.raises(PermissionDeniedError):
        approval_decide(step=waiting(draft), actor=staff["comm_officer"], approve=True)
    step = approval_decide(step=waiting(draft), actor=stand_in, approve=True)
    assert step.decided_by == stand_in and step.approver == staff["info_head"]


def test_a_route_needs_one_signature_at_the_end(draft, staff):
    from documents.services.approval import approval_start

    with pytest.raises(ApplicationError) as error:
        approval_start(item=draft, actor=staff["info_officer"], steps=[("signature", staff["pr_head"]), ("visa", staff["info_head"])])
    assert error.value.code == "bad_route"


def test_the_queue_page_and_api(client, draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    client.force_login(staff["info_head"])
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("documents:approval-queue")).content.decode()
    assert "Refutation of the article" in page
    # what it is and who sent it, at a glance
    assert "Outgoing draft:</small>" in page and f"from {staff['info_officer']}" in page
    api = APIClient()
    api.force_authenticate(staff["info_head"])
    queue = api.get("/api/v1/documents/approvals/").json()["results"]
    assert [s["item"] for s in queue] == ["Refutation of the article of 20 November"]
    step_id = queue[0]["id"]
    outsider = APIClient()
    outsider.force_authenticate(staff["icd_head"])
    assert outsider.post(f"/api/v1/documents/approvals/{step_id}/decide/", {"approve": True}, format="json").status_code == 404
    decided = api.post(f"/api/v1/documents/approvals/{step_id}/decide/", {"approve": True, "comment": "OK"}, format="json")
    assert decided.status_code == 200 and decided.json()["state"] == "approved"
    client.force_login(staff["pr_head"])
    draft_page = client.get(reverse("documents:draft", args=[draft.pk])).content.decode()
    assert "Sign" in draft_page
    assert client.post(reverse("documents:approval-decide", args=[waiting(draft).pk]), {"decision": "approve"}).status_code == 302
    assert Document.objects.filter(direction="outgoing").count() == 1
    assert OutgoingDraft.objects.get().state == "signed"


def _pdf_text(content):
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    page = reader.pages[0]
    return " ".join(p.extract_text() for p in reader.pages), (round(float(page.mediabox.width)), round(float(page.mediabox.height)))


@pytest.mark.parametrize(("language", "words", "signed_as"), [("az", "Mövzu", "Şöbə müdiri"), ("ru", "Тема", "Заведующий отделом"),
                                                              ("en", "Subject", "Head of department")])
def test_the_signed_letter_is_an_a4_pdf_with_both_numbers_and_the_letterhead(client, draft, staff, imported, language, words,
                                                                              signed_as):
    from documents.services.registry import document_register

    incoming, _created = document_register(actor=staff["pr_head"], unit=imported["İnformasiya sektoru"], direction="incoming",
                                           subject="Article", correspondent="Xalq qəzeti", correspondent_number="XQ-452")
    draft.in_reply_to = incoming
    draft.save()
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[], signer=staff["pr_head"])
    approval_decide(step=waiting(draft), actor=staff["pr_head"], approve=True)
    draft.refresh_from_db()
    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = language
    response = client.get(reverse("documents:document-letter", args=[draft.document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, size = _pdf_text(response.content)
    assert size == (595, 842)  # A4 in points
    assert draft.document.number in text and "XQ-452" in text and words in text
    assert "SOSİAL MÜDAFİƏSİ NAZİRLİYİ" in text and "İnformasiya sektoru" in text  # the letterhead
    assert signed_as in text  # the signer's post as a letter names it, not "Head" of anything
    client.force_login(staff["icd_head"])
    assert client.get(reverse("documents:document-letter", args=[draft.document.pk])).status_code == 404


def test_an_unsigned_draft_prints_marked_as_a_draft_without_a_number(client, draft, staff):
    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    response = client.get(reverse("documents:draft-letter", args=[draft.pk]))
    text, _size = _pdf_text(response.content)
    assert "DRAFT" in text and "_______" in text


def test_approvers_are_reminded_once_about_a_visa_waiting_too_long(draft, staff, settings):
    from core.models import Notification
    from documents.models import ApprovalRoute
    from documents.services.approval import approval_remind_waiting

    settings.APPROVAL_REMIND_AFTER_WORKING_DAYS = 2
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    assert approval_remind_waiting() == 0  # sent today: not late
    ApprovalRoute.objects.update(created_at=timezone.now() - timedelta(days=10))
    assert approval_remind_waiting() == 1
    assert approval_remind_waiting() == 0  # once
    notices = Notification.objects.filter(kind="approval_waiting")
    assert [n.recipient for n in notices] == [staff["info_head"]]  # the signer's turn has not come


def test_the_queue_and_drafts_pages_keep_a_constant_number_of_queries(client, staff, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def send(n):
        draft = draft_save(actor=staff["info_officer"], unit=imported["İnformasiya sektoru"], addressee="A", subject=f"Letter {n}",
                           body="Text")
        draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])

    send(0)
    client.force_login(staff["info_head"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("documents:approval-queue"))
    for n in range(1, 8):
        send(n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("documents:approval-queue")).content.decode()
    assert "Letter 7" in page and len(many) == len(few)
    client.force_login(staff["info_officer"])
    with CaptureQueriesContext(connection) as drafts:
        client.get(reverse("documents:drafts"))
    send(8)
    with CaptureQueriesContext(connection) as more_drafts:
        client.get(reverse("documents:drafts"))
    assert len(more_drafts) == len(drafts)


def test_the_document_page_tells_the_whole_story_in_one_timeline(client, draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    approval_decide(step=waiting(draft), actor=staff["info_head"], approve=True, comment="Figures checked")
    approval_decide(step=waiting(draft), actor=staff["pr_head"], approve=True)
    draft.refresh_from_db()
    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = "en"
    with translation.override("en"):
        html = client.get(reverse("documents:document", args=[draft.document.pk])).content.decode()
    timeline = html[html.index("Timeline"):]
    assert "Figures checked" in timeline and "Version 1: visa approved" in timeline and "Version 1: signature" in timeline
    assert timeline.index("signature") < timeline.index("Figures checked")  # newest first


def test_the_author_withdraws_a_letter_waiting_in_approval_changes_it_and_sends_it_again(client, draft, staff):
    from core.models import Notification

    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    route = approval_routes(draft).last()
    page = reverse("documents:draft", args=[draft.pk])
    withdraw = reverse("documents:approval-withdraw", args=[route.pk])
    client.force_login(staff["info_head"])  # the approver decides; it is not theirs to withdraw
    assert 'id="approval-withdraw"' not in client.get(page).content.decode()
    assert client.post(withdraw, {"reason": "Mine now"}).status_code == 404

    client.force_login(staff["info_officer"])
    html = client.get(page, {"lang": "en"}).content.decode()
    assert 'id="approval-withdraw"' in html and withdraw in html
    asked = client.post(withdraw, {"reason": "  ", "lang": "en"}, follow=True).content.decode()
    assert "Say why you withdraw it." in asked  # a reason is asked for: nothing changes without it
    route.refresh_from_db()
    assert route.state == "in_progress"
    assert client.post(withdraw, {"reason": "The figures of October are out"}).url == page
    route.refresh_from_db()
    draft.refresh_from_db()
    assert route.state == "withdrawn" and draft.state == "returned"
    assert [step.state for step in route.steps.order_by("order")] == ["skipped", "skipped"]
    assert list(approval_queue(user=staff["info_head"])) == []  # off the approver's queue, and the approver is told why
    arrived, told = Notification.objects.filter(recipient=staff["info_head"], kind="documents.approval").order_by("id")
    assert arrived.title == f"Waits for your visa: {draft.subject}"
    assert told.title == f"Withdrawn from approval: {draft.subject}"
    assert told.body == "The figures of October are out" and told.url == page
    assert not Notification.objects.filter(recipient=staff["info_officer"], kind="documents.draft").exists()  # not of their own act
    assert "Withdrawn from approval: The figures of October are out" in client.get(page, {"lang": "en"}).content.decode()
    desk = client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    assert "1</strong> <span>letter is returned to you" in desk  # back with its author, on the desk until sent again

    with pytest.raises(ApplicationError, match="no longer in approval"):
        from documents.services.approval import approval_withdraw

        approval_withdraw(route=route, actor=staff["info_officer"], reason="Again")
    draft = draft_save(actor=staff["info_officer"], unit=draft.unit, addressee=draft.addressee, subject=draft.subject,
                       body=draft.body + " October: 4.9%.", draft=draft)
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[], signer=staff["pr_head"])
    assert [route.state for route in approval_routes(draft)] == ["withdrawn", "in_progress"]
    assert "returned to you" not in client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    assert [step.route.object_id for step in approval_queue(user=staff["pr_head"])] == [draft.pk]


def test_an_api_client_lists_what_it_sent_and_withdraws_it(draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[], signer=staff["pr_head"])
    author, outsider = APIClient(), APIClient()
    author.force_authenticate(staff["info_officer"])
    outsider.force_authenticate(staff["pr_head"])
    [sent] = author.get("/api/v1/documents/approvals/sent/").json()["results"]
    assert (sent["item"], sent["item_type"], sent["item_id"], sent["state"]) == (draft.subject, "outgoingdraft", draft.pk, "in_progress")
    assert sent["item_page"].endswith(reverse("documents:draft", args=[draft.pk]))
    assert author.get(f"/api/v1/documents/drafts/{draft.pk}/").json()["routes"][0]["id"] == sent["id"]
    url = f"/api/v1/documents/approvals/routes/{sent['id']}/withdraw/"
    assert outsider.post(url, {"reason": "x"}, format="json").status_code == 404
    missing = author.post(url, {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["fields"]
    done = author.post(url, {"reason": "A wrong addressee"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "withdrawn"
    assert author.get("/api/v1/documents/approvals/sent/").json()["results"] == []
    assert author.post(url, {"reason": "Again"}, format="json").status_code == 400


def test_each_approver_is_told_when_their_turn_comes_and_whoever_acts_for_them_too(draft, staff, imported):
    from core.i18n import deferred_text
    from core.models import Notification, OutboundEmail

    def told(user):
        return [n.title for n in Notification.objects.filter(recipient=user, kind="documents.approval").order_by("id")]

    stand_in = UserFactory(username="stand_in", preferred_language="ru")
    Acting.objects.create(position=position_get_or_create(unit=imported["İctimaiyyətlə əlaqələr şöbəsi"], kind=PositionKind.HEAD),
                          user=stand_in, start=timezone.localdate(), end=timezone.localdate() + timedelta(days=3))
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    subject = draft.subject
    assert told(staff["info_head"]) == [f"Waits for your visa: {subject}"]
    assert told(staff["pr_head"]) == []  # not yet: the visa comes first
    notice = Notification.objects.get(recipient=staff["info_head"], kind="documents.approval")
    assert notice.url == reverse("documents:draft", args=[draft.pk]) and notice.body == f"Sent by {staff['info_officer']}."
    assert OutboundEmail.objects.filter(to=[staff["info_head"].email], subject=notice.title).exists()
    approval_decide(step=waiting(draft), actor=staff["info_head"], approve=True)
    assert told(staff["pr_head"]) == [f"Waits for your signature: {subject}"]
    [acting] = Notification.objects.filter(recipient=stand_in, kind="documents.approval")  # the head is away: the acting head
    with translation.override("ru"):
        assert deferred_text(acting.message["title"]) == f"Ждёт вашей подписи: {subject}"
    approval_decide(step=waiting(draft), actor=stand_in, approve=True)
    assert told(staff["info_officer"]) == []  # the author learns the fate of the letter, not of each step


def test_the_queue_says_since_when_each_step_waits_the_turn_coming_with_the_visa_before_it(client, draft, staff):
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    sent = timezone.now() - timedelta(days=6)
    ApprovalRoute.objects.filter(object_id=draft.pk).update(created_at=sent)
    [visa] = approval_queue(user=staff["info_head"])
    assert visa.waiting_since == sent
    approval_decide(step=waiting(draft), actor=staff["info_head"], approve=True)
    [signature] = approval_queue(user=staff["pr_head"])
    visa.refresh_from_db()
    assert signature.waiting_since == visa.decided_at  # the head's turn came with the visa, not when the letter was sent
    client.force_login(staff["pr_head"])
    html = client.get(reverse("documents:approval-queue")).content.decode()
    assert f'<time datetime="{timezone.localtime(visa.decided_at).isoformat()}' in html


def test_a_step_waiting_too_long_reminds_whoever_acts_for_the_approver_and_tells_the_sender_when_the_approver_left(draft, staff, imported, settings):
    from core.models import Notification
    from documents.services.approval import approval_remind_waiting
    from units.models import Membership

    settings.APPROVAL_REMIND_AFTER_WORKING_DAYS = 2
    stand_in = UserFactory(username="stand_in", preferred_language="en")
    Acting.objects.create(position=position_get_or_create(unit=imported["İnformasiya sektoru"], kind=PositionKind.SECTOR_HEAD),
                          user=stand_in, start=timezone.localdate(), end=timezone.localdate() + timedelta(days=3))
    draft_send_for_approval(actor=staff["info_officer"], draft=draft, visas=[staff["info_head"]], signer=staff["pr_head"])
    other = draft_save(actor=staff["comm_officer"], unit=imported["Kommunikasiya sektoru"], addressee="APA", subject="A correction",
                       body="Text")
    draft_send_for_approval(actor=staff["comm_officer"], draft=other, visas=[], signer=staff["pr_deputy"])
    Membership.objects.filter(user=staff["pr_deputy"]).update(end=timezone.localdate() - timedelta(days=1))  # left last week
    ApprovalRoute.objects.update(created_at=timezone.now() - timedelta(days=10))
    assert approval_remind_waiting() == 2
    reminded = Notification.objects.filter(kind="approval_waiting")
    assert sorted(n.recipient.username for n in reminded) == ["comm_officer", "info_head", "stand_in"]
    [told] = reminded.filter(recipient=staff["comm_officer"])
    assert told.title == f"A correction waits for {staff['pr_deputy']}, who is no longer in post"
    assert told.url == reverse("documents:draft", args=[other.pk])
    assert not reminded.filter(recipient=staff["pr_deputy"]).exists()
