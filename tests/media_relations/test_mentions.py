"""Monitoring: the import with its preview (bad rows reported, good rows kept, a bad file refused whole), a false
report's controlled response that escalates when late, the answer that closes it, the digest and the report."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import Notification
from documents.models import ControlCard, ControlNotice
from documents.services.sweep import control_sweep
from media_relations.models import MediaMention, MediaOutlet
from media_relations.services.mention_import import mentions_import_preview
from media_relations.services.mentions import mention_create, mention_link_answer, mentions_daily_digest

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")

CSV = """date,outlet,title,link,summary,tone,topic,false,units
2026-11-20,APA,Pensions indexed,https://apa.example/1,,positive,pensions,no,
21.11.2026,APA,Ministry cancels all benefits,https://apa.example/2,All benefits cancelled,negative,benefits,yes,İnformasiya sektoru
2026-13-40,APA,Bad date row,,,neutral,,no,
2026-11-22,Unknown Weekly,Unknown outlet row,,,neutral,,no,
"""


def _csv(text=CSV, name="mentions.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_import_reports_bad_rows_with_line_and_reason_and_keeps_the_good(client, staff, ministry, press_office, outlet):
    client.force_login(staff["pr_officer"])
    url = reverse("media_relations:mentions-import") + "?lang=en"
    preview = client.post(url, {"organisation": ministry.pk, "file": _csv()})
    page = preview.content.decode()
    assert preview.status_code == 200, page[:3000]
    assert "2 rows can be imported; 2 rows have errors" in page
    assert "the date “2026-13-40” is not a date" in page and "the outlet “Unknown Weekly” is not in the register" in page
    assert not MediaMention.objects.exists()  # the preview writes nothing
    payload = page.split('name="payload" value="')[1].split('"')[0]
    done = client.post(url, {"payload": payload, "organisation": ministry.pk})
    assert done.status_code == 302
    assert sorted(MediaMention.objects.values_list("title", flat=True)) == ["Ministry cancels all benefits", "Pensions indexed"]
    false = MediaMention.objects.get(is_false=True)
    assert list(false.units.values_list("name", flat=True)) == ["İnformasiya sektoru"]
    assert ControlCard.objects.filter(object_id=false.pk, content_type__model="mediamention").exists()


def test_a_tampered_preview_is_refused(client, staff, ministry, press_office, outlet):
    client.force_login(staff["pr_officer"])
    response = client.post(reverse("media_relations:mentions-import") + "?lang=en", {"payload": "eyJ0YW1wZXJlZCI6dHJ1ZX0:abc",
                                                                                      "organisation": ministry.pk})
    assert response.status_code == 400 and not MediaMention.objects.exists()


@pytest.mark.parametrize(("upload", "message"), [
    (_csv(encoding="cp1251", text="дата,СМИ,заголовок\n2026-11-20,АПА,Пенсии\n"), "not in UTF-8"),
    (_csv(text="date,title\n2026-11-20,x\n"), "Columns missing: outlet"),
    (_csv(text=""), "The file is empty"),
    (SimpleUploadedFile("x.xlsx", b"PK\x03\x04garbage"), "not a readable XLSX"),
])
def test_a_file_that_cannot_be_read_is_refused_whole(ministry, outlet, upload, message):
    with pytest.raises(ApplicationError, match=message):
        mentions_import_preview(organisation=ministry, upload=upload)


def test_an_xlsx_file_imports_like_a_csv(ministry, outlet):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tarix", "KİV", "Başlıq", "Ton"])
    book.active.append([datetime(2026, 11, 20), "apa", "Xəbər", "müsbət"])
    buffer = BytesIO()
    book.save(buffer)
    [row] = mentions_import_preview(organisation=ministry, upload=SimpleUploadedFile("m.xlsx", buffer.getvalue()))
    assert row["errors"] == [] and row["values"]["tone"] == "positive" and row["values"]["outlet"] == outlet


def test_a_false_report_opens_a_controlled_response_that_escalates_when_late(staff, ministry, press_office, outlet, imported):
    from units.models import Membership

    sector = imported["İnformasiya sektoru"]
    detected = datetime(2026, 11, 16, 10, 0, tzinfo=BAKU)  # a Monday
    Membership.objects.update(start=datetime(2026, 1, 1).date())  # the heads were in place when the sweep ran
    mention = mention_create(actor=staff["pr_officer"], organisation=ministry, units=[sector], detected_at=detected, values={
        "outlet": outlet, "published_on": detected.date(), "title": "All benefits cancelled", "tone": "negative",
        "is_false": True, "summary": "The article claims the ministry cancels every benefit."})
    card = ControlCard.objects.get(object_id=mention.pk, content_type__model="mediamention")
    assert card.policy.code == "media.false_report_response" and card.responsible_unit == sector
    assert card.due.astimezone(BAKU).date() == datetime(2026, 11, 17).date()  # one working day from detection
    assert staff["info_head"].notifications.filter(kind="media.false_report").exists()

    control_sweep(now=datetime(2026, 11, 18, 9, tzinfo=BAKU))
    assert ControlNotice.objects.filter(card=card, kind="overdue").exists()
    assert not ControlNotice.objects.filter(card=card, kind="escalated").exists()
    control_sweep(now=datetime(2026, 11, 21, 9, tzinfo=BAKU))  # three working days late
    assert ControlNotice.objects.filter(card=card, kind="escalated").exists()
    assert Notification.objects.filter(recipient=staff["pr_head"], title__icontains="All benefits cancelled").exists()


def test_the_answer_closes_the_response(staff, ministry, press_office, outlet, imported):
    from media_relations.services.releases import press_release_save

    mention = mention_create(actor=staff["pr_officer"], organisation=ministry, units=[imported["İnformasiya sektoru"]], values={
        "outlet": outlet, "published_on": timezone.localdate(), "title": "Fake", "is_false": True})
    answer = press_release_save(actor=staff["pr_officer"], organisation=ministry, values={
        "language": "az", "title": "Təkzib", "body": "Müavinətlər ləğv edilmir."})
    mention_link_answer(mention=mention, actor=staff["pr_officer"], release=answer)
    card = ControlCard.objects.get(object_id=mention.pk, content_type__model="mediamention")
    assert card.state == "done" and card.result == "Təkzib"


def test_a_false_report_without_units_goes_where_its_text_points(staff, ministry, press_office, outlet):
    mention = mention_create(actor=staff["pr_officer"], organisation=ministry, values={
        "outlet": outlet, "published_on": timezone.localdate(), "title": "Sosial islahatlar dayandırılır",
        "summary": "Sosial islahatlar barədə həqiqətə uyğun olmayan məlumat mediada yayımlanıb", "is_false": True})
    assert mention.units.count() == 1
    card = ControlCard.objects.get(object_id=mention.pk, content_type__model="mediamention")
    assert card.responsible_unit == mention.units.get()


def test_bad_mentions_are_refused_with_the_field(staff, ministry, press_office, outlet):
    with pytest.raises(ApplicationError) as error:
        mention_create(actor=staff["pr_officer"], organisation=ministry, values={
            "outlet": outlet, "published_on": timezone.localdate() + timedelta(days=2), "title": "Future"})
    assert "published_on" in error.value.fields
    with pytest.raises(ApplicationError):
        mention_create(actor=staff["icd_head"], organisation=ministry, values={
            "outlet": outlet, "published_on": timezone.localdate(), "title": "Not my ministry"})


def test_the_daily_digest_goes_once_to_the_leadership(staff, ministry, press_office, outlet):
    yesterday = timezone.localdate() - timedelta(days=1)
    for tone, is_false in (("positive", False), ("negative", True)):
        mention_create(actor=staff["pr_officer"], organisation=ministry, values={
            "outlet": outlet, "published_on": yesterday, "title": f"{tone} story", "tone": tone, "is_false": is_false})
    sent = mentions_daily_digest()
    assert sent >= 2
    assert mentions_daily_digest() == 0
    digest = Notification.objects.get(recipient=staff["minister"], kind="media.digest")
    assert "2 publications" in digest.title and "negative story" in digest.body
    assert Notification.objects.filter(recipient=staff["pr_head"], kind="media.digest").count() == 1


def test_the_monthly_report_counts_by_tone_outlet_and_topic(client, staff, ministry, press_office, outlet):
    other = MediaOutlet.objects.create(name="Trend", kind="news_agency")
    for source, tone, topic in ((outlet, "positive", "pensions"), (outlet, "negative", "pensions"), (other, "negative", "jobs")):
        mention_create(actor=staff["pr_officer"], organisation=ministry, values={
            "outlet": source, "published_on": timezone.localdate(), "title": "x", "tone": tone, "topic": topic})
    client.force_login(staff["pr_head"])
    page = client.get(reverse("media_relations:mentions-report") + "?lang=en").content.decode()
    assert 'aria-label="negative: 2"' in page and 'aria-label="APA: 2"' in page and 'aria-label="pensions: 2"' in page
    xlsx = client.get(reverse("media_relations:mentions-report") + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_units_concerned_see_their_false_report_and_outsiders_see_nothing(client, staff, ministry, press_office, outlet, imported):
    mention = mention_create(actor=staff["pr_officer"], organisation=ministry, units=[imported["İnformasiya sektoru"]], values={
        "outlet": outlet, "published_on": timezone.localdate(), "title": "Fake", "is_false": True})
    client.force_login(staff["info_officer"])
    assert client.get(reverse("media_relations:mention", args=[mention.pk])).status_code == 200
    client.force_login(staff["icd_head"])
    for url in (reverse("media_relations:mention", args=[mention.pk]), f"/api/v1/media/mentions/{mention.pk}/"):
        assert client.get(url).status_code == 404
    assert client.get("/api/v1/media/mentions/").json()["count"] == 0
