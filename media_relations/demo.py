"""The press service's week on first run: outlets, an accredited and a waiting journalist (with logins), an upcoming
briefing with registrations, a published release with its Russian version and one under embargo, a week of
mentions with one false report under control, an archive photo and two subscriptions."""

from datetime import datetime, time, timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.demo import DemoClock, demo_password, demo_user
from core.models import User
from documents.demo import cards_follow_their_start, working_days_ago
from documents.models import ControlCard

OUTLETS = [
    ("APA", "news_agency", "az, ru, en", "news@apa.example"), ("Report.az", "online", "az, ru, en", "info@report.example"),
    ("AzTV", "tv", "az", "news@aztv.example"), ("Xalq qəzeti", "print", "az", "redaksiya@xalq.example"),
    ("Trend", "news_agency", "az, ru, en", "desk@trend.example"), ("İctimai Radio", "radio", "az", "radio@itv.example"),
]
MENTIONS = [
    (0, "APA", "Nazirlik yeni elektron xidmət təqdim etdi", "positive", "e-xidmətlər", False),
    (1, "Report.az", "Nazirlik bütün müavinətləri ləğv edir", "negative", "müavinətlər", True),
    (1, "Xalq qəzeti", "Məşğulluq yarmarkası 1200 vakansiya təklif etdi", "positive", "məşğulluq", False),
    (2, "AzTV", "Sosial yardım müraciətlərinin baxılması gecikir", "negative", "sosial yardım", False),
    (3, "Trend", "Əlilliyi olan şəxslər üçün yeni reabilitasiya mərkəzi", "positive", "reabilitasiya", False),
    (4, "Report.az", "Pensiyaların indeksləşdirilməsi barədə açıqlama", "neutral", "pensiya", False),
    (5, "İctimai Radio", "Əmək müqavilələrinin elektron qeydiyyatı", "neutral", "əmək münasibətləri", False),
    (6, "APA", "Ünvanlı sosial yardım alanların sayı açıqlandı", "neutral", "sosial yardım", False),
]


def _file(name="press-card.txt", content=b"Press card No 1234, valid 2026-2027\n"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def _photo():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (11, 83, 148))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 560, 1120, 720), fill=(255, 255, 255))
    buffer = BytesIO()
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("briefing.jpg", buffer.getvalue(), content_type="image/jpeg")


def _journalist(username, full_name, outlet, position):
    from media_relations.models import Journalist

    first, last = full_name.split(" ", 1)
    user = demo_user(username, first_name=first, last_name=last, email=f"{username}@press.example")
    journalist, _created = Journalist.objects.get_or_create(user=user, defaults={
        "full_name": full_name, "outlet": outlet, "position": position, "email": user.email})
    return journalist


def load(stdout):
    from documents.services.approval import approval_current_step, approval_decide, approval_routes
    from documents.services.calendar import calendar_for
    from media_relations.models import Journalist, MediaOutlet
    from media_relations.services.accreditation import accreditation_apply, accreditation_decide
    from media_relations.services.archive import archive_item_create, subscription_save
    from media_relations.services.events import event_register, press_event_save, registration_decide
    from media_relations.services.mentions import mention_create
    from media_relations.services.releases import press_release_save, press_release_submit
    from units.models import ServiceDesignation, ServiceFunction, Unit

    organisation = Unit.objects.filter(parent__isnull=True, name="Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi").first()
    office_unit = Unit.objects.filter(name="İctimaiyyətlə əlaqələr şöbəsi").first()
    people = {u.username: u for u in User.objects.filter(username__in=["minister", "pr.head", "pr.officer", "info.head"])}
    if organisation is None or office_unit is None or len(people) < 4 or MediaOutlet.objects.exists():
        return
    ServiceDesignation.objects.get_or_create(organisation=organisation, function=ServiceFunction.PRESS,
                                             defaults={"unit": office_unit})
    # the press service's last weeks, each step on the day it was done
    clock = DemoClock()
    clock.step(working_days_ago(60, hour=10))
    outlets = {name: MediaOutlet.objects.create(name=name, kind=kind, language=language, email=email)
               for name, kind, language, email in OUTLETS}
    head, officer, minister = people["pr.head"], people["pr.officer"], people["minister"]
    today = timezone.localdate()
    calendar = calendar_for("AZ")

    def working_day_at(day, hour):  # a press event is held on a working day, in office hours in Baku
        return timezone.make_aware(datetime.combine(calendar.next_working_day(day, include_self=True), time(hour)))

    # journalists: one accredited for a year, one accredited without an account, one waiting for a decision
    clock.step(working_days_ago(15, hour=10))
    accredited = _journalist("journalist", "Elvin Məmmədov", outlets["APA"], "müxbir")
    item = accreditation_apply(journalist=accredited, organisation=organisation, kind="permanent", valid_from=today,
                               documents=[_file()], actor=accredited.user)
    clock.step(working_days_ago(13, hour=15))
    accreditation_decide(accreditation=item, actor=head, approve=True)
    clock.step(working_days_ago(10, hour=11))
    camera = Journalist.objects.create(full_name="Rauf Həsənli", outlet=outlets["AzTV"], position="operator", email="rauf@aztv.example")
    item = accreditation_apply(journalist=camera, organisation=organisation, kind="temporary", valid_from=today,
                               valid_until=today + timedelta(days=60), documents=[_file()], actor=officer)
    clock.step(working_days_ago(9, hour=12))
    accreditation_decide(accreditation=item, actor=head, approve=True)
    clock.step(working_days_ago(2, hour=11))
    waiting = _journalist("journalist.new", "Kamilə Rüstəmova", outlets["Report.az"], "redaktor")
    accreditation_apply(journalist=waiting, organisation=organisation, kind="permanent", valid_from=today,
                        note="Sosial mövzular üzrə redaktoram.", documents=[_file("redaksiya-mektubu.txt", b"Redaksiya mektubu\n")],
                        actor=waiting.user)

    # an upcoming briefing with the minister and the head of the press service speaking
    start = working_day_at(today + timedelta(days=3), 11)
    clock.step(working_days_ago(5, hour=12))
    briefing, _clashes = press_event_save(actor=officer, organisation=organisation, values={
        "kind": "briefing", "title": "Sosial islahatların nəticələri üzrə brifinq", "topic": "2026-cı ilin sosial islahatları",
        "starts_at": start, "ends_at": start + timedelta(hours=1), "place": "Nazirliyin mətbuat zalı", "capacity": 20},
        speakers=[minister, head], invited_outlets=[outlets["APA"], outlets["Report.az"], outlets["AzTV"]])
    clock.step(working_days_ago(3, hour=10))
    registration_decide(registration=event_register(event=briefing, journalist=camera, actor=officer), actor=officer, confirm=True)
    clock.step(working_days_ago(2, hour=16))
    event_register(event=briefing, journalist=accredited, actor=accredited.user)
    clock.step(working_days_ago(4, hour=11))
    conference_start = working_day_at(today + timedelta(days=10), 15)
    press_event_save(actor=officer, organisation=organisation, values={
        "kind": "press_conference", "title": "Məşğulluq strategiyası: mətbuat konfransı", "topic": "",
        "starts_at": conference_start, "ends_at": conference_start + timedelta(hours=2), "place": "Nazirlik, 3-cü mərtəbə",
        "capacity": None}, speakers=[minister], invited_outlets=list(outlets.values()))

    # a published release with its Russian version, and one under embargo
    def publish(release, *, days_ago, submitted_at, approved_at):
        clock.step(working_days_ago(days_ago, hour=submitted_at))
        press_release_submit(release=release, actor=officer, approver=head)
        route = approval_routes(release).last()
        clock.step(working_days_ago(days_ago, hour=approved_at))
        approval_decide(step=approval_current_step(route), actor=head, approve=True)

    clock.step(working_days_ago(4, hour=10))
    news = press_release_save(actor=officer, organisation=organisation, values={
        "language": "az", "title": "Nazirlik yeni elektron xidmət istifadəyə verdi",
        "lead": "Vətəndaşlar artıq arayışları onlayn ala bilərlər.",
        "body": "Nazirlik əmək və sosial müdafiə sahəsində yeni elektron xidmət istifadəyə verib.\n\nXidmət vasitəsilə vətəndaşlar "
                "arayışları növbə gözləmədən onlayn əldə edə bilərlər."})
    publish(news, days_ago=4, submitted_at=11, approved_at=16)
    clock.step(working_days_ago(3, hour=10))
    news_ru = press_release_save(actor=officer, organisation=organisation, original=news, values={
        "language": "ru", "title": "Министерство запустило новую электронную услугу",
        "lead": "Граждане теперь могут получать справки онлайн.",
        "body": "Министерство запустило новую электронную услугу в сфере труда и социальной защиты.\n\nС её помощью граждане "
                "получают справки онлайн, без очереди."})
    publish(news_ru, days_ago=3, submitted_at=11, approved_at=15)
    clock.step(working_days_ago(1, hour=10))
    embargoed = press_release_save(actor=officer, organisation=organisation, values={
        "language": "az", "title": "2027-ci il üçün pensiyaların artımı",
        "lead": "Embarqo: brifinqdən əvvəl dərc edilməməlidir.",
        "body": "2027-ci il yanvarın 1-dən pensiyalar indeksləşdiriləcək. Təfərrüatlar brifinqdə açıqlanacaq.",
        "embargo_until": start})
    publish(embargoed, days_ago=1, submitted_at=12, approved_at=17)
    clock.step(working_days_ago(1, hour=16))
    waiting = press_release_save(actor=officer, organisation=organisation, values={
        "language": "az", "title": "Əlilliyi olan şəxslər üçün yeni reabilitasiya mərkəzi",
        "lead": "Mərkəz dekabrın 3-də, Beynəlxalq Əlillər Günündə açılır.",
        "body": "Nazirliyin yeni reabilitasiya mərkəzi ildə 2000 nəfərə xidmət göstərəcək."})
    press_release_submit(release=waiting, actor=officer, approver=head)  # waits for the head's signature
    clock.step(None)
    press_release_save(actor=officer, organisation=organisation, values={
        "language": "az", "title": "Məşğulluq yarmarkasının yekunları", "lead": "",
        "body": "Yarmarkada 1200 vakansiya təqdim olunub."})

    # a week of monitoring; the false report goes to the information sector under control
    sector = Unit.objects.filter(name="İnformasiya sektoru").first()
    for days_ago, outlet, title, tone, topic, is_false in MENTIONS:  # recorded the evening they came out (today's: now)
        clock.step(timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(18))) if days_ago else None)
        mention_create(actor=officer, organisation=organisation, units=[sector] if is_false and sector else [], values={
            "outlet": outlets[outlet], "published_on": today - timedelta(days=days_ago), "title": title, "tone": tone,
            "topic": topic, "is_false": is_false, "url": f"https://{outlet.lower().replace(' ', '')}.example/{days_ago}",
            "summary": "Məqalədə nazirliyin bütün sosial müavinətləri ləğv etdiyi iddia olunur." if is_false else ""})

    clock.step(working_day_at(today - timedelta(days=29), 12))  # archived the working day after
    archive_item_create(actor=officer, organisation=organisation, files=[_photo()], values={
        "kind": "photo", "title": "Oktyabr brifinqi", "taken_on": today - timedelta(days=30), "people": "Sahil Babayev",
        "tags": "brifinq, sosial islahatlar", "access": "public"})
    clock.step(working_day_at(today - timedelta(days=11), 12))
    archive_item_create(actor=officer, organisation=organisation, values={
        "kind": "video", "title": "Nazirin müsahibəsi (tam yazı)", "taken_on": today - timedelta(days=12),
        "people": "Sahil Babayev", "tags": "müsahibə", "access": "staff", "location": "Media server: /video/2026/11/musahibe.mp4"})
    clock.step(None)
    subscription_save(actor=officer, organisation=organisation, values={
        "publication": "Xalq qəzeti", "kind": "print", "starts_on": today.replace(month=1, day=1),
        "ends_on": today + timedelta(days=20), "copies": 3, "note": ""})
    subscription_save(actor=officer, organisation=organisation, values={
        "publication": "Trend Premium", "kind": "electronic", "starts_on": today - timedelta(days=100),
        "ends_on": today + timedelta(days=265), "copies": 1, "note": ""})
    clock.settle()
    cards_follow_their_start(ControlCard.objects.filter(content_type__model__in=["accreditation", "mediamention"]))
    stdout.write(f"Demo journalists: journalist, journalist.new / {demo_password()}")
