"""Work plans: items cite the unit's duties; a plan is returned, re-submitted and approved by the head of
the parent department; approval puts every item under control; the period report shows the outcomes and
the duties nobody planned."""

import re
from datetime import date

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from documents.models import ControlCard, WorkPlan
from documents.services.control import control_close
from documents.services.plans import (
    plan_approve,
    plan_create,
    plan_item_add,
    plan_item_drop,
    plan_report_build,
    plan_return,
    plan_submit,
)
from units.models import Clause

pytestmark = pytest.mark.django_db


def quarter_now():
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


@pytest.fixture
def sector(imported):
    return imported["İnformasiya sektoru"]


@pytest.fixture
def duties(sector):
    return list(Clause.objects.substantive().filter(unit=sector, kind="duty").order_by("sort_key"))


@pytest.fixture
def plan(staff, sector):
    year, quarter = quarter_now()
    return plan_create(actor=staff["info_head"], unit=sector, period="quarter", year=year, number=quarter)


def last_day(plan):
    return plan.bounds[1]


def test_items_cite_only_the_units_own_or_its_departments_duties(plan, staff, duties, imported):
    item = plan_item_add(actor=staff["info_head"], plan=plan, title="Weekly digest of publications", clauses=duties[:2],
                         responsible=staff["info_officer"], due_date=last_day(plan))
    assert list(item.clauses.all()) == duties[:2]
    icd_clause = Clause.objects.filter(unit=imported["International Cooperation Department"]).first()
    with pytest.raises(ApplicationError) as error:
        plan_item_add(actor=staff["info_head"], plan=plan, title="Visits", clauses=[icd_clause],
                      responsible=staff["info_officer"], due_date=last_day(plan))
    assert error.value.code == "foreign_clause" and "clauses" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        plan_item_add(actor=staff["info_head"], plan=plan, title="Late", clauses=duties[:1],
                      responsible=staff["info_officer"], due_date=date(plan.year + 1, 6, 1))
    assert "due_date" in error.value.fields


def test_returned_then_resubmitted_then_approved_opens_a_card_per_item(plan, staff, duties):
    plan_item_add(actor=staff["info_head"], plan=plan, title="Digest", clauses=duties[:1], responsible=staff["info_officer"],
                  due_date=last_day(plan))
    plan_submit(actor=staff["info_head"], plan=plan)
    with pytest.raises(PermissionDeniedError):
        plan_approve(actor=staff["info_head"], plan=plan)  # a sector head does not approve their own plan
    plan_return(actor=staff["pr_head"], plan=plan, comment="Add the social media monitoring")
    plan.refresh_from_db()
    assert plan.state == "returned" and plan.comment == "Add the social media monitoring"
    plan_item_add(actor=staff["info_officer"], plan=plan, title="Social media monitoring", clauses=duties[1:2],
                  responsible=staff["info_officer"], due_date=last_day(plan))
    plan_submit(actor=staff["info_officer"], plan=plan)
    plan_approve(actor=staff["pr_deputy"], plan=plan)  # a deputy of the department approves too
    plan.refresh_from_db()
    assert plan.state == "approved"
    cards = ControlCard.objects.filter(content_type__model="workplanitem")
    assert cards.count() == 2 and {c.executor for c in cards} == {staff["info_officer"]}
    reasons = [h.history_change_reason for h in plan.history.order_by("history_date")]
    assert len([r for r in reasons if r]) >= 5  # drafted, submitted, returned, submitted, approved


def test_the_head_who_approves_is_told_of_a_submitted_plan_and_who_submitted_it_of_the_decision(client, plan, staff, duties):
    from django.urls import reverse
    from django.utils import translation

    from core.i18n import deferred_text
    from core.models import Notification

    def told(user):
        return list(Notification.objects.filter(recipient=user, kind="documents.plan").order_by("id"))

    with translation.override("en"):  # the staff read English here
        name = str(plan)

    plan_item_add(actor=staff["info_head"], plan=plan, title="Digest", clauses=duties[:1], responsible=staff["info_officer"],
                  due_date=last_day(plan))
    plan_submit(actor=staff["info_officer"], plan=plan)
    [waiting] = told(staff["pr_head"])  # the head of the department above approves the sector's plan
    assert waiting.title == f"Work plan waits for your approval: {name}" and waiting.url == reverse("documents:plan", args=[plan.pk])
    with translation.override("ru"):  # read in the reader's language: the unit and the quarter named in Russian
        title = deferred_text(waiting.message["title"])
        assert title.startswith("План работы ждёт вашего утверждения: ") and "квартал" in title
    assert told(staff["info_head"]) == [] and told(staff["minister"]) == []  # not the sector's own head, not every head above
    plan_return(actor=staff["pr_head"], plan=plan, comment="Add the social media monitoring")
    [returned] = told(staff["info_officer"])  # who submitted it
    assert returned.title == f"Your work plan is returned: {name}" and returned.body == "Add the social media monitoring"
    client.force_login(staff["info_head"])  # the sector's head finds it on the desk
    assert "1</strong> <span>work plan of your unit is returned" in client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    client.force_login(staff["pr_head"])
    assert "is returned" not in client.get(reverse("core:staff-home"), {"lang": "en"}).content.decode()
    plan_submit(actor=staff["info_head"], plan=plan)
    plan_approve(actor=staff["pr_head"], plan=plan)
    assert [n.title for n in told(staff["info_head"])] == [f"Your work plan is approved: {name}"]
    assert len(told(staff["info_officer"])) == 1


def test_the_unit_withdraws_its_submitted_plan_before_the_head_decides(client, plan, staff, duties):
    from django.urls import reverse
    from rest_framework.test import APIClient

    from core.models import Notification
    from documents.services.plans import plan_withdraw

    plan_item_add(actor=staff["info_head"], plan=plan, title="Digest", clauses=duties[:1], responsible=staff["info_officer"],
                  due_date=last_day(plan))
    plan_submit(actor=staff["info_officer"], plan=plan)
    page = reverse("documents:plan", args=[plan.pk])
    client.force_login(staff["pr_head"])  # the head who decides is offered the decision, not the withdrawal
    assert 'id="plan-withdraw"' not in client.get(page).content.decode()
    client.force_login(staff["info_officer"])
    assert 'id="plan-withdraw"' in client.get(page).content.decode()
    asked = client.post(f"{page}?lang=en", {"action": "withdraw", "reason": ""})
    assert asked.status_code == 400 and "Say why you withdraw it." in asked.content.decode()
    assert client.post(page, {"action": "withdraw", "reason": "The monitoring measure is missing"}).status_code == 302
    plan.refresh_from_db()
    assert plan.state == "draft"
    told = Notification.objects.filter(recipient=staff["pr_head"], kind="documents.plan").order_by("id").last()
    assert told.title.startswith("Work plan withdrawn from approval: ") and told.body == "The monitoring measure is missing"
    assert 'id="plan-withdraw"' not in client.get(page).content.decode()
    with pytest.raises(ApplicationError, match="no longer in approval"):
        plan_withdraw(actor=staff["info_officer"], plan=plan, reason="Again")

    plan_submit(actor=staff["info_officer"], plan=plan)
    api = APIClient()
    api.force_authenticate(staff["icd_head"])  # a head elsewhere does not even see the plan
    assert api.post(f"/api/v1/work-plans/{plan.pk}/withdraw/", {"reason": "x"}, format="json").status_code == 404
    api.force_authenticate(staff["info_officer"])
    assert api.post(f"/api/v1/work-plans/{plan.pk}/withdraw/", {}, format="json").json()["fields"].keys() == {"reason"}
    withdrawn = api.post(f"/api/v1/work-plans/{plan.pk}/withdraw/", {"reason": "A term to move"}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "draft"


def test_the_period_report_shows_outcomes_and_unplanned_duties(plan, staff, duties):
    done = plan_item_add(actor=staff["info_head"], plan=plan, title="Digest", clauses=duties[:1],
                         responsible=staff["info_officer"], due_date=last_day(plan))
    dropped = plan_item_add(actor=staff["info_head"], plan=plan, title="Survey", clauses=duties[1:2],
                            responsible=staff["info_officer"], due_date=last_day(plan))
    plan_item_add(actor=staff["info_head"], plan=plan, title="Open", clauses=duties[2:3],
                  responsible=staff["info_officer"], due_date=last_day(plan))
    plan_submit(actor=staff["info_head"], plan=plan)
    plan_approve(actor=staff["pr_head"], plan=plan)
    card = ControlCard.objects.get(content_type__model="workplanitem", object_id=done.pk)
    control_close(card=card, actor=staff["info_head"], result="Published weekly")
    plan_item_drop(actor=staff["pr_head"], item=dropped, reason="The survey moved to next year")
    report = plan_report_build(plan=plan)
    assert report["counts"] == {"done_on_time": 1, "done_late": 0, "not_done": 1, "dropped": 1}
    assert [c.pk for c in report["unplanned"]] == [c.pk for c in duties[3:]]


def test_one_plan_per_unit_and_period(plan, staff, sector):
    with pytest.raises(ApplicationError) as error:
        plan_create(actor=staff["info_officer"], unit=sector, period="quarter", year=plan.year, number=plan.number)
    assert error.value.code == "duplicate_plan"
    with pytest.raises(PermissionDeniedError):
        plan_create(actor=staff["icd_head"], unit=sector, period="year", year=plan.year)
    assert WorkPlan.objects.count() == 1


def test_pages_and_api_walk_a_plan_to_its_report(client, plan, staff, duties):
    from io import BytesIO

    from django.urls import reverse
    from pypdf import PdfReader
    from rest_framework.test import APIClient

    client.force_login(staff["info_officer"])
    client.cookies["portal_language"] = "en"
    page = reverse("documents:plan", args=[plan.pk])
    found = client.get(page, {"q": duties[0].text[:25]}).content.decode()
    assert duties[0].number in found
    refused = client.post(page, {"action": "add", "title": "Digest", "clauses": [duties[0].pk], "responsible": staff["info_officer"].pk,
                                 "due_date": f"{plan.year + 1}-06-01"})
    assert refused.status_code == 400 and 'value="Digest"' in refused.content.decode()
    added = client.post(page, {"action": "add", "title": "Digest", "clauses": [duties[0].pk], "responsible": staff["info_officer"].pk,
                               "due_date": last_day(plan).isoformat()})
    assert added.status_code == 302
    api = APIClient()
    api.force_authenticate(staff["info_officer"])
    assert api.post(f"/api/v1/work-plans/{plan.pk}/submit/", {}, format="json").json()["state"] == "submitted"
    assert api.post(f"/api/v1/work-plans/{plan.pk}/approve/", {}, format="json").status_code == 403
    outsider = APIClient()
    outsider.force_authenticate(staff["icd_head"])
    assert outsider.get(f"/api/v1/work-plans/{plan.pk}/").status_code == 404
    client.force_login(staff["pr_head"])
    approving = client.get(page).content.decode()
    assert "Approve the plan" in approving
    # the approver reads which duty a measure serves on the page itself (a tooltip does not open on a phone)
    shown = " ".join(re.sub(r"<[^>]+>", " ", approving).split())  # the text on the page, not in attributes
    assert " ".join(duties[0].text.split()[:5]) in shown
    assert client.post(page, {"action": "approve"}).status_code == 302
    report_page = reverse("documents:plan-report", args=[plan.pk])
    html = client.get(report_page).content.decode()
    assert "Duties of the regulation that no measure covered" in html and duties[1].number in html
    pdf = client.get(report_page, {"format": "pdf"})
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Digest" in text and duties[1].number in text


def test_a_plan_is_drafted_through_the_api(staff, sector, duties, imported):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff["info_officer"])
    year, quarter = quarter_now()
    created = api.post("/api/v1/work-plans/new/", {"unit": sector.slug, "period": "quarter", "year": year, "number": quarter},
                       format="json")
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    plan = WorkPlan.objects.get(pk=plan_id)
    item = api.post(f"/api/v1/work-plans/{plan_id}/items/", {"title": "Digest", "clauses": [duties[0].pk],
                    "responsible": staff["info_officer"].pk, "due_date": plan.bounds[1].isoformat()}, format="json")
    assert item.status_code == 201 and item.json()["clauses"] == [duties[0].number]
    foreign = Clause.objects.filter(unit=imported["International Cooperation Department"]).first()
    refused = api.post(f"/api/v1/work-plans/{plan_id}/items/", {"title": "X", "clauses": [foreign.pk],
                       "responsible": staff["info_officer"].pk, "due_date": plan.bounds[1].isoformat()}, format="json")
    assert refused.status_code == 400 and "clauses" in refused.json()["fields"]
    outsider = APIClient()
    outsider.force_authenticate(staff["icd_head"])
    assert outsider.post(f"/api/v1/work-plans/{plan_id}/items/", {}, format="json").status_code == 404


@pytest.mark.parametrize("language, quarter, half_year", [
    ("az", "2026, IV rüb", "2027, I yarımil"), ("ru", "IV квартал 2026 г.", "I полугодие 2027 г."), ("en", "Q4 2026", "H1 2027")])
def test_a_plan_s_period_is_named_as_each_language_names_it(language, quarter, half_year):
    from django.utils import translation

    from documents.models import WorkPlan

    with translation.override(language):
        assert WorkPlan(period="quarter", year=2026, number=4).period_label == quarter
        assert WorkPlan(period="half_year", year=2027, number=1).period_label == half_year
        assert WorkPlan(period="year", year=2027, number=1).period_label == "2027"


def test_a_submitted_plan_waits_on_the_desk_of_the_head_who_approves_it_not_of_every_head_above(plan, staff, duties):
    from core.waiting import waiting_for

    plan_item_add(actor=staff["info_head"], plan=plan, title="Weekly digest", clauses=duties[:1],
                  responsible=staff["info_officer"], due_date=last_day(plan))
    plan_submit(actor=staff["info_head"], plan=plan)

    def plans_waiting(user):
        return sum(item.count for item in waiting_for(user) if "work plan" in item.message[0])

    assert plans_waiting(staff["pr_head"]) == 1  # the head of the sector's department approves it
    assert plans_waiting(staff["minister"]) == 0  # may step in, but the sector's quarter is not the minister's to-do
    assert plans_waiting(staff["info_head"]) == 0



def test_a_plan_cites_duties_not_the_lead_in_that_lists_them(plan, staff, sector, duties):
    from documents.services.plans import duty_clauses_for

    lead_in = Clause.objects.get(unit=sector, kind="duty", number="6.1")  # "The sector's duties are as follows:"
    assert lead_in.text.endswith(":")
    offered = set(duty_clauses_for(sector).values_list("number", flat=True))
    assert "6.1" not in offered and {"6.1.1", "6.1.2"} <= offered
    with pytest.raises(ApplicationError):
        plan_item_add(actor=staff["info_head"], plan=plan, title="Everything", clauses=[lead_in],
                      responsible=staff["info_officer"], due_date=last_day(plan))
    plan_item_add(actor=staff["info_head"], plan=plan, title="Digest", clauses=duties[:1], responsible=staff["info_officer"],
                  due_date=last_day(plan))
    plan_approve(actor=staff["pr_head"], plan=plan_submit(actor=staff["info_head"], plan=plan))
    unplanned = {clause.number for clause in plan_report_build(plan=plan)["unplanned"]}
    assert "6.1" not in unplanned and duties[1].number in unplanned  # the report counts duties, not their heading


def test_an_approved_plan_shows_each_measures_card_and_progress_in_constant_queries(client, plan, staff, duties):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from documents.services.control import control_report

    def add(title):
        return plan_item_add(actor=staff["info_head"], plan=plan, title=title, clauses=duties[:1],
                             responsible=staff["info_officer"], due_date=last_day(plan))

    done, reported = add("Digest"), add("Survey")
    plan_submit(actor=staff["info_head"], plan=plan)
    plan_approve(actor=staff["pr_head"], plan=plan)
    cards = {item.pk: ControlCard.objects.get(content_type__model="workplanitem", object_id=item.pk) for item in (done, reported)}
    control_close(card=cards[done.pk], actor=staff["info_head"], result="Published weekly")
    control_report(card=cards[reported.pk], actor=staff["info_officer"], report="Survey sent")
    client.force_login(staff["info_head"])
    page = reverse("documents:plan", args=[plan.pk])
    html = client.get(page, {"lang": "en"}).content.decode()
    assert f'href="{reverse("documents:card", args=[cards[done.pk].pk])}"' in html and "on time" in html
    assert html.count("reported, to close") == 1
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff["info_head"])
    measures = {m["title"]: m for m in api.get(f"/api/v1/work-plans/{plan.pk}/").json()["items"]}
    assert (measures["Digest"]["card"], measures["Digest"]["card_state"]) == (cards[done.pk].pk, "done")
    assert measures["Survey"]["card_state"] == "open" and measures["Digest"]["closed_at"]

    with CaptureQueriesContext(connection) as two:
        client.get(page, {"lang": "en"})
    from documents.services.control import control_open

    plan.state = "draft"  # three more measures under control, as if approved with the others
    plan.save(update_fields=["state"])
    more = [add(f"More {n}") for n in range(3)]
    plan.state = "approved"
    plan.save(update_fields=["state"])
    for item in more:
        control_open(item=item, policy=cards[done.pk].policy, start=timezone.now(), responsible_unit=plan.unit,
                     executor=item.responsible, title=item.title)
    with CaptureQueriesContext(connection) as five:
        assert client.get(page, {"lang": "en"}).content.decode().count('href="/control/cards/') == 5
    assert len(five) == len(two)
