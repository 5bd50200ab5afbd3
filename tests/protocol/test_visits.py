from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from tests.protocol.conftest import EVENTS, at

pytestmark = pytest.mark.django_db


def test_a_visit_goes_from_proposal_to_report_each_step_in_its_history(people, partner, mincom, imported):
    from documents.models import ControlCard
    from protocol.services.visits import visit_move, visit_report_file, visit_save

    start = timezone.localdate() - timedelta(days=5)
    visit = visit_save(actor=people["events_head"], organisation=mincom, organising_unit=imported[EVENTS], values={
        "direction": "outgoing", "title": "Study visit to Tbilisi", "purpose": "E-government services", "partner": partner,
        "country": "Georgia", "city": "Tbilisi", "starts_on": start, "ends_on": start + timedelta(days=2), "level": "head",
        "languages": "az"})
    with pytest.raises(PermissionDeniedError):
        visit_move(actor=people["events_head"], visit=visit, action="approve")  # the minister's office approves
    visit_move(actor=people["deputy_minister"], visit=visit, action="approve")
    with pytest.raises(ApplicationError):
        visit_move(actor=people["events_head"], visit=visit, action="complete")  # not yet begun
    for action in ("confirm", "start", "complete"):
        visit = visit_move(actor=people["events_head"], visit=visit, action=action)
    assert visit.state == "completed"
    card = ControlCard.objects.get(object_id=visit.pk, content_type__model="visit")
    assert card.policy.code == "protocol.visit_report" and card.responsible_unit == imported[EVENTS] and card.state == "open"

    with pytest.raises(ApplicationError) as short:
        visit_report_file(actor=people["icd_head"], visit=visit, report="Done.")
    assert "report" in short.value.fields
    visit = visit_report_file(actor=people["icd_head"], visit=visit,
                              report="The delegation agreed a roadmap on e-signatures; details attached to the minutes.")
    card.refresh_from_db()
    assert visit.state == "report_filed" and card.state == "done"
    states = [record.state for record in visit.history.order_by("history_date")]
    assert states == ["proposed", "approved", "confirmed", "in_progress", "completed", "report_filed"]
    assert visit.history.latest().history_user == people["icd_head"]


def test_cancelling_needs_a_reason_and_takes_the_programme_off_the_agendas(people, incoming_visit):
    from protocol.services.visits import programme_item_save, visit_move
    from units.models import AgendaEntry

    day = incoming_visit.starts_on
    programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["deputy_minister"]],
                        values={"starts_at": at(day, 10), "ends_at": at(day, 11), "activity": "Talks", "place": "Ministry"})
    assert AgendaEntry.objects.filter(official=people["deputy_minister"]).count() == 1
    with pytest.raises(ApplicationError) as error:
        visit_move(actor=people["events_officer"], visit=incoming_visit, action="cancel")
    assert "reason" in error.value.fields
    visit = visit_move(actor=people["events_officer"], visit=incoming_visit, action="cancel", reason="The partner postponed")
    assert visit.state == "cancelled" and visit.cancel_reason == "The partner postponed"
    assert not AgendaEntry.objects.filter(official=people["deputy_minister"]).exists()


def test_a_programme_flags_an_official_in_two_places_at_once(people, incoming_visit, mincom, imported, partner):
    from protocol.selectors import programme_with_clashes
    from protocol.services.meetings import meeting_save
    from protocol.services.visits import programme_item_save

    day = incoming_visit.starts_on
    meeting, _none = meeting_save(actor=people["icd_head"], organisation=mincom, organising_unit=imported[EVENTS],
                                  officials=[people["deputy_minister"]], values={
                                      "partner": partner, "title": "Courtesy call of the ambassador", "starts_at": at(day, 10, 30),
                                      "ends_at": at(day, 11, 30), "place": "Ministry, room 4", "guests": "H.E. the Ambassador"})
    item, clashes = programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["deputy_minister"]],
                                        values={"starts_at": at(day, 10), "ends_at": at(day, 11), "activity": "Official talks",
                                                "place": "Ministry, hall 1", "guests": "Deputy minister of Georgia"})
    assert [c.title for c in clashes] == ["Courtesy call of the ambassador"]
    shown = programme_with_clashes(visit=incoming_visit)
    assert [c.official for c in shown[0].clashes] == [people["deputy_minister"]]
    # resolved: the talks move to the afternoon
    programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["deputy_minister"]], item=item,
                        values={"starts_at": at(day, 14), "ends_at": at(day, 15)})
    assert programme_with_clashes(visit=incoming_visit)[0].clashes == []
    assert meeting.pk


def test_bad_times_answer_with_the_field(people, incoming_visit):
    from protocol.services.visits import member_save, programme_item_save

    day = incoming_visit.starts_on
    with pytest.raises(ApplicationError) as error:
        programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[],
                            values={"starts_at": at(day, 12), "ends_at": at(day, 11), "activity": "Lunch", "place": "Hotel"})
    assert "ends_at" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[],
                            values={"starts_at": at(day + timedelta(days=9), 12), "ends_at": at(day + timedelta(days=9), 13),
                                    "activity": "Lunch", "place": "Hotel"})
    assert "starts_at" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        member_save(actor=people["events_officer"], visit=incoming_visit, values={
            "full_name": "Nino Beridze", "arrival_at": at(day, 12), "departure_at": at(day, 9)})
    assert "departure_at" in error.value.fields


def test_the_meeting_form_names_every_mistake_on_the_first_answer(client, people, mincom, imported, partner):
    day = timezone.localdate() + timedelta(days=5)
    client.force_login(people["events_officer"])
    response = client.post("/protocol/meetings/", {
        "organisation": mincom.pk, "organising_unit": imported[EVENTS].pk, "title": "",
        "starts_at": f"{day:%Y-%m-%d}T12:00", "ends_at": f"{day:%Y-%m-%d}T11:00", "place": "Ministry",
        "partner": partner.pk, "guests": "H.E. the Ambassador"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "officials", "ends_at"}


def test_the_visit_form_names_every_mistake_on_the_first_answer(client, people, mincom, imported, partner):
    day = timezone.localdate() + timedelta(days=20)
    client.force_login(people["events_officer"])
    response = client.post("/protocol/", {
        "organisation": mincom.pk, "organising_unit": imported[EVENTS].pk, "direction": "incoming", "invited_by": "",
        "title": "", "purpose": "Talks", "partner": partner.pk, "country": "Georgia", "starts_on": f"{day:%Y-%m-%d}",
        "ends_on": f"{day - timedelta(days=2):%Y-%m-%d}", "level": "expert", "languages": ["az", "en"]})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "invited_by", "ends_on"}


def test_the_member_form_names_every_mistake_on_the_first_answer(client, people, incoming_visit):
    day = incoming_visit.starts_on
    client.force_login(people["events_officer"])
    response = client.post(f"/protocol/visits/{incoming_visit.pk}/", {
        "action": "member", "full_name": "", "role": "member", "arrival_at": f"{day:%Y-%m-%d}T12:00",
        "departure_at": f"{day:%Y-%m-%d}T09:00"})
    assert response.status_code == 400
    assert set(response.context["forms"]["member"].errors) == {"full_name", "departure_at"}


def test_the_item_form_names_every_mistake_on_the_first_answer(client, people, incoming_visit):
    day = incoming_visit.starts_on
    client.force_login(people["events_officer"])
    client.cookies["portal_language"] = "en"
    response = client.post(f"/protocol/visits/{incoming_visit.pk}/", {
        "action": "item", "starts_at": f"{day:%Y-%m-%d}T12:00", "ends_at": f"{day:%Y-%m-%d}T11:00", "activity": "", "place": ""})
    assert response.status_code == 400
    # the missing fields and the times that run backwards together, not the times only after the fields are filled
    assert set(response.context["forms"]["item"].errors) == {"ends_at", "activity", "place"}
    assert "The item ends after it starts." in response.content.decode()


def test_the_delegation_is_listed_in_order_of_precedence_and_the_letter_states_the_purpose(people, incoming_visit, client):
    from protocol.services.letters import visit_letter_create
    from protocol.services.visits import member_save

    # entered as they came to hand: the interpreter before the members, the head last
    for name, role in [("Tamar Lomidze", "interpreter"), ("Zurab Abashidze", "member"), ("Giorgi Kapanadze", "member"),
                       ("Nino Beridze", "head")]:
        member_save(actor=people["events_officer"], visit=incoming_visit, values={"full_name": name, "role": role})
    precedence = ["Nino Beridze", "Zurab Abashidze", "Giorgi Kapanadze", "Tamar Lomidze"]  # members as entered

    body = visit_letter_create(actor=people["events_officer"], visit=incoming_visit, kind="visa_support", language="en").draft.body
    assert [body.index(name) for name in precedence] == sorted(body.index(name) for name in precedence)
    assert "Purpose of the visit: Mutual recognition of e-signatures" in body  # the purpose, not the title again
    client.force_login(people["events_officer"])
    page = client.get(f"/protocol/visits/{incoming_visit.pk}/?lang=en").content.decode()
    assert [page.index(name) for name in precedence] == sorted(page.index(name) for name in precedence)


def test_the_visa_support_letter_goes_through_the_approval_chain_into_the_registry(people, incoming_visit):
    from documents.models import Document
    from documents.services.approval import approval_current_step, approval_decide, approval_routes
    from documents.services.drafts import draft_send_for_approval
    from protocol.services.letters import visit_letter_create
    from protocol.services.visits import member_save

    member_save(actor=people["events_officer"], visit=incoming_visit, values={
        "full_name": "Nino Beridze", "position": "Deputy minister", "role": "head", "passport_number": "GE1234567"})
    letter = visit_letter_create(actor=people["events_officer"], visit=incoming_visit, kind="visa_support", language="en")
    draft = letter.draft
    assert "Nino Beridze" in draft.body and "GE1234567" not in draft.body  # passport data stays out of the registry
    assert draft.unit.name == EVENTS and "Consular" in draft.addressee
    draft_send_for_approval(actor=people["events_officer"], draft=draft, visas=[people["events_head"]], signer=people["icd_head"])
    route = approval_routes(draft).last()
    approval_decide(step=approval_current_step(route), actor=people["events_head"], approve=True)
    approval_decide(step=approval_current_step(route), actor=people["icd_head"], approve=True)
    draft.refresh_from_db()
    document = Document.objects.get(pk=draft.document_id)
    assert draft.state == "signed" and document.direction == "outgoing" and document.number
    assert document.subject.startswith("Visa support for the delegation of Ministry of Digital Affairs")


def test_a_diplomatic_note_is_written_in_the_language_chosen(people, incoming_visit):
    from protocol.services.letters import visit_letter_create

    letter = visit_letter_create(actor=people["events_officer"], visit=incoming_visit, kind="note", language="ru")
    assert letter.draft.addressee == "Ministry of Digital Affairs"
    assert "свидетельствует своё уважение" in letter.draft.body or "уважение" in letter.draft.body


def _passport_member(people, visit):
    from protocol.services.visits import member_save

    return member_save(actor=people["events_officer"], visit=visit, values={
        "full_name": "Nino Beridze", "role": "head", "hotel": "Hilton Baku", "passport_number": "GE1234567",
        "passport_country": "Georgia", "date_of_birth": timezone.datetime(1980, 5, 1).date()})


@pytest.mark.parametrize("who,sees", [("events_officer", True), ("events_head", True), ("icd_head", True),
                                      ("deputy_minister", True), ("relations_officer", False)])
def test_passport_data_is_for_the_organising_unit_its_head_and_the_leadership(client, people, incoming_visit, who, sees):
    from openpyxl import load_workbook

    member = _passport_member(people, incoming_visit)
    client.force_login(people[who])
    page = client.get(f"/protocol/visits/{incoming_visit.pk}/")
    assert page.status_code == 200 and "Nino Beridze" in page.content.decode()
    assert ("GE1234567" in page.content.decode()) is sees
    api = client.get(f"/api/v1/protocol/visits/{incoming_visit.pk}/members/").json()
    assert ("passport_number" in api[0]) is sees and ("date_of_birth" in api[0]) is sees
    one = client.get(f"/api/v1/protocol/visits/{incoming_visit.pk}/members/{member.pk}/").json()
    assert ("GE1234567" in str(one)) is sees
    sheet = load_workbook(BytesIO(client.get(f"/protocol/visits/{incoming_visit.pk}/delegation.xlsx").content)).active
    assert ("GE1234567" in str(list(sheet.values))) is sees
    assert not hasattr(member.history.model, "passport_number")  # the history keeps no passport data for anyone


def test_an_outsider_changing_a_member_through_the_api_cannot_touch_the_passport(client, people, incoming_visit):
    member = _passport_member(people, incoming_visit)
    client.force_login(people["relations_officer"])
    answer = client.patch(f"/api/v1/protocol/visits/{incoming_visit.pk}/members/{member.pk}/",
                          {"hotel": "Fairmont", "passport_number": "XX0000000"}, content_type="application/json")
    assert answer.status_code == 200 and "passport_number" not in answer.json()
    member.refresh_from_db()
    assert member.hotel == "Fairmont" and member.passport_number == "GE1234567"


def test_staff_of_other_units_do_not_see_the_visit_at_all(client, people, incoming_visit):
    client.force_login(people["pr_officer"])
    assert client.get(f"/protocol/visits/{incoming_visit.pk}/").status_code == 404
    assert client.get(f"/api/v1/protocol/visits/{incoming_visit.pk}/members/").status_code == 404
    assert client.get(f"/protocol/visits/{incoming_visit.pk}/delegation.xlsx").status_code == 404
    assert client.get("/api/v1/protocol/visits/").json()["results"] == []


def test_the_programme_prints_as_pdf_in_the_visit_languages_and_exports_to_icalendar(client, people, incoming_visit):
    from protocol.services.visits import programme_item_save

    day = incoming_visit.starts_on
    programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["deputy_minister"]],
                        values={"starts_at": at(day, 10), "ends_at": at(day, 11), "activity": "Official talks", "place": "Ministry"})
    client.force_login(people["events_officer"])
    pdf = client.get(f"/protocol/visits/{incoming_visit.pk}/programme.pdf?lang=en")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(f"/protocol/visits/{incoming_visit.pk}/programme.pdf?lang=ru").status_code == 404  # not a visit language
    ics = client.get(f"/protocol/visits/{incoming_visit.pk}/programme.ics").content.decode()
    assert "SUMMARY:Official talks" in ics and "TZID=Asia/Baku" in ics


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_visit_page_costs_the_same_queries_for_a_long_programme(client, people, incoming_visit):
    from protocol.services.visits import member_save, programme_item_save

    day = incoming_visit.starts_on
    officials = [people["deputy_minister"], people["icd_head"]]

    def add(hour):
        programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=officials,
                            values={"starts_at": at(day, hour), "ends_at": at(day, hour, 50), "activity": f"Item {hour}", "place": "Hall"})
        member_save(actor=people["events_officer"], visit=incoming_visit, values={"full_name": f"Guest {hour}"})

    add(9)
    client.force_login(people["events_officer"])
    url = f"/protocol/visits/{incoming_visit.pk}/"
    _queries(client, url)
    one = _queries(client, url)
    for hour in range(10, 16):
        add(hour)
    assert _queries(client, url) == one


def test_the_lists_cost_the_same_queries_for_more_visits(client, people, partner, mincom, imported):
    from protocol.services.visits import visit_save

    def propose(n):
        start = timezone.localdate() + timedelta(days=n)
        visit_save(actor=people["events_officer"], organisation=mincom, organising_unit=imported[EVENTS], values={
            "direction": "incoming", "invited_by": "ministry", "title": f"Visit {n}", "purpose": "Talks", "partner": partner,
            "country": "Georgia", "starts_on": start, "ends_on": start, "level": "expert", "languages": "en"})

    propose(1)
    client.force_login(people["events_officer"])
    urls = ["/protocol/", "/api/v1/protocol/visits/", f"/protocol/partners/{partner.pk}/", "/protocol/partners/"]
    before = [_queries(client, url) for url in urls]
    for n in range(2, 8):
        propose(n)
    assert [_queries(client, url) for url in urls] == before


def test_removing_from_the_page_takes_the_item_off_the_agenda_and_a_foreign_id_is_404(client, people, incoming_visit, partner,
                                                                                         mincom, imported):
    from protocol.services.visits import member_save, programme_item_save, visit_save
    from units.models import AgendaEntry

    day = incoming_visit.starts_on
    item, _clashes = programme_item_save(actor=people["events_officer"], visit=incoming_visit, officials=[people["icd_head"]],
                                         values={"starts_at": at(day, 10), "ends_at": at(day, 11), "activity": "Talks", "place": "Hall"})
    other = visit_save(actor=people["events_officer"], organisation=mincom, organising_unit=imported[EVENTS], values={
        "direction": "incoming", "invited_by": "ministry", "title": "Another", "purpose": "Talks", "partner": partner,
        "country": "Georgia", "starts_on": day, "ends_on": day, "level": "expert", "languages": "en"})
    foreign = member_save(actor=people["events_officer"], visit=other, values={"full_name": "Someone Else"})
    client.force_login(people["events_officer"])
    url = f"/protocol/visits/{incoming_visit.pk}/"
    assert client.post(url, {"action": "member_remove", "member": foreign.pk}).status_code == 404
    assert client.post(url, {"action": "item_remove", "item": "x1"}).status_code == 404
    assert client.post(url, {"action": "item_remove", "item": item.pk}).status_code == 302
    assert not AgendaEntry.objects.filter(official=people["icd_head"]).exists()
    assert other.members.count() == 1


def test_a_visit_letter_is_a_link_only_for_those_who_may_open_its_draft(client, people, incoming_visit):
    from django.urls import reverse

    from protocol.services.letters import visit_letter_create

    letter = visit_letter_create(actor=people["events_officer"], visit=incoming_visit, kind="note", language="en")
    draft_url = reverse("documents:draft", args=[letter.draft_id])
    visit_url = reverse("protocol:visit", args=[incoming_visit.pk])
    for reader, opens in (("events_officer", True), ("icd_head", True), ("relations_officer", False)):
        client.force_login(people[reader])
        page = client.get(visit_url, {"lang": "en"})
        assert page.status_code == 200 and "Diplomatic note" in page.content.decode()
        assert (draft_url in page.content.decode()) is opens, reader
        draft_page = client.get(draft_url)
        assert draft_page.status_code == (200 if opens else 404), reader
        if opens:  # the approver reads the letter beside the visit it was written for
            assert f'href="{visit_url}"' in draft_page.content.decode(), reader


def test_the_programme_languages_are_ticked_on_the_page_and_kept_as_codes(client, people, partner, mincom, imported):
    from protocol.models import Visit

    client.force_login(people["events_officer"])
    start = (timezone.localdate() + timedelta(days=20)).isoformat()
    proposal = {"organisation": mincom.pk, "organising_unit": imported[EVENTS].pk, "direction": "incoming",
                "invited_by": "ministry", "title": "Delegation from Tbilisi", "purpose": "Talks", "partner": partner.pk,
                "country": "Georgia", "starts_on": start, "ends_on": start, "level": "expert"}
    page = client.post("/protocol/", proposal)  # no language ticked
    assert page.status_code == 400 and not Visit.objects.exists()
    assert page.context["form"].errors["languages"]
    assert 'value="Delegation from Tbilisi"' in page.content.decode()  # nothing typed is lost

    response = client.post("/protocol/", {**proposal, "languages": ["ru", "az"]})
    visit = Visit.objects.get()
    assert response.status_code == 302 and visit.languages == "az,ru" and visit.language_codes == ["az", "ru"]
    edit = client.get(f"/protocol/visits/{visit.pk}/").context["forms"]["edit"]
    ticked = [box.data["value"] for box in edit["languages"] if box.data["selected"]]
    assert ticked == ["az", "ru"]
    assert client.post("/protocol/", {**proposal, "languages": ["de"]}).status_code == 400  # not a portal language
