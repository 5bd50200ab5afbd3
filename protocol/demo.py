"""The protocol service's month on first run (Ministry of Communications, its International Cooperation Department):
a partner registry, next week's Georgian delegation with its programme, delegation and a visa-support letter (and one
clash: the deputy minister is also due at the ambassador's courtesy call), an outgoing visit waiting for its report,
and two agreements with obligations (one overdue, one agreement expiring in a month)."""

from datetime import timedelta

from django.utils import timezone

from core.demo import DemoClock
from core.models import User
from documents.demo import cards_follow_their_start, working_days_ago
from documents.models import ControlCard

PARTNERS = [
    ("Gürcüstanın İqtisadiyyat və Davamlı İnkişaf Nazirliyi", "foreign_body", "Gürcüstan", "Nino Beridze", "intl@economy.ge.example"),
    ("Türkiyə Respublikasının Bakıdakı Səfirliyi", "embassy", "Türkiyə", "Protokol bölməsi", "embassy.baku@mfa.tr.example"),
    ("Beynəlxalq Telekommunikasiya İttifaqı", "international_org", "İsveçrə", "Avropa bürosu", "eur@itu.int.example"),
    ("Rabitə Sahəsində Regional Birlik", "regional_org", "Rusiya", "İcraiyyə Komitəsi", "ecrcc@rcc.example"),
    ("Korea Telecom", "company", "Koreya Respublikası", "Qlobal biznes bölməsi", "global@kt.example"),
    ("Tallin Texnologiya Universiteti", "university", "Estoniya", "Beynəlxalq əlaqələr ofisi", "international@taltech.example"),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()).replace(hour=hour, minute=minute))


def load(stdout):
    from protocol.models import Partner
    from protocol.services.agreements import agreement_save, obligation_add, working_group_add
    from protocol.services.letters import visit_letter_create
    from protocol.services.meetings import meeting_minutes_save, meeting_minutes_submit, meeting_save
    from protocol.services.partners import partner_save
    from protocol.services.visits import member_save, programme_item_save, visit_move, visit_save
    from units.models import ServiceDesignation, ServiceFunction, Unit

    organisation = Unit.objects.filter(parent__isnull=True, name="Ministry of Communications and High Technologies").first()
    department = Unit.objects.filter(name="International Cooperation Department").first()
    events = Unit.objects.filter(name="Sector for Organization of International Events").first()
    relations = Unit.objects.filter(name="Sector for Relations with International Organizations").first()
    people = {u.username: u for u in User.objects.filter(
        username__in=["deputy.minister", "icd.head", "events.head", "events.officer", "relations.officer"])}
    if None in (organisation, department, events, relations) or len(people) < 5 or Partner.objects.exists():
        return
    ServiceDesignation.objects.get_or_create(organisation=organisation, function=ServiceFunction.PROTOCOL,
                                             defaults={"unit": department})
    head, officer, deputy = people["icd.head"], people["events.officer"], people["deputy.minister"]
    # the work of the last weeks, each step on the day it was done (the agreements were entered into the portal today)
    clock = DemoClock()
    clock.step(working_days_ago(40, hour=10))
    partners = [partner_save(actor=head, values={"name": name, "kind": kind, "country": country, "contact_person": contact,
                                                 "email": email}) for name, kind, country, contact, email in PARTNERS]
    georgia, turkiye, itu = partners[0], partners[1], partners[2]
    today = timezone.localdate()

    # next week's incoming delegation, confirmed, with its programme and one clash
    monday = today + timedelta(days=7 - today.weekday())
    clock.step(working_days_ago(20, hour=11))
    visit = visit_save(actor=officer, organisation=organisation, organising_unit=events, values={
        "direction": "incoming", "invited_by": "minister", "title": "Gürcüstan nümayəndə heyəti: rəqəmsal ticarət və elektron imza",
        "purpose": "Elektron imzaların qarşılıqlı tanınması; rəqəmsal ticarət dəhlizi üzrə yol xəritəsi.", "partner": georgia,
        "country": "Gürcüstan", "city": "Tbilisi", "starts_on": monday, "ends_on": monday + timedelta(days=2), "level": "deputy",
        "languages": "az,en"})
    clock.step(working_days_ago(18, hour=15))
    visit_move(actor=deputy, visit=visit, action="approve")
    clock.step(working_days_ago(12, hour=12))
    visit_move(actor=officer, visit=visit, action="confirm")
    clock.step(working_days_ago(5, hour=10))
    for name, position, role, flight, passport in [
            ("Nino Beridze", "Nazir müavini", "head", "A9 051", "13AB45678"),
            ("Giorgi Kapanadze", "Rəqəmsal İqtisadiyyat Departamentinin rəhbəri", "member", "A9 051", "14CD98765"),
            ("Tamar Lomidze", "Tərcüməçi", "interpreter", "A9 051", "15EF11223")]:
        member_save(actor=officer, visit=visit, values={
            "full_name": name, "position": position, "organisation_name": georgia.name, "role": role,
            "arrival_at": _at(monday, 8, 40), "arrival_flight": flight, "departure_at": _at(monday + timedelta(days=2), 19, 10),
            "departure_flight": "A9 052", "airport_service": "vip" if role == "head" else "", "hotel": "Hilton Bakı",
            "dietary_needs": "vegetarian" if role == "interpreter" else "", "passport_number": passport, "passport_country": "Gürcüstan"})
    clock.step(working_days_ago(3, hour=14))
    meeting_save(actor=head, organisation=organisation, organising_unit=relations, officials=[deputy], values={
        "partner": turkiye, "title": "Türkiyə səfirinin nəzakət görüşü", "starts_at": _at(monday, 11),
        "ends_at": _at(monday, 12), "place": "Nazirlik, nazir müavininin kabineti", "guests": "Səfir cənabları, müşavir",
        "agenda": "Rəqəmsal İpək Yolu; 5G sahəsində əməkdaşlıq"})
    # last week's meeting with the ITU: its minutes wait for the head of department's signature
    clock.step(working_days_ago(9, hour=10))
    met_on = working_days_ago(6, hour=10).date()
    itu_meeting, _clashes = meeting_save(actor=head, organisation=organisation, organising_unit=relations, officials=[deputy], values={
        "partner": itu, "title": "BTİ-nin regional ofisi ilə işçi görüş", "starts_at": _at(met_on, 15), "ends_at": _at(met_on, 16),
        "place": "Nazirlik, 2-ci zal", "guests": "BTİ-nin regional ofisinin direktoru", "agenda": "Birgə seminar; rəqəmsal bacarıqlar proqramı"})
    clock.step(working_days_ago(5, hour=11))
    relations_officer = people["relations.officer"]
    meeting_minutes_save(actor=relations_officer, meeting=itu_meeting,
                         minutes="Tərəflər yazda Bakıda rəqəmsal bacarıqlar üzrə birgə seminar keçirməyə razılaşdılar.\n"
                                 "Nazirlik seminarın proqram layihəsini bir ay ərzində hazırlayacaq.")
    clock.step(working_days_ago(5, hour=14))
    meeting_minutes_submit(actor=relations_officer, meeting=itu_meeting, approver=head)
    clock.step(working_days_ago(2, hour=11))
    for day, start, end, activity, place, officials, transport in [
            (0, (9, 30), (10, 0), "Hava limanında qarşılanma (VIP zal)", "Heydər Əliyev Beynəlxalq Aeroportu", [], "Nazirliyin avtomobilləri"),
            (0, (11, 0), (12, 30), "Nazir müavini ilə rəsmi danışıqlar", "Nazirlik, 1-ci zal", [deputy, head], ""),
            (0, (13, 0), (14, 30), "Rəsmi nahar", "Otelin restoranı", [deputy], ""),
            (1, (10, 0), (13, 0), "İşçi sessiya: elektron imzaların qarşılıqlı tanınması", "Nazirlik, 2-ci zal", [head], ""),
            (2, (10, 0), (12, 0), "Data Mərkəzinə baxış", "Data Mərkəzi, Bakı", [], "Mikroavtobus")]:
        programme_item_save(actor=officer, visit=visit, officials=officials, values={
            "starts_at": _at(monday + timedelta(days=day), *start), "ends_at": _at(monday + timedelta(days=day), *end),
            "activity": activity, "place": place, "guests": "Gürcüstan nümayəndə heyəti", "responsible": officer, "transport": transport})
    visit_letter_create(actor=officer, visit=visit, kind="visa_support", language="az")  # to our own foreign ministry: the state language

    # an outgoing visit that ended last week: the report to the minister is due
    back = today - timedelta(days=6)
    forum_opens = back - timedelta(days=3)
    clock.step(working_days_ago(30, hour=10))
    outgoing = visit_save(actor=people["events.head"], organisation=organisation, organising_unit=events, values={
        "direction": "outgoing", "title": "BTİ-nin Cenevrədə regional forumu", "purpose": "Nazirliyin nümayəndə heyətinin BTİ-nin regional forumunda iştirakı.",
        "partner": itu, "country": "İsveçrə", "city": "Cenevrə", "starts_on": back - timedelta(days=3), "ends_on": back,
        "level": "head", "languages": "az,en"})
    clock.step(working_days_ago(28, hour=16))
    visit_move(actor=deputy, visit=outgoing, action="approve")
    clock.step(working_days_ago(26, hour=11))
    for user, position, role in ((people["events.head"], "Sektor müdiri", "head"), (officer, "Baş məsləhətçi", "member")):
        member_save(actor=people["events.head"], visit=outgoing, values={
            "full_name": user.get_full_name(), "position": position, "role": role,
            "organisation_name": organisation.display_name, "departure_at": _at(forum_opens - timedelta(days=1), 7, 30),
            "departure_flight": "J2 077", "hotel": "Hotel Nations, Cenevrə"})
    for day, start, end, activity, place in [
            (0, (9, 0), (12, 0), "BTİ regional forumunun açılış plenar iclası", "CICG, Cenevrə"),
            (1, (14, 0), (15, 0), "BTİ-nin İnkişaf Sektoru ilə ikitərəfli görüş", "BTİ-nin qərargahı, Cenevrə")]:
        programme_item_save(actor=people["events.head"], visit=outgoing, officials=[], values={
            "starts_at": _at(forum_opens + timedelta(days=day), *start), "ends_at": _at(forum_opens + timedelta(days=day), *end),
            "activity": activity, "place": place, "responsible": people["events.head"]})
    for action, moment in (("confirm", working_days_ago(20, hour=12)), ("start", _at(forum_opens - timedelta(days=1), 7, 30)),
                           ("complete", _at(back, 18))):
        clock.step(moment)
        visit_move(actor=people["events.head"], visit=outgoing, action=action)
    clock.step(None)
    clock.settle()
    cards_follow_their_start(ControlCard.objects.filter(content_type__model="visit", object_id=outgoing.pk))

    # two agreements: one with an overdue obligation, one expiring in a month
    signed = today - timedelta(days=400)
    memorandum = agreement_save(actor=head, organisation=organisation, responsible_unit=relations, partners=[itu], values={
        "kind": "mou", "title": "Genişzolaqlı internetin inkişafı haqqında anlaşma memorandumu", "signed_on": signed,
        "signed_place": "Cenevrə", "in_force_on": signed, "term_months": 36, "renewal": "decision", "notice_days": 90})
    obligation_add(actor=head, agreement=memorandum, text="BTİ-nin hesabatı üçün genişzolaqlı internetin milli göstəricilərini təqdim etmək",
                   responsible_unit=relations, due_on=today - timedelta(days=12))
    obligation_add(actor=head, agreement=memorandum, text="Kənd yerlərinin internetə qoşulması üzrə regional seminar keçirmək",
                   responsible_unit=events, due_on=today + timedelta(days=75))
    working_group_add(actor=head, agreement=memorandum, user=head, is_chair=True)
    working_group_add(actor=head, agreement=memorandum, full_name="Ilya Petrov", organisation_name=itu.name, is_chair=True)
    start = today + timedelta(days=30) - timedelta(days=365) + timedelta(days=1)
    expiring = agreement_save(actor=head, organisation=organisation, responsible_unit=events, partners=[georgia], values={
        "kind": "intention", "title": "Poçt mübadiləsi haqqında niyyət protokolu", "signed_on": start, "signed_place": "Tbilisi",
        "in_force_on": start, "term_months": 12, "renewal": "none"})
    obligation_add(actor=head, agreement=expiring, text="Bağlamaların mübadiləsi üzrə tarifləri razılaşdırmaq", responsible_unit=events,
                   due_on=today + timedelta(days=20))
    stdout.write("Protocol: 6 partners, a delegation next week (with a clash), a visit waiting for its report, minutes to sign, two agreements")
