"""Accreditation from the journalist's first form to the badge at the door: apply → approve → the badge verifies →
it expires → registration is refused; refusal, revocation, reminders, and who may see what."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import OutboundEmail, User
from documents.models import ControlCard
from media_relations.models import Accreditation, Journalist
from media_relations.services.accreditation import (
    accreditation_apply,
    accreditation_decide,
    accreditation_remind_expiring,
    accreditation_revoke,
    journalist_signup,
)
from media_relations.services.events import event_register
from tests.media_relations.conftest import press_card

pytestmark = pytest.mark.django_db


def outsider_clerk(ministry):
    """Staff of the ministry outside its press service: the registry clerk."""
    from tests.factories import UserFactory
    from units.services import membership_assign

    clerk = UserFactory(username="registry_clerk")
    membership_assign(user=clerk, unit=ministry, kind="clerk")
    return clerk


def _join(client, **changes):
    data = {"full_name": "Kamilə Rüstəmova", "email": "Kamila@Report.example", "password": "a-long-pass-2026",
            "outlet_name": "Report.az", "outlet_kind": "online", "position": "editor", "submission_key": "k1", **changes}
    return client.post(reverse("media_relations:join") + "?lang=en", data)


def test_the_life_cycle_from_application_to_a_refused_registration(client, staff, ministry, press_office, briefing, settings):
    # sign up: the account waits for the e-mail address to be confirmed
    response = _join(client)
    assert response.status_code == 302
    user = User.objects.get(username="kamila@report.example")
    assert not user.is_active and user.journalist.outlet.name == "Report.az"
    email = OutboundEmail.objects.get(to=["kamila@report.example"])
    link = re.search(r"https?://\S+/press/join/confirm/\S+", email.body).group(0)
    assert client.post(reverse("login"), {"username": "kamila@report.example", "password": "a-long-pass-2026"}).status_code == 200

    # the link activates the account and signs the journalist in
    response = client.get(link.replace(settings.PORTAL_BASE_URL.rstrip("/"), ""))
    assert response.status_code == 302 and response["Location"] == reverse("media_relations:my-accreditation")
    user.refresh_from_db()
    assert user.is_active

    # without a document: told once on top (in the list of fields to correct) and beside the field, not a third time
    response = client.post(reverse("media_relations:my-accreditation"), {
        "organisation": ministry.pk, "kind": "temporary", "valid_from": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat()})
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["documents"] and not form.non_field_errors()

    # apply with a document: under control with the accreditation policy, the press service is told
    response = client.post(reverse("media_relations:my-accreditation"), {
        "organisation": ministry.pk, "kind": "temporary", "valid_from": timezone.localdate().isoformat(),
        "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat(), "documents": [press_card()]})
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Accreditation.objects.get(journalist__user=user)
    card = ControlCard.objects.get(object_id=item.pk, content_type__model="accreditation")
    assert card.policy.code == "media.accreditation" and card.state == "open"
    assert card.responsible_unit == press_office.unit
    assert staff["pr_officer"].notifications.filter(kind="media.accreditation").exists()

    # approved: the card closes, the badge's QR page says valid with name, outlet and period only
    accreditation_decide(accreditation=item, actor=staff["pr_head"], approve=True)
    card.refresh_from_db()
    assert card.state == "done"
    inbox = client.get(reverse("core:staff-home") + "?lang=en").content.decode()
    assert "Your accreditation is approved" in inbox
    assert f"Valid until {item.valid_until:%d.%m.%Y}. Download your badge from your page." in inbox
    badge = client.get(reverse("media_relations:badge", args=[item.pk]))
    assert badge.status_code == 200 and badge["Content-Type"] == "application/pdf" and badge.content.startswith(b"%PDF")
    check = client.get(reverse("media_relations:verify", args=[item.token]) + "?lang=en").content.decode()
    assert "Valid" in check and "Kamilə Rüstəmova" in check and "Report.az" in check
    assert "kamila@report.example" not in check and "editor" not in check

    # the journalist registers for the briefing while the accreditation covers its day
    journalist = Journalist.objects.get(user=user)
    registration = event_register(event=briefing, journalist=journalist, actor=user)
    assert registration.state == "requested"

    # it expires: the check page says so, and a later event cannot be registered for
    Accreditation.objects.filter(pk=item.pk).update(valid_from=timezone.localdate() - timedelta(days=20),
                                                    valid_until=timezone.localdate() - timedelta(days=1))
    check = client.get(reverse("media_relations:verify", args=[item.token]) + "?lang=en").content.decode()
    assert "Expired" in check
    from media_relations.services.events import press_event_save

    later, _clashes = press_event_save(actor=staff["pr_officer"], organisation=ministry, values={
        "kind": "press_conference", "title": "Later", "starts_at": timezone.now() + timedelta(days=20),
        "ends_at": timezone.now() + timedelta(days=20, hours=1), "place": "Hall"})
    with pytest.raises(ApplicationError, match="expired"):
        event_register(event=later, journalist=journalist, actor=user)
    response = client.post(reverse("media_relations:event", args=[later.pk]) + "?lang=en")
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_a_bad_signup_keeps_what_was_typed_and_says_why(client, accredited):
    response = _join(client, email=accredited.journalist.user.email.upper(), password="123")
    page = response.content.decode()
    assert response.status_code == 400
    # the taken address and the weak password in one answer, not one after the other
    assert "An account with this e-mail exists" in page and "This password is too short" in page
    assert set(response.context["form"].errors) == {"email", "password"}
    assert 'value="Kamilə Rüstəmova"' in page and 'value="Report.az"' in page
    response = _join(client, outlet_name="Brand New Outlet", outlet_kind="")
    assert response.status_code == 400 and "say what kind of outlet" in response.content.decode()


def test_a_signup_names_every_contact_mistake_at_once(client):
    response = _join(client, full_name="K", email="kamila@", phone="12")
    page = response.content.decode()
    assert response.status_code == 400
    # the same words as the citizens' forms, all three in one answer
    for message in ("Write your full name", "Enter a valid e-mail address, e.g. name@example.az",
                    "This phone number is too short"):
        assert message in page
    with pytest.raises(ApplicationError) as refused:
        journalist_signup(full_name="Kamilə Rüstəmova", email="kamila@report.example", password="a-long-pass-2026",
                          outlet_name="Report.az", outlet_kind="online", phone="call the desk")
    assert set(refused.value.fields) == {"phone"} and not User.objects.filter(username="kamila@report.example").exists()


def test_a_tampered_or_unknown_badge_is_not_valid_and_never_an_error(client, accredited):
    for token in ("x" * 10, accredited.token[:-1] + ("A" if accredited.token[-1] != "A" else "B"), "z" * 200):
        response = client.get(reverse("media_relations:verify", args=[token]) + "?lang=en")
        assert response.status_code == 404
        assert "Not valid" in response.content.decode()
        assert accredited.journalist.full_name not in response.content.decode()
    assert client.get(f"/api/v1/public/press/badges/{'x' * 10}/").status_code == 404
    assert client.get(f"/api/v1/public/press/badges/{accredited.token}/").json()["status"] == "valid"


def test_refusal_needs_a_reason_and_revocation_stops_registration(staff, accredited, briefing, make_journalist, ministry):
    other = make_journalist("second", "Rauf Həsənli")
    item = accreditation_apply(journalist=other, organisation=ministry, kind="permanent", valid_from=timezone.localdate(),
                               documents=[press_card()], actor=other.user)
    with pytest.raises(ApplicationError, match="Say why"):
        accreditation_decide(accreditation=item, actor=staff["pr_head"], approve=False)
    accreditation_decide(accreditation=item, actor=staff["pr_head"], approve=False, reason="No editor's letter")
    assert item.history.first().history_user == staff["pr_head"]
    with pytest.raises(ApplicationError):
        accreditation_revoke(accreditation=accredited, actor=staff["pr_head"], reason="")
    accreditation_revoke(accreditation=accredited, actor=staff["pr_head"], reason="Misused the badge")
    assert accredited.journalist.user.notifications.filter(title__icontains="revoked").exists()
    with pytest.raises(ApplicationError, match="revoked"):
        event_register(event=briefing, journalist=accredited.journalist, actor=accredited.journalist.user)


def test_only_the_press_service_decides(staff, make_journalist, ministry, press_office):
    journalist = make_journalist()
    item = accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                               documents=[press_card()], actor=journalist.user)
    for outsider in (staff["icd_head"], outsider_clerk(ministry), journalist.user):
        with pytest.raises(ApplicationError):
            accreditation_decide(accreditation=item, actor=outsider, approve=True)
    # leadership decides too (the minister heads the organisation)
    accreditation_decide(accreditation=item, actor=staff["minister"], approve=True)


def test_an_application_needs_a_document_and_a_sane_period(make_journalist, ministry, press_office):
    journalist = make_journalist()
    with pytest.raises(ApplicationError, match="Attach"):
        accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                            actor=journalist.user)
    with pytest.raises(ApplicationError, match="past"):
        accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", documents=[press_card()],
                            valid_from=timezone.localdate() - timedelta(days=1), actor=journalist.user)
    with pytest.raises(ApplicationError, match="at most"):
        accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", documents=[press_card()],
                            valid_from=timezone.localdate(), valid_until=timezone.localdate() + timedelta(days=200),
                            actor=journalist.user)
    with pytest.raises(ApplicationError):
        accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                            documents=[SimpleUploadedFile("card.pdf", b"MZ\x90\x00\x03\x00\x00\x00")], actor=journalist.user)
    assert not Accreditation.objects.exists()


def test_expiry_is_reminded_once(accredited):
    Accreditation.objects.filter(pk=accredited.pk).update(valid_until=timezone.localdate() + timedelta(days=5))
    assert accreditation_remind_expiring() == 1
    assert accreditation_remind_expiring() == 0
    assert OutboundEmail.objects.filter(to=[accredited.journalist.email], subject__icontains="ends on").count() == 1


@pytest.mark.parametrize("renewal", ["pending", "approved"])
def test_a_journalist_who_applied_again_is_not_told_to_apply_again(accredited, renewal):
    from media_relations.services.accreditation import accreditation_apply

    today = timezone.localdate()
    Accreditation.objects.filter(pk=accredited.pk).update(valid_until=today + timedelta(days=5))
    again = accreditation_apply(journalist=accredited.journalist, organisation=accredited.organisation, kind="permanent",
                                valid_from=today + timedelta(days=6), valid_until=today + timedelta(days=365),
                                documents=[press_card()], actor=accredited.journalist.user)
    Accreditation.objects.filter(pk=again.pk).update(state=renewal)
    assert accreditation_remind_expiring() == 0
    assert not OutboundEmail.objects.filter(subject__icontains="ends on").exists()


def test_outsiders_get_404_for_applications_pages_files_and_api(client, staff, accredited, make_journalist):
    from documents.services.attachments import attachments_of

    other = make_journalist("nosy", "Nosy Parker")
    file = attachments_of(accredited).get()
    urls = [reverse("media_relations:accreditation", args=[accredited.pk]), reverse("media_relations:badge", args=[accredited.pk]),
            reverse("media_relations:accreditation-file", args=[accredited.pk, file.pk]),
            f"/api/v1/media/accreditations/{accredited.pk}/"]
    for user in (other.user, staff["icd_head"], outsider_clerk(accredited.organisation)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/api/v1/media/accreditations/{accredited.pk}/decide/", {"approve": True},
                           content_type="application/json").status_code == 404
    client.force_login(staff["pr_officer"])
    assert client.get(urls[2]).status_code == 200
    assert client.get("/api/v1/media/accreditations/").json()["count"] == 1
    client.force_login(accredited.journalist.user)
    assert client.get(urls[1]).status_code == 200
    assert [a["status"] for a in client.get("/api/v1/media/my/accreditations/").json()["results"]] == ["valid"]
    mail.outbox.clear()


def test_a_lost_confirmation_link_is_sent_again(client):
    _join(client)
    response = _join(client, password="another-pass-2026")
    assert response.status_code == 302
    assert _join(client, full_name="Kamilə Rüstəmova-Əliyeva").status_code == 302  # an account awaiting confirmation is no obstacle
    assert OutboundEmail.objects.filter(to=["kamila@report.example"]).count() == 3
    assert User.objects.filter(email="kamila@report.example").count() == 1


def test_a_journalists_desk_says_what_waits_for_them(client, accredited, briefing, ministry, staff):
    from media_relations.services.accreditation import accreditation_apply
    from media_relations.services.events import event_register

    user = accredited.journalist.user
    client.force_login(user)

    def desk():
        return {item.message[1]: item for item in client.get(reverse("core:staff-home") + "?lang=en").context["waiting"]}

    waiting = desk()
    assert waiting["press events you may register for"].count == 1  # the briefing in five days
    assert "days left of your accreditation" not in waiting  # 31 days left: not yet a concern
    event_register(event=briefing, journalist=accredited.journalist, actor=user)
    assert "press events you may register for" not in desk()

    accredited.valid_until = timezone.localdate() + timedelta(days=2)
    accredited.save(update_fields=["valid_until"])
    ending = desk()["days left of your accreditation"]
    assert ending.count == 3 and ending.urgent and ending.url == reverse("media_relations:my-accreditation")
    russian = client.get(reverse("core:staff-home") + "?lang=ru").content.decode()
    assert "<strong>3</strong> <span>дня до конца вашей аккредитации</span>" in russian

    # applying again for the next period: the renewal waits for a decision, and the reminder stops
    accreditation_apply(journalist=accredited.journalist, organisation=ministry, kind="permanent",
                        valid_from=timezone.localdate() + timedelta(days=3), valid_until=timezone.localdate() + timedelta(days=365),
                        documents=[press_card()], actor=user)
    waiting = desk()
    assert "days left of your accreditation" not in waiting
    assert waiting["applications for accreditation waiting for a decision"].count == 1

    # staff see none of it
    client.force_login(staff["pr_officer"])
    assert not {"press events you may register for", "days left of your accreditation"} & set(desk())


def test_applications_to_decide_are_on_the_press_services_desk_not_the_ministers(client, make_journalist, ministry, staff, press_office):
    from media_relations.services.accreditation import accreditation_apply

    journalist = make_journalist()
    accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                        valid_until=timezone.localdate() + timedelta(days=30), documents=[press_card()], actor=journalist.user)

    def desk(user):
        client.force_login(user)
        return {item.message[1]: item.count for item in client.get(reverse("core:staff-home") + "?lang=en").context["waiting"]}

    assert desk(staff["pr_officer"])["accreditations to decide"] == 1
    assert "accreditations to decide" not in desk(staff["minister"])
    client.force_login(staff["minister"])  # who may still open and decide it
    assert "Elvin Məmmədov" in client.get(reverse("media_relations:accreditations") + "?state=pending").content.decode()


def test_a_decision_term_extended_on_the_card_is_told_to_the_journalist_who_waits(client, make_journalist, ministry, staff, press_office):
    from core.models import Notification
    from documents.services.control import control_card_act

    journalist = make_journalist()
    item = accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                               valid_until=timezone.localdate() + timedelta(days=30), documents=[press_card()], actor=journalist.user)
    card = ControlCard.objects.get(object_id=item.pk, content_type__model="accreditation")
    card = control_card_act(card=card, actor=staff["pr_head"], action="extend", value=5,
                            reason="The editor's letter is being checked", legal_basis="Media Law, art. 30")
    [told] = Notification.objects.filter(recipient=journalist.user, kind="media.accreditation")
    from django.utils import formats, translation

    with translation.override("en"):  # the journalist reads English
        due = formats.date_format(timezone.localtime(card.due), "DATETIME_FORMAT")
    assert told.title == f"The decision on your accreditation is due by {due}" and told.body == "The editor's letter is being checked"
    assert told.url == reverse("media_relations:my-accreditation")
    control_card_act(card=card, actor=staff["pr_head"], action="pause", reason="Waiting for the editor")  # other steps: no notice
    assert Notification.objects.filter(recipient=journalist.user, kind="media.accreditation").count() == 1
