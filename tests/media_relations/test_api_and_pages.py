"""The press service's API and pages: an outsider gets 404 for every object, lists do not grow in queries with their
length, the archive keeps its access levels and thumbnails, subscriptions are reminded before they lapse."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import Notification
from media_relations.models import MediaOutlet
from media_relations.services.archive import archive_item_create, subscription_save, subscriptions_remind
from media_relations.services.events import event_register
from media_relations.services.mentions import mention_create
from media_relations.services.releases import press_release_save

pytestmark = pytest.mark.django_db


def _jpeg():
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def registers(staff, ministry, press_office, accredited, briefing, outlet, imported):
    registration = event_register(event=briefing, journalist=accredited.journalist, actor=accredited.journalist.user)
    release = press_release_save(actor=staff["pr_officer"], organisation=ministry, values={"language": "az", "title": "T", "body": "B"})
    mention = mention_create(actor=staff["pr_officer"], organisation=ministry, units=[imported["İnformasiya sektoru"]], values={
        "outlet": outlet, "published_on": timezone.localdate(), "title": "Fake", "is_false": True})
    item = archive_item_create(actor=staff["pr_officer"], organisation=ministry, files=[_jpeg()], values={
        "kind": "photo", "title": "Briefing photo", "taken_on": timezone.localdate(), "access": "press_office", "tags": "a, b, a"})
    return {"accreditation": accredited, "event": briefing, "registration": registration, "release": release, "mention": mention,
            "archive": item}


def test_an_outsider_gets_404_for_every_object_endpoint(client, staff, registers):
    r = registers
    reads = [
        f"/api/v1/media/accreditations/{r['accreditation'].pk}/", f"/api/v1/media/events/{r['event'].pk}/",
        f"/api/v1/media/releases/{r['release'].pk}/", f"/api/v1/media/mentions/{r['mention'].pk}/",
        f"/api/v1/media/archive/{r['archive'].pk}/", f"/api/v1/public/press/releases/{r['release'].pk}/",
        reverse("media_relations:accreditation", args=[r["accreditation"].pk]),
        reverse("media_relations:event-manage", args=[r["event"].pk]), reverse("media_relations:release", args=[r["release"].pk]),
        reverse("media_relations:mention", args=[r["mention"].pk]), reverse("media_relations:archive-item", args=[r["archive"].pk]),
        reverse("media_relations:archive-thumbnail", args=[r["archive"].pk]),
    ]
    writes = [
        (f"/api/v1/media/accreditations/{r['accreditation'].pk}/revoke/", {"reason": "x"}),
        (f"/api/v1/media/events/{r['event'].pk}/cancel/", {}), (f"/api/v1/media/events/{r['event'].pk}/invite/", {}),
        (f"/api/v1/media/events/{r['event'].pk}/registrations/{r['registration'].pk}/decide/", {"confirm": True}),
        (f"/api/v1/media/releases/{r['release'].pk}/withdraw/", {}),
        (f"/api/v1/media/mentions/{r['mention'].pk}/mark-false/", {}),
        (f"/api/v1/media/mentions/{r['mention'].pk}/answer/", {"release": r["release"].pk}),
        (f"/api/v1/media/my/registrations/{r['registration'].pk}/cancel/", {}),
    ]
    client.force_login(staff["icd_head"])
    for url in reads:
        assert client.get(url).status_code == 404, url
    for url, data in writes:
        assert client.post(url, data, content_type="application/json").status_code == 404, url
    for url in ("/api/v1/media/accreditations/", "/api/v1/media/events/", "/api/v1/media/releases/", "/api/v1/media/mentions/",
                "/api/v1/media/archive/", "/api/v1/media/subscriptions/", "/api/v1/media/journalists/"):
        assert client.get(url).json()["count"] == 0, url
    # the press service reads them all
    client.force_login(staff["pr_officer"])
    for url in reads[:5] + reads[6:]:
        assert client.get(url).status_code == 200, url


def test_lists_do_not_grow_in_queries_with_their_length(client, staff, ministry, press_office, outlet,
                                                       django_assert_max_num_queries):
    client.force_login(staff["pr_officer"])
    urls = ["/api/v1/media/mentions/", reverse("media_relations:mentions"), "/api/v1/media/accreditations/",
            reverse("media_relations:accreditations") + "?state=all", "/api/v1/media/events/", reverse("media_relations:events-office"),
            reverse("media_relations:releases"), reverse("media_relations:press")]

    def counts():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            found.append(len(queries))
        return found

    def add(n):
        from media_relations.models import Journalist
        from media_relations.services.accreditation import accreditation_apply
        from media_relations.services.events import press_event_save
        from tests.media_relations.conftest import press_card

        for i in range(n):
            mention_create(actor=staff["pr_officer"], organisation=ministry, values={
                "outlet": outlet, "published_on": timezone.localdate(), "title": f"M{i}", "is_false": i % 2 == 0,
                "summary": "sosial islahatlar"})
            journalist = Journalist.objects.create(full_name=f"J{i}", outlet=outlet)
            accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                                documents=[press_card()], actor=staff["pr_officer"])
            start = timezone.now() + timedelta(days=3 + i)
            press_event_save(actor=staff["pr_officer"], organisation=ministry, speakers=[staff["minister"]], values={
                "kind": "briefing", "title": f"E{i}", "starts_at": start, "ends_at": start + timedelta(hours=1), "place": "Hall"})
            press_release_save(actor=staff["pr_officer"], organisation=ministry, values={"language": "az", "title": f"R{i}", "body": "B"})

    add(2)
    few = counts()
    add(6)
    assert counts() == few


def test_the_archive_keeps_access_levels_and_makes_thumbnails(client, staff, registers, make_journalist):
    item = registers["archive"]
    assert item.tags == "a, b"
    assert item.thumbnail and max(_size(item.thumbnail)) == 480
    client.force_login(staff["info_officer"])  # press service
    assert client.get(reverse("media_relations:archive-thumbnail", args=[item.pk]))["Content-Type"] == "image/jpeg"
    from tests.media_relations.test_accreditation import outsider_clerk

    client.force_login(outsider_clerk(registers["event"].organisation))  # staff, but not the press service
    assert client.get(reverse("media_relations:archive-item", args=[item.pk])).status_code == 404
    item.access = "staff"
    item.save()
    assert client.get(reverse("media_relations:archive-item", args=[item.pk])).status_code == 200
    client.force_login(make_journalist("outsider", "Out Sider").user)
    assert client.get(reverse("media_relations:archive-item", args=[item.pk])).status_code == 404
    # a file of the wrong type is refused with the reason and nothing is stored
    client.force_login(staff["pr_officer"])
    response = client.post(reverse("media_relations:archive") + "?lang=en", {
        "organisation": item.organisation_id, "kind": "photo", "title": "Bad", "taken_on": timezone.localdate().isoformat(),
        "access": "staff", "files": [SimpleUploadedFile("x.jpg", b"MZ\x90\x00not an image")]})
    assert response.status_code == 400 and 'value="Bad"' in response.content.decode()
    assert not item.__class__.objects.filter(title="Bad").exists()


def _size(field):
    from PIL import Image

    with field.open("rb") as stream, Image.open(stream) as image:
        return image.size


def test_subscriptions_are_reminded_once_before_they_lapse(staff, ministry, press_office):
    subscription_save(actor=staff["pr_officer"], organisation=ministry, values={
        "publication": "Xalq qəzeti", "kind": "print", "starts_on": timezone.localdate() - timedelta(days=300),
        "ends_on": timezone.localdate() + timedelta(days=10), "copies": 2})
    subscription_save(actor=staff["pr_officer"], organisation=ministry, values={
        "publication": "Far away", "kind": "electronic", "starts_on": timezone.localdate(),
        "ends_on": timezone.localdate() + timedelta(days=200), "copies": 1})
    assert subscriptions_remind() == 1
    assert subscriptions_remind() == 0
    notice = Notification.objects.get(recipient=staff["pr_head"], kind="media.subscription")
    assert "Xalq qəzeti" in notice.body and "Far away" not in notice.body


def test_outlets_are_unique_whatever_the_case(client, staff, press_office, outlet):
    client.force_login(staff["pr_officer"])
    response = client.post("/api/v1/media/outlets/", {"name": "apa", "kind": "online"}, content_type="application/json")
    assert response.status_code == 400 and "name" in response.json()["fields"]
    assert MediaOutlet.objects.count() == 1
    client.force_login(staff["icd_head"])
    assert client.post("/api/v1/media/outlets/", {"name": "New", "kind": "online"}, content_type="application/json").status_code == 403


def test_the_press_service_adds_journalists_and_archive_items_through_the_api(client, staff, ministry, press_office, outlet):
    client.force_login(staff["pr_officer"])
    response = client.post("/api/v1/media/journalists/", {"full_name": "Rauf Həsənli", "outlet": outlet.pk, "position": "operator"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["outlet"] == "APA"
    created = client.post("/api/v1/media/archive/", {"organisation": ministry.pk, "kind": "photo", "title": "Hall",
                                                    "taken_on": timezone.localdate().isoformat(), "access": "public", "files": [_jpeg()]})
    assert created.status_code == 201, created.content
    refused = client.post("/api/v1/media/archive/?lang=en", {
        "organisation": ministry.pk, "kind": "photo", "title": "Bad", "taken_on": timezone.localdate().isoformat(), "access": "public",
        "files": [SimpleUploadedFile("x.jpg", b"MZ\x90\x00 an executable")]}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and refused.json()["fields"]
    assert [item["title"] for item in client.get("/api/v1/media/archive/").json()["results"]] == ["Hall"]
    client.force_login(staff["icd_head"])
    assert client.post("/api/v1/media/journalists/", {"full_name": "X Y Z", "outlet": outlet.pk},
                       content_type="application/json").status_code == 403


def test_an_api_client_runs_the_monitoring_and_the_events(client, staff, ministry, press_office, outlet, briefing, accredited):
    from tests.media_relations.test_mentions import CSV

    client.force_login(staff["pr_officer"])
    upload = {"organisation": ministry.pk, "file": SimpleUploadedFile("m.csv", CSV.encode())}
    preview = client.post("/api/v1/media/mentions/import/", upload)
    assert preview.status_code == 200 and (preview.json()["good"], preview.json()["bad"], preview.json()["imported"]) == (2, 2, 0)
    assert [row["line"] for row in preview.json()["rows"] if row["errors"]] == [4, 5]
    assert client.get("/api/v1/media/mentions/").json()["count"] == 0
    done = client.post("/api/v1/media/mentions/import/", {**upload, "file": SimpleUploadedFile("m.csv", CSV.encode()), "commit": "true"})
    assert done.json()["imported"] == 2
    bad = client.post("/api/v1/media/mentions/import/?lang=en", {**upload, "file": SimpleUploadedFile("m.csv", b"date;title\n1;2\n")},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "Columns missing" in bad.json()["detail"]
    report = client.get("/api/v1/media/mentions/report/", {"month": "2026-11"}).json()
    assert report["total"] == 2 and report["tone"]["negative"] == 1 and report["false"] == 1

    changed = client.patch(f"/api/v1/media/events/{briefing.pk}/", {"place": "Small hall", "capacity": 5}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["place"] == "Small hall" and len(changed.json()["speakers"]) == 2
    from units.models import AgendaEntry

    assert set(AgendaEntry.objects.values_list("place", flat=True)) == {"Small hall"}
    created = client.post("/api/v1/media/releases/", {"organisation": ministry.pk, "language": "az", "title": "T", "body": "B"},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    release = created.json()
    edited = client.patch(f"/api/v1/media/releases/{release['id']}/", {"title": "Better"}, content_type="application/json")
    assert edited.json()["title"] == "Better" and edited.json()["state"] == "draft"


def test_the_public_reads_the_public_part_of_the_archive(client, staff, ministry, press_office):
    public = archive_item_create(actor=staff["pr_officer"], organisation=ministry, files=[_jpeg()], values={
        "kind": "photo", "title": "Open day", "taken_on": timezone.localdate(), "access": "public"})
    internal = archive_item_create(actor=staff["pr_officer"], organisation=ministry, values={
        "kind": "video", "title": "Internal meeting", "taken_on": timezone.localdate(), "access": "staff",
        "location": "Media server, /2026/11"})
    page = client.get(reverse("media_relations:archive") + "?lang=en").content.decode()
    assert "Open day" in page and "Internal meeting" not in page and "Add to the archive" not in page
    assert client.get(reverse("media_relations:archive-thumbnail", args=[public.pk]))["Content-Type"] == "image/jpeg"
    assert client.get(reverse("media_relations:archive-item", args=[internal.pk])).status_code == 404
    assert client.post(reverse("media_relations:archive"), {"title": "x"}).status_code == 404


def test_odd_ids_in_forms_are_a_404_or_a_400_never_a_500(client, staff, registers):
    client.force_login(staff["pr_officer"])
    event, mention = registers["event"], registers["mention"]
    for value in ("abc", "9" * 30, "-1", ""):
        assert client.post(reverse("media_relations:event-manage", args=[event.pk]),
                           {"action": "confirm", "registration": value}).status_code == 404
        assert client.post(reverse("media_relations:mention", args=[mention.pk]), {"action": "answer", "release": value}).status_code == 400
        assert client.post(reverse("media_relations:mentions-import"), {"payload": "x", "organisation": value}).status_code == 400
        assert client.get(reverse("media_relations:releases"), {"translate": value}).status_code in (200, 404)


def test_the_press_service_tabs_mark_the_page_you_are_on(client, staff, press_office):
    client.force_login(staff["pr_officer"])
    page = client.get(reverse("media_relations:mentions") + "?lang=en").content.decode()
    tabs = page.split('class="subnav"')[1].split("</nav>")[0]
    assert tabs.count('aria-current="page"') == 1
    assert f'href="{reverse("media_relations:mentions")}" aria-current="page">Monitoring<' in tabs
    overview = client.get(reverse("media_relations:office")).content.decode().split('class="subnav"')[1].split("</nav>")[0]
    assert f'href="{reverse("media_relations:office")}" aria-current="page">' in overview and overview.count("aria-current") == 1
