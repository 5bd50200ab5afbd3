"""Resolution → assignments → control cards → report → removal from control; handing on inside a unit."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from rest_framework.test import APIClient

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import Assignment, AssignmentReport, ControlCard, Document
from documents.services.execution import (
    ExecutorTerm,
    assignment_hand_on,
    assignment_report,
    report_accept,
    report_return,
    resolution_write,
)
from documents.services.registry import document_register
from tests.factories import UserFactory
from units.models import PositionKind, Unit
from units.services import membership_assign

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def document(staff, imported):
    document, _created = document_register(actor=staff["pr_head"], unit=imported["İctimaiyyətlə əlaqələr şöbəsi"],
                                           direction="incoming", subject="A newspaper distorted the employment figures",
                                           correspondent="Xalq qəzeti", access_level="restricted")
    return document


def card_of(assignment):
    return ControlCard.objects.get(content_type__model="assignment", object_id=assignment.pk)


@pytest.fixture
def resolution(staff, imported, document):
    return resolution_write(actor=staff["pr_head"], document=document, text="Prepare a refutation with the figures",
                            executors=[(imported["İnformasiya sektoru"], staff["info_officer"]),
                                       (imported["Kommunikasiya sektoru"], staff["comm_officer"])])


def test_a_resolution_gives_each_executor_an_assignment_under_control(resolution, document, staff):
    responsible, co = resolution.assignments.order_by("id")
    assert (responsible.role, co.role) == ("responsible", "co_executor")
    cards = [card_of(responsible), card_of(co)]
    assert [c.executor for c in cards] == [staff["info_officer"], staff["comm_officer"]]
    assert all(c.policy.code == "document.default" and c.state == "open" for c in cards)
    document.refresh_from_db()
    assert document.state == "in_execution"
    # assigned by name, the executors see the restricted document; an officer elsewhere does not
    assert Document.objects.visible_to(staff["info_officer"]).filter(pk=document.pk).exists()
    assert not Document.objects.visible_to(staff["icd_head"]).filter(pk=document.pk).exists()


def test_report_then_acceptance_removes_from_control_and_executes_the_document(resolution, document, staff):
    responsible, co = resolution.assignments.order_by("id")
    report = assignment_report(actor=staff["info_officer"], assignment=responsible, text="Refutation published",
                               attachments=[SimpleUploadedFile("refutation.pdf", PDF)])
    assert report.outcome == "pending" and card_of(responsible).result == "Refutation published"
    with pytest.raises(PermissionDeniedError):
        report_accept(actor=staff["info_officer"], report=report)  # the executor does not accept their own report
    report_accept(actor=staff["info_head"], report=report)
    assert card_of(responsible).state == "done"
    from documents.models import Attachment
    from documents.services.attachments import attachment_may_download

    file = Attachment.objects.get(original_name="refutation.pdf")
    assert attachment_may_download(user=staff["pr_head"], attachment=file)
    assert not attachment_may_download(user=staff["icd_head"], attachment=file)
    document.refresh_from_db()
    assert document.state == "in_execution"  # the co-executor's part is still open
    second = assignment_report(actor=staff["comm_officer"], assignment=co, text="Figures sent to the newspaper")
    report_accept(actor=staff["pr_head"], report=second)
    document.refresh_from_db()
    assert document.state == "executed"


def test_a_returned_report_keeps_the_assignment_under_control(resolution, staff):
    responsible = resolution.assignments.order_by("id").first()
    report = assignment_report(actor=staff["info_officer"], assignment=responsible, text="Draft only")
    with pytest.raises(ApplicationError) as error:
        report_return(actor=staff["info_head"], report=report, comment="  ")
    assert "comment" in error.value.fields
    report_return(actor=staff["info_head"], report=report, comment="Attach the published text")
    assert AssignmentReport.objects.get(pk=report.pk).outcome == "returned"
    assert card_of(responsible).state == "open"
    with pytest.raises(ApplicationError):
        report_accept(actor=staff["info_head"], report=report)  # already decided


def test_handing_on_inside_the_unit_and_not_past_the_parents_term(resolution, staff, imported):
    responsible = resolution.assignments.order_by("id").first()
    parent_due = timezone.localtime(card_of(responsible).due).date()
    helper = UserFactory(username="info_helper")
    membership_assign(user=helper, unit=imported["İnformasiya sektoru"], kind=PositionKind.OFFICER)
    with pytest.raises(ApplicationError) as error:
        assignment_hand_on(actor=staff["info_officer"], parent=responsible, unit=imported["İnformasiya sektoru"], user=helper,
                           due_date=parent_due + timedelta(days=1))
    assert error.value.code == "term_after_parent" and "due_date" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        assignment_hand_on(actor=staff["info_officer"], parent=responsible, unit=imported["Kommunikasiya sektoru"])
    assert "unit" in error.value.fields
    child = assignment_hand_on(actor=staff["info_officer"], parent=responsible, unit=imported["İnformasiya sektoru"],
                               user=helper)
    assert child.parent == responsible and timezone.localtime(card_of(child).due).date() <= parent_due


def test_only_a_head_of_the_documents_unit_writes_a_resolution(document, staff, imported):
    with pytest.raises(PermissionDeniedError):
        resolution_write(actor=staff["info_officer"], document=document, text="x",
                         executors=[(imported["İnformasiya sektoru"], None)])
    with pytest.raises(PermissionDeniedError):  # a sector head is not a head of the department's document
        resolution_write(actor=staff["info_head"], document=document, text="x",
                         executors=[(imported["İnformasiya sektoru"], None)])
    with pytest.raises(ApplicationError) as error:  # units outside the head's direction
        resolution_write(actor=staff["pr_head"], document=document, text="x",
                         executors=[(imported["International Cooperation Department"], None)])
    assert "executors.0.unit" in error.value.fields
    with pytest.raises(ApplicationError) as error:  # a person who does not work in the unit named
        resolution_write(actor=staff["pr_head"], document=document, text="x",
                         executors=[(imported["İnformasiya sektoru"], staff["comm_officer"])])
    assert "executors.0.executor" in error.value.fields


def test_an_explicit_date_becomes_the_cards_term(document, staff, imported):
    due = timezone.localdate() + timedelta(days=20)
    resolution = resolution_write(actor=staff["pr_head"], document=document, text="By the date",
                                  executors=[(imported["İnformasiya sektoru"], None)], due_date=due)
    card = card_of(resolution.assignments.get())
    assert card.term_unit == "calendar_days" and timezone.localtime(card.due).date() >= due
    with pytest.raises(ApplicationError) as error:
        resolution_write(actor=staff["pr_head"], document=document, text="Yesterday",
                         executors=[(imported["İnformasiya sektoru"], None)], due_date=timezone.localdate())
    assert "due_date" in error.value.fields


def test_each_executor_has_their_own_term(document, staff, imported):
    """The responsible executor on the policy, one co-executor by an earlier date, another on a longer policy."""
    soon = timezone.localdate() + timedelta(days=5)
    resolution = resolution_write(
        actor=staff["pr_head"], document=document, text="Split the work",
        executors=[ExecutorTerm(imported["İctimaiyyətlə əlaqələr şöbəsi"], staff["pr_officer"]),
                   ExecutorTerm(imported["İnformasiya sektoru"], staff["info_officer"], due_date=soon),
                   ExecutorTerm(imported["Kommunikasiya sektoru"], None, policy_code="media.false_report_response")])
    responsible, by_date, urgent = (card_of(a) for a in resolution.assignments.order_by("id"))
    assert responsible.policy.code == "document.default" and responsible.term_value == 30
    assert by_date.term_unit == "calendar_days" and by_date.term_value == 5
    assert urgent.policy.code == "media.false_report_response" and urgent.term_unit == "working_days"
    assert len({responsible.due, by_date.due, urgent.due}) == 3


def test_a_bad_term_names_the_executor_it_belongs_to(document, staff, imported):
    with pytest.raises(ApplicationError) as error:
        resolution_write(actor=staff["pr_head"], document=document, text="x",
                         executors=[(imported["İnformasiya sektoru"], None),
                                    ExecutorTerm(imported["Kommunikasiya sektoru"], due_date=timezone.localdate())])
    assert list(error.value.fields) == ["executors.1.due_date"]
    with pytest.raises(ApplicationError) as error:
        resolution_write(actor=staff["pr_head"], document=document, text="x",
                         executors=[ExecutorTerm(imported["İnformasiya sektoru"], policy_code="no.such")])
    assert list(error.value.fields) == ["executors.0.policy"]
    assert not Assignment.objects.exists() and not ControlCard.objects.exists()


def test_the_api_takes_a_term_per_executor(document, staff, imported):
    head = APIClient()
    head.force_authenticate(staff["pr_head"])
    soon = timezone.localdate() + timedelta(days=7)
    url = f"/api/v1/documents/{document.pk}/resolutions/"
    refused = head.post(url, {"text": "Answer", "executors": [
        {"unit": imported["İnformasiya sektoru"].slug},
        {"unit": imported["Kommunikasiya sektoru"].slug, "due_date": "2001-01-01"}]}, format="json")
    assert refused.status_code == 400 and "executors.1.due_date" in refused.json()["fields"]
    created = head.post(url, {"text": "Answer", "policy": "media.false_report_response", "executors": [
        {"unit": imported["İnformasiya sektoru"].slug},
        {"unit": imported["Kommunikasiya sektoru"].slug, "due_date": soon.isoformat()}]}, format="json")
    assert created.status_code == 201, created.content
    first, second = created.json()["assignments"]
    assert card_of(Assignment.objects.get(pk=first["id"])).policy.code == "media.false_report_response"
    assert date.fromisoformat(second["due"][:10]) >= soon


def test_the_resolution_form_gives_a_co_executor_a_date_and_keeps_a_refused_one(client, document, staff, imported):
    from django.urls import reverse

    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = "en"
    url = reverse("documents:resolution", args=[document.pk])
    typed = {"text": "Two parts", "responsible_unit": imported["İnformasiya sektoru"].slug, "policy": "document.default",
             "co_1_unit": imported["Kommunikasiya sektoru"].slug, "co_1_due_date": timezone.localdate().isoformat()}
    refused = client.post(url, typed)
    body = refused.content.decode()
    assert refused.status_code == 400 and "The term must be a date after today." in body and "Two parts" in body
    assert not Assignment.objects.exists()
    soon = timezone.localdate() + timedelta(days=4)
    assert client.post(url, {**typed, "co_1_due_date": soon.isoformat()}).status_code == 302
    co = Assignment.objects.get(role="co_executor")
    assert co.unit == imported["Kommunikasiya sektoru"] and card_of(co).term_value == 4


def test_the_api_walks_resolution_report_and_acceptance(document, staff, imported):
    head, officer = APIClient(), APIClient()
    head.force_authenticate(staff["pr_head"])
    officer.force_authenticate(staff["info_officer"])
    created = head.post(f"/api/v1/documents/{document.pk}/resolutions/", {
        "text": "Answer the newspaper", "executors": [{"unit": imported["İnformasiya sektoru"].slug,
                                                      "executor": staff["info_officer"].pk}]}, format="json")
    assert created.status_code == 201, created.content
    assignment_id = created.json()["assignments"][0]["id"]
    reported = officer.post(f"/api/v1/documents/assignments/{assignment_id}/report/", {"text": "Answered"}, format="multipart")
    assert reported.status_code == 201, reported.content
    report_id = reported.json()["id"]
    assert officer.post(f"/api/v1/documents/reports/{report_id}/accept/", {}, format="json").status_code == 403
    accepted = head.post(f"/api/v1/documents/reports/{report_id}/accept/", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["outcome"] == "accepted"
    assert head.get(f"/api/v1/documents/{document.pk}/").json()["state"] == "executed"
    outsider = APIClient()
    outsider.force_authenticate(staff["icd_head"])
    assert outsider.post(f"/api/v1/documents/assignments/{assignment_id}/report/", {"text": "x"}, format="multipart").status_code == 404
    assert outsider.post(f"/api/v1/documents/reports/{report_id}/return/", {"comment": "x"}, format="json").status_code == 404
    assert Assignment.objects.count() == 1


def test_the_document_page_walks_a_head_and_an_executor_through_execution(client, document, staff, imported):
    from django.urls import reverse

    page = reverse("documents:document", args=[document.pk])
    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = "en"
    assert "Write a resolution" in client.get(page).content.decode()
    refused = client.post(reverse("documents:resolution", args=[document.pk]), {
        "text": "Prepare the answer", "responsible_unit": imported["İnformasiya sektoru"].slug, "policy": "document.default",
        "due_date": "2001-01-01"})
    assert refused.status_code == 400 and "Prepare the answer" in refused.content.decode()
    written = client.post(reverse("documents:resolution", args=[document.pk]), {
        "text": "Prepare the answer", "responsible_unit": imported["İnformasiya sektoru"].slug,
        "responsible_person": staff["info_officer"].pk, "policy": "document.default"})
    assert written.status_code == 302
    assignment = Assignment.objects.get()
    client.force_login(staff["info_officer"])
    officer_view = client.get(page).content.decode()
    assert "Report what was done" in officer_view and "Write a resolution" not in officer_view
    assert client.post(reverse("documents:assignment-report", args=[assignment.pk]), {"text": ""}).status_code == 400
    assert client.post(reverse("documents:assignment-report", args=[assignment.pk]), {"text": "Answer sent"}).status_code == 302
    report = AssignmentReport.objects.get()
    client.force_login(staff["pr_head"])
    assert "Accept and remove from control" in client.get(page).content.decode()
    assert client.post(reverse("documents:report-decision", args=[report.pk, "accept"]), {"comment": ""}).status_code == 302
    document.refresh_from_db()
    assert document.state == "executed"
    executed = client.get(page).content.decode()
    assert f"{timezone.localdate().strftime('%d.%m.%Y')}</time> — on time</span>" in executed  # the part says when, and in time
    client.force_login(staff["icd_head"])
    assert client.post(reverse("documents:report-decision", args=[report.pk, "return"]), {"comment": "x"}).status_code == 404


def test_the_document_page_hands_work_on_and_refuses_a_later_term(client, resolution, staff, imported):
    from django.urls import reverse

    responsible = resolution.assignments.order_by("id").first()
    parent_due = timezone.localtime(card_of(responsible).due).date()
    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    url = reverse("documents:assignment-hand-on", args=[responsible.pk])
    late = client.post(url, {"unit": imported["İnformasiya sektoru"].slug, "due_date": (parent_due + timedelta(days=3)).isoformat()})
    assert late.status_code == 400 and "cannot be later than the parent assignment" in late.content.decode()
    assert client.post(url, {"unit": imported["İnformasiya sektoru"].slug}).status_code == 302
    assert Assignment.objects.filter(parent=responsible).count() == 1


def test_the_timeline_names_a_resolution_once(client, resolution, document, staff):
    client.force_login(staff["pr_head"])
    html = client.get(f"/documents/{document.pk}/?lang=en").content.decode()
    timeline = html[html.index("Timeline"):]
    # the resolution that put the document into execution is one event, not the resolution and the state change
    assert timeline.count("Resolution: Prepare a refutation with the figures") == 1


def test_the_registry_controls_an_assignment_but_is_not_offered_to_hand_its_work_on(client, staff, imported):
    clerk = UserFactory(username="registry_clerk")
    membership_assign(user=clerk, unit=imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"], kind=PositionKind.CLERK)
    document, _created = document_register(actor=staff["pr_head"], unit=imported["İctimaiyyətlə əlaqələr şöbəsi"],
                                           direction="incoming", subject="Open letter", correspondent="Xalq qəzeti")
    resolution_write(actor=staff["pr_head"], document=document, text="Answer the letter",
                     executors=[(imported["İnformasiya sektoru"], staff["info_officer"])])
    url = f"/documents/{document.pk}/?lang=en"
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert "Answer the letter" in page and "Hand part of the work on" not in page  # the service would refuse the clerk
    client.force_login(staff["info_officer"])
    assert "Hand part of the work on" in client.get(url).content.decode()


def inbox(user):
    from core.models import Notification

    return list(Notification.objects.filter(recipient=user, kind="documents.assignment").order_by("id"))


def test_each_executor_is_told_of_their_part_and_its_term_and_the_head_of_each_report_and_the_executor_of_the_decision(
        resolution, document, staff, imported, settings):
    from core.i18n import deferred_text
    from core.models import OutboundEmail

    responsible, co = resolution.assignments.order_by("id")
    document_url = f"/documents/{document.pk}/"
    for executor, assignment in ((staff["info_officer"], responsible), (staff["comm_officer"], co)):
        [notice] = inbox(executor)
        assert notice.url == document_url and document.number in notice.title
        due = timezone.localtime(card_of(assignment).due)
        assert "Prepare a refutation with the figures" in notice.body and f"{due.day} " in notice.body
        assert OutboundEmail.objects.filter(to=[executor.email], subject=notice.title).exists()  # and by e-mail
    assert inbox(staff["pr_head"]) == []  # not the head who wrote it

    Unit.objects.filter(pk=responsible.unit_id).update(name_ru="Сектор информации")
    report = assignment_report(actor=staff["info_officer"], assignment=responsible, text="Refutation published in Xalq")
    [told] = inbox(staff["pr_head"])  # the head who gave the work
    assert told.url == document_url and told.body == "Refutation published in Xalq"
    with translation.override("ru"):  # the unit named in the reader's language
        assert deferred_text(told.message["title"]) == f"Отчёт по {document.number}: Сектор информации"
    report_return(actor=staff["pr_head"], report=report, comment="Attach the published text")
    returned = inbox(staff["info_officer"])[-1]
    assert returned.body == "Attach the published text"
    with translation.override("ru"):  # read in the reader's language of the day
        assert deferred_text(returned.message["title"]) == f"Ваш отчёт по {document.number} возвращён"
    report_accept(actor=staff["pr_head"], report=assignment_report(actor=staff["info_officer"], assignment=responsible, text="Attached"))
    assert len(inbox(staff["info_officer"])) == 3


def test_a_unit_named_without_an_executor_tells_its_head_and_a_part_handed_on_tells_its_executor(document, staff, imported):
    resolution = resolution_write(actor=staff["pr_head"], document=document, text="Check the figures",
                                  executors=[(imported["İnformasiya sektoru"], None)])
    [notice] = inbox(staff["info_head"])
    assert document.number in notice.title
    helper = UserFactory(username="info_helper")
    membership_assign(user=helper, unit=imported["İnformasiya sektoru"], kind=PositionKind.OFFICER)
    assignment_hand_on(actor=staff["info_head"], parent=resolution.assignments.get(), unit=imported["İnformasiya sektoru"], user=helper)
    assert [n.body.splitlines()[0] for n in inbox(helper)] == [f"{document.subject}: Check the figures"]
    assert len(inbox(staff["info_head"])) == 1  # not told of what they did themselves


def test_the_document_page_keeps_a_constant_number_of_queries_as_parts_are_done(client, document, staff, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    def done_parts(count):
        resolution = resolution_write(actor=staff["pr_head"], document=document, text=f"Part {count}",
                                      executors=[(imported["İnformasiya sektoru"], staff["info_officer"])] * count)
        for assignment in resolution.assignments.all():
            report_accept(actor=staff["pr_head"], report=assignment_report(actor=staff["info_officer"], assignment=assignment, text="Done"))

    client.force_login(staff["pr_head"])
    page = reverse("documents:document", args=[document.pk])
    done_parts(1)
    client.get(page)  # warm the calendar and the caches
    with CaptureQueriesContext(connection) as one:
        assert "on time" in client.get(page, {"lang": "en"}).content.decode()
    done_parts(3)
    with CaptureQueriesContext(connection) as four:
        client.get(page, {"lang": "en"})
    assert len(four) == len(one)


def test_the_registry_reads_a_document_with_many_open_parts_in_a_constant_number_of_queries(client, document, staff, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    Document.objects.filter(pk=document.pk).update(access_level="internal")  # the registry reads internal documents
    clerk = UserFactory(username="registry_clerk")
    membership_assign(user=clerk, unit=imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"], kind=PositionKind.CLERK)
    client.force_login(clerk)  # controls every part (its roles asked once per unit), hands none on
    page = reverse("documents:document", args=[document.pk])
    resolution_write(actor=staff["pr_head"], document=document, text="A", executors=[(imported["İnformasiya sektoru"], staff["info_officer"])])
    client.get(page)
    with CaptureQueriesContext(connection) as one:
        assert client.get(page, {"lang": "en"}).status_code == 200
    resolution_write(actor=staff["pr_head"], document=document, text="B",
                     executors=[(imported["İnformasiya sektoru"], staff["info_officer"])] * 3)
    with CaptureQueriesContext(connection) as four:
        client.get(page, {"lang": "en"})
    assert len(four) == len(one)


def test_the_executor_reads_a_document_with_many_parts_to_hand_on_in_a_constant_number_of_queries(client, document, staff, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(staff["info_officer"])  # may hand on and report every part
    page = reverse("documents:document", args=[document.pk])
    resolution_write(actor=staff["pr_head"], document=document, text="A", executors=[(imported["İnformasiya sektoru"], staff["info_officer"])])
    client.get(page)
    with CaptureQueriesContext(connection) as one:
        assert client.get(page, {"lang": "en"}).content.decode().count("Hand part of the work on") == 1
    resolution_write(actor=staff["pr_head"], document=document, text="B",
                     executors=[(imported["İnformasiya sektoru"], staff["info_officer"])] * 3)
    with CaptureQueriesContext(connection) as four:
        html = client.get(page, {"lang": "en"}).content.decode()
    assert html.count("Hand part of the work on") == 4
    assert html.count(f'<option value="{staff["info_officer"].pk}"') == 4  # every form offers the unit's people
    assert len(four) == len(one)


def test_a_report_waits_on_the_desk_of_the_head_who_gave_the_work_until_decided(client, resolution, document, staff, imported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    responsible, co = resolution.assignments.order_by("id")
    report = assignment_report(actor=staff["info_officer"], assignment=responsible, text="The refutation is drafted")

    def desk(user):
        client.force_login(user)
        return client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()

    head_desk = desk(staff["pr_head"])
    assert "1</strong> <span>report waits for your decision" in head_desk
    assert "reported card" not in head_desk  # the part's report is decided on the document, not counted twice
    for other in ("info_officer", "info_head", "icd_head"):  # the executor, a head below, a head elsewhere
        assert "waits for your decision" not in desk(staff[other])
    client.force_login(staff["pr_head"])
    mine = client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()
    assert "Reports waiting for my decision (1)" in mine
    link = f'{reverse("documents:document", args=[document.pk])}?decide={report.pk}#report-{report.pk}'
    assert link in mine
    opened = client.get(link.split("#")[0]).content.decode()  # the decision's form is open where the link lands
    assert f'id="report-{report.pk}"' in opened and "<details open><summary>Decide on the report" in opened.replace("\n", "")
    assert "<details open><summary>Decide" not in client.get(reverse("documents:document", args=[document.pk])).content.decode()

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("documents:my-control"))
    assignment_report(actor=staff["comm_officer"], assignment=co, text="The sector's part is done")
    with CaptureQueriesContext(connection) as two:
        assert "Reports waiting for my decision (2)" in client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()
    assert len(two) == len(one)

    # while the head is away, the one acting for them finds the reports on their desk
    from units.models import Acting, Position

    stand_in = UserFactory(username="stand_in")
    Acting.objects.create(position=Position.objects.get(unit=document.unit, kind=PositionKind.HEAD), user=stand_in,
                          start=timezone.localdate(), end=timezone.localdate() + timedelta(days=5))
    assert "2</strong> <span>reports wait for your decision" in desk(stand_in)
    client.force_login(staff["pr_head"])

    from documents.services.control import control_close

    control_close(card=card_of(co), actor=staff["pr_head"], cancelled=True)  # a part no longer under control waits for nothing
    assert "Reports waiting for my decision (1)" in client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()
    report_return(actor=staff["pr_head"], report=report, comment="Add the figures")
    assert "waits for your decision" not in desk(staff["pr_head"])
    assert "Reports waiting for my decision" not in client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()



def test_when_the_head_who_gave_the_work_has_left_the_post_the_report_waits_for_the_new_head(client, resolution, document, staff):
    from django.urls import reverse

    from documents.selectors.control import reports_to_decide
    from units.models import Membership

    today = timezone.localdate()
    Assignment.objects.filter(resolution=resolution).update(created_at=timezone.now() - timedelta(days=20))
    responsible, co = resolution.assignments.order_by("id")
    # the head who wrote the resolution left the post last week (as the admin records it); a new head took it today
    Membership.objects.filter(user=staff["pr_head"], position__unit=document.unit).update(end=today - timedelta(days=7))
    new_head = UserFactory(username="new_head", preferred_language="en")
    membership_assign(user=new_head, unit=document.unit, kind=PositionKind.HEAD, start=today)

    report = assignment_report(actor=staff["info_officer"], assignment=responsible, text="The refutation is drafted")
    assert [n.body for n in inbox(new_head)] == ["The refutation is drafted"]  # told
    assert inbox(staff["pr_head"]) == []  # who no longer runs the department is not
    assert list(reports_to_decide(user=new_head)) == [report]
    assert list(reports_to_decide(user=staff["pr_head"])) == []
    assert list(reports_to_decide(user=staff["pr_deputy"])) == []  # another post's holder: not theirs to decide
    client.force_login(new_head)
    assert "1</strong> <span>report waits for your decision" in client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    report_accept(actor=new_head, report=report)
    assert list(reports_to_decide(user=new_head)) == []

    # work the new head's predecessor gave from another post (before heading the department) does not pass to them
    Membership.objects.filter(user=staff["pr_head"], position__unit=document.unit).update(start=today - timedelta(days=10))
    assignment_report(actor=staff["comm_officer"], assignment=co, text="The sector's part is done")
    assert list(reports_to_decide(user=new_head)) == []


def test_a_report_on_a_part_handed_on_reaches_the_head_of_its_unit_and_whoever_acts_for_the_giver(resolution, staff, imported):
    from units.models import Acting, Position

    responsible, _co = resolution.assignments.order_by("id")
    helper = UserFactory(username="info_helper", preferred_language="en")
    membership_assign(user=helper, unit=imported["İnformasiya sektoru"], kind=PositionKind.OFFICER)
    part = assignment_hand_on(actor=staff["info_officer"], parent=responsible, unit=imported["İnformasiya sektoru"], user=helper)
    assignment_report(actor=helper, assignment=part, text="The figures are checked")
    assert [n.body for n in inbox(staff["info_head"])] == ["The figures are checked"]  # the sector's head decides it

    stand_in = UserFactory(username="stand_in", preferred_language="en")
    Acting.objects.create(position=Position.objects.get(unit=responsible.document.unit, kind=PositionKind.HEAD), user=stand_in,
                          start=timezone.localdate(), end=timezone.localdate() + timedelta(days=5))
    assignment_report(actor=staff["info_officer"], assignment=responsible, text="The refutation is drafted")
    assert [n.body for n in inbox(stand_in)] == ["The refutation is drafted"]  # the head is away: the one acting is told
    assert [n.body for n in inbox(staff["pr_head"])] == ["The refutation is drafted"]


def test_the_head_opens_the_files_sent_with_a_report_from_the_document_page(client, resolution, document, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from documents.models import Attachment

    responsible, co = resolution.assignments.order_by("id")
    assignment_report(actor=staff["info_officer"], assignment=responsible, text="The reference is attached",
                      attachments=[SimpleUploadedFile("reference.pdf", PDF)])
    attachment = Attachment.objects.get(original_name="reference.pdf")
    client.force_login(staff["pr_head"])
    page = reverse("documents:document", args=[document.pk])
    html = client.get(page).content.decode()
    assert f'href="{reverse("documents:attachment", args=[attachment.pk])}">reference.pdf</a>' in html
    assert b"".join(client.get(reverse("documents:attachment", args=[attachment.pk])).streaming_content) == PDF
    client.force_login(staff["icd_head"])  # who may not see the document
    assert client.get(reverse("documents:attachment", args=[attachment.pk])).status_code == 404

    client.force_login(staff["pr_head"])
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    assignment_report(actor=staff["comm_officer"], assignment=co, text="Two more files",
                      attachments=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)])
    with CaptureQueriesContext(connection) as two:
        assert ">b.pdf</a>" in client.get(page).content.decode()
    assert len(two) == len(one)


def test_an_api_client_reads_the_work_on_a_document_and_the_reports_waiting_for_its_decision(resolution, document, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    head, officer, outsider = APIClient(), APIClient(), APIClient()
    head.force_authenticate(staff["pr_head"])
    officer.force_authenticate(staff["info_officer"])
    outsider.force_authenticate(staff["icd_head"])
    detail = f"/api/v1/documents/{document.pk}/"

    [seen] = officer.get(detail).json()["resolutions"]
    mine, theirs = seen["assignments"]
    assert (mine["executor"], mine["may_report"], mine["may_decide"], mine["reports"]) == (staff["info_officer"].pk, True, False, [])
    card = officer.get(f"/api/v1/control/cards/{mine['card']}/").json()
    assert (card["item_type"], card["item_id"]) == ("assignment", mine["id"])
    # another unit's card: its term and state are given, its id only to those who may open it
    assert theirs["due"] and theirs["state"] == "open" and not theirs["may_report"]
    other_card = card_of(Assignment.objects.get(pk=theirs["id"]))
    assert theirs["card"] is None and officer.get(f"/api/v1/control/cards/{other_card.pk}/").status_code == 404

    sent = officer.post(f"/api/v1/documents/assignments/{mine['id']}/report/",
                        {"text": "Drafted", "attachments": [SimpleUploadedFile("draft.pdf", PDF)]}, format="multipart")
    assert sent.status_code == 201, sent.content
    assert officer.get("/api/v1/documents/reports/waiting/").json()["results"] == []
    [waiting] = head.get("/api/v1/documents/reports/waiting/").json()["results"]
    assert (waiting["id"], waiting["document"], waiting["document_number"], waiting["author"]) == (
        sent.json()["id"], document.pk, document.number, staff["info_officer"].pk)
    assert waiting["attachments"][0]["original_name"] == "draft.pdf"
    [seen] = head.get(detail).json()["resolutions"]
    [report] = seen["assignments"][0]["reports"]
    assert seen["assignments"][0]["may_decide"] and report["outcome"] == "pending" and report["attachments"][0]["url"]
    assert outsider.get(detail).status_code == 404 and outsider.get("/api/v1/documents/reports/waiting/").json()["results"] == []

    with CaptureQueriesContext(connection) as before:
        head.get(detail)
    resolution_write(actor=staff["pr_head"], document=document, text="More", executors=[(resolution.assignments.first().unit, staff["info_officer"])] * 3)
    with CaptureQueriesContext(connection) as after:
        assert len(head.get(detail).json()["resolutions"]) == 2
    assert len(after) == len(before)

    assert head.post(f"/api/v1/documents/reports/{waiting['id']}/accept/", {}, format="json").status_code == 200
    assert head.get("/api/v1/documents/reports/waiting/").json()["results"] == []


def test_a_parts_card_points_to_its_document_where_it_is_reported_and_accepted(client, resolution, document, staff):
    from django.urls import reverse

    responsible, _co = resolution.assignments.order_by("id")
    card = card_of(responsible)
    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("documents:card", args=[card.pk])).content.decode()
    anchor = f'{reverse("documents:document", args=[document.pk])}#assignment-{responsible.pk}'
    assert f'<a href="{anchor}">Document {document.number}</a>' in page and "Report what was done" not in page
    assert f'id="assignment-{responsible.pk}"' in client.get(reverse("documents:document", args=[document.pk])).content.decode()

    head = APIClient()
    head.force_authenticate(staff["pr_head"])
    closed = head.post(f"/api/v1/control/cards/{card.pk}/close/", {"result": "Done"}, format="json")
    assert closed.status_code == 400 and closed.json()["code"] == "item_workflow"
    # a term is still extended on the card: the document has no step of its own for that
    extended = head.post(f"/api/v1/control/cards/{card.pk}/extend/", {"value": 3, "reason": "Figures late", "legal_basis": "Instruction 4.2"},
                         format="json")
    assert extended.status_code == 200, extended.content
    report_accept(actor=staff["pr_head"], report=assignment_report(actor=staff["info_officer"], assignment=responsible, text="Done"))
    card.refresh_from_db()
    assert card.state == "done"


def test_a_second_report_waits_until_the_first_is_decided(client, resolution, document, staff):
    from django.urls import reverse

    responsible, _co = resolution.assignments.order_by("id")
    first = assignment_report(actor=staff["info_officer"], assignment=responsible, text="Drafted")
    with pytest.raises(ApplicationError) as refused:
        assignment_report(actor=staff["info_officer"], assignment=responsible, text="Drafted again")
    assert refused.value.code == "report_pending" and responsible.reports.count() == 1
    client.force_login(staff["info_officer"])
    page = reverse("documents:document", args=[document.pk])
    assert "Report what was done" not in client.get(page, {"lang": "en"}).content.decode()
    report_return(actor=staff["pr_head"], report=first, comment="Add the figures")
    assert "Report what was done" in client.get(page, {"lang": "en"}).content.decode()
    assignment_report(actor=staff["info_officer"], assignment=responsible, text="With the figures")
    assert list(responsible.reports.values_list("outcome", flat=True)) == ["returned", "pending"]


def test_a_report_on_work_an_officer_handed_on_waits_for_the_units_head(client, resolution, staff, imported):
    from django.urls import reverse

    responsible, _co = resolution.assignments.order_by("id")
    helper = UserFactory(username="info_helper")
    membership_assign(user=helper, unit=imported["İnformasiya sektoru"], kind=PositionKind.OFFICER)
    child = assignment_hand_on(actor=staff["info_officer"], parent=responsible, unit=imported["İnformasiya sektoru"], user=helper)
    assignment_report(actor=helper, assignment=child, text="The figures are checked")

    def waiting(user):
        client.force_login(user)
        return client.get(reverse("documents:my-control"), {"lang": "en"}).content.decode()

    assert "Reports waiting for my decision (1)" in waiting(staff["info_head"])  # the sector's head, who may decide it
    assert "Reports waiting for my decision" not in waiting(staff["info_officer"])  # who handed it on may not
