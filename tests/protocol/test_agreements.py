from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from tests.protocol.conftest import EVENTS, ICD, RELATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(people, partner, mincom, imported):
    from protocol.services.agreements import agreement_save

    today = timezone.localdate()
    return agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[RELATIONS], partners=[partner],
                          values={"kind": "mou", "title": "Memorandum on digital signatures", "signed_on": today - timedelta(days=400),
                                  "signed_place": "Tbilisi", "in_force_on": today - timedelta(days=400), "term_months": 24,
                                  "renewal": "decision", "notice_days": 60})


def test_an_agreement_is_registered_with_the_next_number_and_its_expiry(agreement):
    assert agreement.number == f"BS-1/{agreement.signed_on.year}"
    assert agreement.expires_on == agreement.in_force_on.replace(year=agreement.in_force_on.year + 2) - timedelta(days=1)
    assert agreement.history.latest().history_change_reason


def test_bad_dates_answer_with_the_field(people, partner, mincom, imported, agreement):
    from protocol.services.agreements import agreement_save, obligation_add

    today = timezone.localdate()
    with pytest.raises(ApplicationError) as error:
        agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[ICD], partners=[partner], values={
            "kind": "agreement", "title": "Backwards", "signed_on": today, "signed_place": "Bakı", "in_force_on": today - timedelta(days=3)})
    assert "in_force_on" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        obligation_add(actor=people["icd_head"], agreement=agreement, text="Exchange experts", responsible_unit=imported[EVENTS],
                       due_on=agreement.expires_on + timedelta(days=1))
    assert "due_on" in error.value.fields and "expires" in error.value.message


def test_the_agreement_form_names_every_mistake_on_the_first_answer(client, people, partner, mincom, imported):
    today = timezone.localdate()
    client.force_login(people["events_officer"])
    response = client.post("/protocol/agreements/", {
        "organisation": mincom.pk, "responsible_unit": imported[ICD].pk, "kind": "mou", "title": "",
        "partners": [partner.pk], "signed_on": f"{today - timedelta(days=10):%Y-%m-%d}",
        "in_force_on": f"{today - timedelta(days=20):%Y-%m-%d}", "signed_place": "Baku", "term_months": 24, "renewal": "none",
        "notice_days": 30})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "in_force_on"}


def test_late_obligations_escalate_to_the_heads_through_the_control_sweep(people, agreement, imported):
    from core.models import Notification
    from documents.models import ControlNotice
    from documents.services.sweep import control_sweep
    from protocol.services.agreements import obligation_add

    late = obligation_add(actor=people["icd_head"], agreement=agreement, text="Set up a joint working group",
                          responsible_unit=imported[EVENTS], due_on=timezone.localdate() - timedelta(days=20))
    card = late.card
    assert card.state == "open" and card.due < timezone.now() and card.responsible_unit == imported[EVENTS]
    control_sweep()
    kinds = set(ControlNotice.objects.filter(card=card).values_list("kind", flat=True))
    assert {"overdue", "escalated"} <= kinds
    assert Notification.objects.filter(recipient=people["events_head"]).exists()


def test_closing_an_obligation_closes_its_card_and_is_in_the_history(people, agreement, imported):
    from protocol.services.agreements import obligation_add, obligation_close

    obligation = obligation_add(actor=people["icd_head"], agreement=agreement, text="Exchange of experts",
                                responsible_unit=imported[EVENTS], due_on=timezone.localdate() + timedelta(days=30))
    with pytest.raises(PermissionDeniedError):
        obligation_close(actor=people["pr_officer"], obligation=obligation, report="Not mine")
    obligation = obligation_close(actor=people["events_head"], obligation=obligation, report="Two experts visited in May")
    assert obligation.state == "fulfilled" and obligation.card.state == "done"
    assert obligation.history.latest().history_user == people["events_head"]


def test_the_expiry_and_renewal_alerts_go_once_to_the_unit_and_the_protocol_service(people, partner, mincom, imported, settings):
    from core.models import Notification
    from protocol.models import AgreementAlert
    from protocol.services.agreements import agreement_save, agreements_alert

    today = timezone.localdate()
    agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[EVENTS], partners=[partner], values={
        "kind": "agreement", "title": "Agreement on postal exchange", "signed_on": today - timedelta(days=330),
        "signed_place": "Bakı", "in_force_on": today - timedelta(days=330), "term_months": 12, "renewal": "none"})
    agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[EVENTS], partners=[partner], values={
        "kind": "mou", "title": "Far from expiry", "signed_on": today - timedelta(days=10), "signed_place": "Bakı",
        "in_force_on": today - timedelta(days=10), "term_months": 60, "renewal": "automatic"})
    assert agreements_alert(today=today) == 1
    assert agreements_alert(today=today) == 0  # once
    assert AgreementAlert.objects.get().kind == "expiry"
    for who in ("events_head", "icd_head"):
        notice = Notification.objects.get(recipient=people[who], kind="protocol.agreement")
        assert "1 agreement" in str(notice.title) or notice.title


def test_the_register_filters_and_exports_to_xlsx(client, people, agreement, partner, mincom, imported):
    from openpyxl import load_workbook

    from protocol.services.agreements import agreement_save

    today = timezone.localdate()
    agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[ICD], partners=[partner], values={
        "kind": "contract", "title": "Contract on training", "signed_on": today, "signed_place": "Bakı",
        "in_force_on": today + timedelta(days=10)})
    client.force_login(people["icd_head"])
    page = client.get("/protocol/agreements/?status=not_yet").content.decode()
    assert "Contract on training" in page and "Memorandum on digital signatures" not in page
    sheet = load_workbook(BytesIO(client.get("/protocol/agreements/?kind=mou&format=xlsx").content)).active
    rows = list(sheet.values)
    assert len(rows) == 2 and rows[1][0] == agreement.number


def test_the_register_is_a_constant_number_of_queries(client, people, agreement, partner, mincom, imported,
                                                      django_assert_num_queries):
    from protocol.services.agreements import agreement_save, obligation_add

    client.force_login(people["icd_head"])
    client.get("/protocol/agreements/")

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/protocol/agreements/").status_code == 200
        return len(queries)

    before = count()
    today = timezone.localdate()
    for n in range(4):
        more = agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[ICD], partners=[partner],
                              values={"kind": "agreement", "title": f"Agreement {n}", "signed_on": today, "signed_place": "Bakı",
                                      "in_force_on": today, "term_months": 12})
        obligation_add(actor=people["icd_head"], agreement=more, text="Report", responsible_unit=imported[ICD],
                       due_on=today + timedelta(days=30))
    assert count() == before


def test_renewal_moves_the_expiry_and_termination_cancels_the_open_obligations(client, people, agreement, imported):
    from protocol.services.agreements import agreement_renew, agreement_terminate, obligation_add

    old_expiry = agreement.expires_on
    with pytest.raises(PermissionDeniedError):
        agreement_renew(actor=people["pr_officer"], agreement=agreement, months=12)
    agreement = agreement_renew(actor=people["icd_head"], agreement=agreement, months=12)
    assert agreement.expires_on.year == old_expiry.year + 1 and agreement.term_months == 36
    obligation = obligation_add(actor=people["icd_head"], agreement=agreement, text="Exchange experts",
                                responsible_unit=imported[EVENTS], due_on=timezone.localdate() + timedelta(days=30))
    client.force_login(people["icd_head"])
    answer = client.post(f"/protocol/agreements/{agreement.pk}/?lang=en", {"action": "terminate", "on": "", "reason": ""})
    assert answer.status_code == 400 and "This field is required." in answer.content.decode()
    answer = client.post(f"/protocol/agreements/{agreement.pk}/?lang=en", {
        "action": "terminate", "on": timezone.localdate().isoformat(), "reason": "The partner gave notice"}, follow=True)
    assert "its open obligations are cancelled" in answer.content.decode()
    obligation.refresh_from_db()
    assert obligation.state == "cancelled" and obligation.card.state == "cancelled"
    with pytest.raises(ApplicationError):
        agreement_terminate(actor=people["icd_head"], agreement=agreement, on=timezone.localdate(), reason="again")


def test_a_renewal_decision_is_alerted_and_a_renewed_agreement_is_alerted_again_before_its_new_expiry(people, partner, mincom,
                                                                                                        imported):
    from protocol.models import AgreementAlert
    from protocol.services.agreements import agreement_renew, agreement_save, agreements_alert

    today = timezone.localdate()
    start = today - timedelta(days=320)
    deciding = agreement_save(actor=people["icd_head"], organisation=mincom, responsible_unit=imported[EVENTS], partners=[partner],
                              values={"kind": "mou", "title": "Renewed by decision", "signed_on": start, "signed_place": "Bakı",
                                      "in_force_on": start, "term_months": 12, "renewal": "decision", "notice_days": 30})
    assert agreements_alert(today=today) == 2  # its renewal decision (in two weeks) and its expiry (in six) are near
    assert set(AgreementAlert.objects.values_list("kind", flat=True)) == {"renewal", "expiry"}
    agreement_renew(actor=people["icd_head"], agreement=deciding, months=12)
    assert agreements_alert(today=today) == 0
    assert agreements_alert(today=today + timedelta(days=366)) == 2  # a year on: the new dates are near
