"""Press releases: the head's approval through the chain, the embargo (only accredited journalists before its time),
translations linked together, and a valid Atom feed."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from documents.services.approval import approval_current_step, approval_decide, approval_routes
from media_relations.models import PressRelease
from media_relations.services.releases import press_release_save, press_release_submit, press_release_withdraw

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _draft(staff, ministry, **values):
    return press_release_save(actor=staff["pr_officer"], organisation=ministry, values={
        "language": "az", "title": "Yeni xidmət", "lead": "Qısa", "body": "Mətn.", **values})


def _approve(release, staff, approver="pr_head"):
    press_release_submit(release=release, actor=staff["pr_officer"], approver=staff[approver])
    route = approval_routes(release).last()
    approval_decide(step=approval_current_step(route), actor=staff[approver], approve=True)
    release.refresh_from_db()
    return release


def test_the_head_approves_and_the_release_is_published(client, staff, ministry, press_office):
    release = _draft(staff, ministry)
    with pytest.raises(ApplicationError, match="head of the press service"):
        press_release_submit(release=release, actor=staff["pr_officer"], approver=staff["info_officer"])
    assert client.get(reverse("media_relations:release-public", args=[release.pk])).status_code == 404
    _approve(release, staff)
    assert release.state == "approved" and release.published_at <= timezone.now()
    assert client.get(reverse("media_relations:release-public", args=[release.pk])).status_code == 200
    assert staff["pr_officer"].notifications.filter(title__icontains="approved").exists()
    reasons = [record.history_change_reason for record in release.history.all()]
    assert any("Approved" in (reason or "") for reason in reasons)


def test_a_returned_release_is_a_draft_again_with_the_comment(staff, ministry, press_office):
    release = _draft(staff, ministry)
    press_release_submit(release=release, actor=staff["pr_officer"], approver=staff["pr_head"])
    step = approval_current_step(approval_routes(release).last())
    approval_decide(step=step, actor=staff["pr_head"], approve=False, comment="Add the numbers")
    release.refresh_from_db()
    assert release.state == "draft"
    assert staff["pr_officer"].notifications.filter(body="Add the numbers").exists()
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(staff["pr_officer"])  # an API client reads why it came back
    [route] = api.get(f"/api/v1/media/releases/{release.pk}/").json()["routes"]
    assert (route["version"], route["state"]) == (1, "rejected")
    assert [(step["kind"], step["state"], step["comment"]) for step in route["steps"]] == [("signature", "rejected", "Add the numbers")]
    # the next version goes through a new route
    _approve(release, staff)
    assert [route.version for route in approval_routes(release)] == [1, 2]


def test_the_head_opens_the_release_from_the_queue_and_approves_it_on_its_page(client, staff, ministry, press_office):
    release = _draft(staff, ministry)
    press_release_submit(release=release, actor=staff["pr_officer"], approver=staff["pr_head"])
    step = approval_current_step(approval_routes(release).last())
    page = reverse("media_relations:release", args=[release.pk])
    client.force_login(staff["pr_head"])
    assert page in client.get(reverse("documents:approval-queue")).content.decode()
    html = client.get(page, {"lang": "en"}).content.decode()
    assert 'id="approval-decision"' in html and ">Sign</button>" in html and ">Return to the author</button>" in html
    assert client.post(reverse("documents:approval-decide", args=[step.pk]), {"decision": "reject"}).url == page
    release.refresh_from_db()
    assert release.state == "in_approval"  # a return says why: nothing is decided without the comment
    client.post(reverse("documents:approval-decide", args=[step.pk]), {"decision": "approve", "comment": "Good"})
    release.refresh_from_db()
    assert release.state == "approved"
    client.force_login(staff["pr_officer"])
    html = client.get(page, {"lang": "en"}).content.decode()
    assert 'id="approval-decision"' not in html and "Good" in html


def test_the_officer_withdraws_a_release_from_approval_to_correct_it(client, staff, ministry, press_office):
    release = _draft(staff, ministry)
    press_release_submit(release=release, actor=staff["pr_officer"], approver=staff["pr_head"])
    route = approval_routes(release).last()
    page = reverse("media_relations:release", args=[release.pk])
    client.force_login(staff["pr_officer"])
    assert reverse("documents:approval-withdraw", args=[route.pk]) in client.get(page).content.decode()
    assert client.post(reverse("documents:approval-withdraw", args=[route.pk]), {"reason": "A typo in the title"}).url == page
    release.refresh_from_db()
    assert release.state == "draft"
    assert staff["pr_head"].notifications.filter(body="A typo in the title").exists()
    assert not staff["pr_officer"].notifications.filter(title__icontains="returned").exists()  # not told of their own act
    html = client.get(page, {"lang": "en"}).content.decode()
    assert "withdrawn by the author" in html and "Withdrawn from approval" in html and "Send for approval" in html


def test_an_embargoed_release_is_invisible_to_the_public_until_its_time(client, staff, ministry, press_office, accredited):
    embargo = timezone.now() + timedelta(hours=3)
    release = _approve(_draft(staff, ministry, title="Pensions up in 2027", embargo_until=embargo), staff)
    public_page = reverse("media_relations:release-public", args=[release.pk])
    assert client.get(public_page).status_code == 404
    assert "Pensions up in 2027" not in client.get(reverse("media_relations:press")).content.decode()
    assert b"Pensions up in 2027" not in client.get(reverse("media_relations:feed")).content
    assert client.get(f"/api/v1/public/press/releases/{release.pk}/").status_code == 404
    assert client.get("/api/v1/public/press/releases/").json()["count"] == 0

    # an accredited journalist reads it, marked as under embargo; staff of another unit do not
    client.force_login(accredited.journalist.user)
    page = client.get(public_page + "?lang=en")
    assert page.status_code == 200 and "Under embargo" in page.content.decode()
    assert client.get(f"/api/v1/public/press/releases/{release.pk}/").json()["embargoed"] is True
    client.force_login(staff["icd_head"])
    assert client.get(public_page).status_code == 404
    client.logout()

    # once the embargo is over everybody reads it
    PressRelease.objects.filter(pk=release.pk).update(embargo_until=timezone.now() - timedelta(seconds=1))
    assert client.get(public_page).status_code == 200
    assert b"Pensions up in 2027" in client.get(reverse("media_relations:feed")).content


def test_a_scheduled_release_waits_for_its_time_and_withdrawal_takes_it_down(client, staff, ministry, press_office):
    release = _approve(_draft(staff, ministry, publish_at=timezone.now() + timedelta(days=1)), staff)
    assert release.published_at > timezone.now()
    page = reverse("media_relations:release-public", args=[release.pk])
    assert client.get(page).status_code == 404
    PressRelease.objects.filter(pk=release.pk).update(published_at=timezone.now())
    assert client.get(page).status_code == 200
    press_release_withdraw(release=release, actor=staff["pr_officer"])
    assert client.get(page).status_code == 404


def test_translations_are_linked_and_the_page_follows_the_visitors_language(client, staff, ministry, press_office):
    az = _approve(_draft(staff, ministry, title="Yeni xidmət"), staff)
    ru = _approve(press_release_save(actor=staff["pr_officer"], organisation=ministry, original=az,
                                     values={"language": "ru", "title": "Новая услуга", "body": "Текст."}), staff)
    with pytest.raises(ApplicationError, match="already has a version"):
        press_release_save(actor=staff["pr_officer"], organisation=ministry, original=ru,
                           values={"language": "az", "title": "Dublikat", "body": "X"})
    news_ru = client.get(reverse("media_relations:press") + "?lang=ru").content.decode()
    assert "Новая услуга" in news_ru and "Yeni xidmət" not in news_ru
    news_az = client.get(reverse("media_relations:press") + "?lang=az").content.decode()
    assert "Yeni xidmət" in news_az and "Новая услуга" not in news_az
    page = client.get(reverse("media_relations:release-public", args=[az.pk]) + "?lang=en").content.decode()
    assert reverse("media_relations:release-public", args=[ru.pk]) in page and 'hreflang="ru"' in page


def test_the_atom_feed_is_valid(client, staff, ministry, press_office):
    _approve(_draft(staff, ministry, title="Birinci"), staff)
    _approve(_draft(staff, ministry, title="İkinci & <son>"), staff)
    response = client.get(reverse("media_relations:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["İkinci & <son>", "Birinci"]
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


def test_only_the_press_service_writes_releases(staff, ministry, press_office, client):
    with pytest.raises(ApplicationError):
        _draft({"pr_officer": staff["icd_head"]}, ministry)
    release = _draft(staff, ministry)
    client.force_login(staff["icd_head"])
    for url in (reverse("media_relations:release", args=[release.pk]), f"/api/v1/media/releases/{release.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/api/v1/media/releases/{release.pk}/submit/", {"approver": staff["pr_head"].pk},
                       content_type="application/json").status_code == 404


def test_the_release_form_and_the_api_name_every_mistake_on_the_first_answer(client, staff, ministry, press_office):
    yesterday = timezone.localtime(timezone.now() - timedelta(days=1))
    client.force_login(staff["pr_officer"])
    page = client.post(reverse("media_relations:releases") + "?lang=en", {
        "organisation": ministry.pk, "language": "az", "title": "", "body": "Mətn.",
        "publish_at": f"{yesterday:%Y-%m-%dT%H:%M}", "embargo_until": f"{yesterday:%Y-%m-%dT%H:%M}"})
    assert page.status_code == 400
    assert set(page.context["form"].errors) == {"title", "publish_at", "embargo_until"}
    assert "The embargo must end in the future." in page.content.decode()
    answer = client.post("/api/v1/media/releases/", {
        "organisation": ministry.pk, "language": "xx", "title": "", "body": "Mətn.", "publish_at": yesterday.isoformat(),
        "embargo_until": (yesterday - timedelta(hours=1)).isoformat()}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400 and set(answer.json()["fields"]) == {"language", "title", "publish_at", "embargo_until"}
    assert not PressRelease.objects.exists()
