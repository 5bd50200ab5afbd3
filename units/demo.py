"""Demo organisations from the regulation texts kept in the repo, and staff placed in positions."""

from pathlib import Path

from django.conf import settings

from core.demo import demo_password, demo_user
from units.importer.parse import parse_text
from units.models import PositionKind, Unit
from units.services import membership_assign, regulation_import, unit_names_set

REGULATIONS_DIR = Path(__file__).resolve().parent / "regulations"

# username, first name, last name, unit name, position kind
STAFF = [
    ("minister", "Sahil", "Babayev", "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", PositionKind.HEAD),
    ("pr.head", "Aynur", "Məmmədova", "İctimaiyyətlə əlaqələr şöbəsi", PositionKind.HEAD),
    ("pr.deputy", "Rəşad", "Quliyev", "İctimaiyyətlə əlaqələr şöbəsi", PositionKind.DEPUTY),
    ("info.head", "Leyla", "Həsənova", "İnformasiya sektoru", PositionKind.SECTOR_HEAD),
    ("info.officer", "Orxan", "Əliyev", "İnformasiya sektoru", PositionKind.OFFICER),
    ("pr.officer", "Günel", "İsmayılova", "İctimaiyyətlə əlaqələr şöbəsi", PositionKind.OFFICER),
    ("clerk", "Nigar", "Rzayeva", "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", PositionKind.CLERK),
    ("deputy.minister", "Vüsal", "Hüseynov", "Ministry of Communications and High Technologies", PositionKind.DEPUTY),
    ("icd.head", "Elnur", "Kazımov", "International Cooperation Department", PositionKind.HEAD),
    ("events.head", "Samira", "Vəliyeva", "Sector for Organization of International Events", PositionKind.SECTOR_HEAD),
    ("events.officer", "Tural", "Nəsibov", "Sector for Organization of International Events", PositionKind.OFFICER),
    ("relations.officer", "Kamilə", "Rəhimova", "Sector for Relations with International Organizations", PositionKind.OFFICER),
]

# the official names the imported texts do not give (each unit is imported in one language)
NAMES = {
    "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi": {
        "ru": "Министерство труда и социальной защиты населения",
        "en": "Ministry of Labour and Social Protection of the Population"},
    "Aparat": {"ru": "Аппарат", "en": "Central Administration"},
    "İctimaiyyətlə əlaqələr şöbəsi": {"ru": "Отдел по связям с общественностью", "en": "Public Relations Department"},
    "İnformasiya sektoru": {"ru": "Сектор информации", "en": "Information Sector"},
    "Kommunikasiya sektoru": {"ru": "Сектор коммуникаций", "en": "Communications Sector"},
    "Rəqəmsal media sektoru": {"ru": "Сектор цифровых медиа", "en": "Digital Media Sector"},
    "Qeyri-hökumət təşkilatları ilə iş sektoru": {
        "ru": "Сектор по работе с неправительственными организациями",
        "en": "Sector for Work with Non-Governmental Organisations"},
    "Ministry of Communications and High Technologies": {
        "az": "Rabitə və Yüksək Texnologiyalar Nazirliyi", "ru": "Министерство связи и высоких технологий"},
    "Central Administration": {"az": "Aparat", "ru": "Аппарат"},
    "International Cooperation Department": {"az": "Beynəlxalq əməkdaşlıq şöbəsi", "ru": "Отдел международного сотрудничества"},
    "Sector for Organization of International Events": {
        "az": "Beynəlxalq tədbirlərin təşkili sektoru", "ru": "Сектор организации международных мероприятий"},
    "Sector for Relations with International Organizations": {
        "az": "Beynəlxalq təşkilatlarla əlaqələr sektoru", "ru": "Сектор по связям с международными организациями"},
    "Public Relations Sector": {"az": "İctimaiyyətlə əlaqələr sektoru", "ru": "Сектор по связям с общественностью"},
    "Министерство культуры и информации": {"az": "Mədəniyyət və İnformasiya Nazirliyi", "en": "Ministry of Culture and Information"},
    "Уполномоченное лицо (подразделение) по взаимодействию со средствами массовой информации": {
        "az": "Kütləvi informasiya vasitələri ilə qarşılıqlı əlaqə üzrə səlahiyyətli şəxs (bölmə)",
        "en": "Authorised person (unit) for liaison with the mass media"},
}


def load(stdout):
    settings_dir = getattr(settings, "DEMO_REGULATIONS_DIR", None) or REGULATIONS_DIR
    for path in sorted(Path(settings_dir).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for parsed in parse_text(text):
            regulation, summary = regulation_import(parsed=parsed, source_text=text, source_name=path.name)
            stdout.write(f"Regulation: {regulation.title[:70]} ({summary['created']} new clauses)")
    units = {u.name: u for u in Unit.objects.all()}
    for name, names in NAMES.items():
        if name in units:
            unit_names_set(unit=units[name], names=names)
    kazakh = units.get("Министерство культуры и информации")
    if kazakh is not None and kazakh.time_zone != "Asia/Almaty":
        kazakh.time_zone = "Asia/Almaty"  # its terms end at midnight in Astana/Almaty, not in Baku
        kazakh.save(update_fields=["time_zone", "updated_at"])
    for username, first, last, unit_name, kind in STAFF:
        unit = units.get(unit_name)
        if unit is None:
            continue
        user = demo_user(username, first_name=first, last_name=last)
        membership = membership_assign(user=user, unit=unit, kind=kind)
        stdout.write(f"Demo user: {username} / {demo_password()} — {membership.position.title}")
