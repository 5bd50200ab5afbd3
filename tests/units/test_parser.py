"""The importer's parser on the shared regulation texts and on the forms domain.md §2 describes."""

from pathlib import Path

import pytest

from units.importer.parse import parse_text, sort_key_for

DATA = Path(__file__).resolve().parent / "data"


def parse(regulation_text, name):
    return parse_text(regulation_text(name))


def test_azerbaijani_public_relations_department(regulation_text):
    [regulation] = parse(regulation_text, "az-labour-ministry-public-relations-department.txt")
    assert regulation.language == "az"
    assert regulation.organisation == "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"
    assert regulation.unit == {"name": "İctimaiyyətlə əlaqələr şöbəsi", "kind": "department"}
    assert [s["name"] for s in regulation.sectors] == [
        "İnformasiya sektoru", "Kommunikasiya sektoru", "Rəqəmsal media sektoru", "Qeyri-hökumət təşkilatları ilə iş sektoru",
    ]
    by_unit = {}
    for clause in regulation.clauses:
        by_unit.setdefault(clause.unit, []).append(clause)
    # each sector's duties are attached to the sector
    assert [c.number for c in by_unit["İnformasiya sektoru"] if c.kind == "duty"][1:4] == ["6.1.1", "6.1.2", "6.1.3"]
    assert len([c for c in by_unit["Qeyri-hökumət təşkilatları ilə iş sektoru"] if c.kind == "duty"]) == 22
    assert {c.unit for c in regulation.clauses if c.number.startswith("6.3.")} == {"Rəqəmsal media sektoru"}
    # the department keeps its own duties, rights, areas and head's powers
    kinds = {c.number: c.kind for c in regulation.clauses}
    assert kinds["2.1.1"] == "area" and kinds["3.1.24"] == "duty" and kinds["4.1.3"] == "right"
    assert kinds["5.4.7"] == "head_power" and kinds["1.2"] == "general" and kinds["5.8"] == "organisation"
    assert {"code": "numbering_gap", "detail": "3.1.20 missing between 3.1.19 and 3.1.21"} in [
        {k: v for k, v in w.items() if k != "line"} for w in regulation.as_json()["warnings"]
    ]
    assert regulation.approval == {
        "by": "Azərbaycan Respublikasının əmək və əhalinin sosial müdafiəsi naziri", "date": None, "number": None,
    }


def test_english_international_cooperation_department(regulation_text):
    [regulation] = parse(regulation_text, "en-mincom-international-cooperation-department.txt")
    assert regulation.language == "en"
    assert regulation.organisation == "Ministry of Communications and High Technologies"
    assert regulation.unit == {"name": "International Cooperation Department", "kind": "department"}
    events, organisations = "Sector for Organization of International Events", "Sector for Relations with International Organizations"
    assert [s["name"] for s in regulation.sectors] == [events, organisations]
    assert [c.number for c in regulation.clauses if c.unit == events] == ["6.1", "6.1.1", "6.1.2", "6.1.3", "6.1.4"]
    assert all(c.kind == "duty" for c in regulation.clauses if c.unit in (events, organisations))
    assert {c.number for c in regulation.clauses if c.kind == "head_power"} >= {"5.10.1", "5.10.16"}
    text = {c.number: c.text for c in regulation.clauses}
    assert text["5.1"] == "The structure and number of job (position) is accepted by the Minister."
    assert text["2.1.1"].startswith("Investigates offers")
    assert not regulation.warnings


def test_english_public_relations_text_reports_its_title_body_mismatch(regulation_text):
    [regulation] = parse(regulation_text, "en-mincom-public-relations-sector.txt")
    assert [w.code for w in regulation.warnings] == ["title_kind_mismatch"]
    assert regulation.unit == {"name": "Public Relations Sector", "kind": "sector"}
    assert "5.2" in {c.number for c in regulation.clauses}  # "5.2.." is read as 5.2


def test_russian_article_yields_a_model_regulation(regulation_text):
    [regulation] = parse(regulation_text, "ru-kz-media-liaison-model-regulation-article.txt")
    assert regulation.language == "ru"
    assert regulation.is_model
    assert regulation.title.startswith("Типовое положение об уполномоченном лице")
    assert regulation.organisation == "Министерство культуры и информации"
    assert regulation.unit["name"] == "Уполномоченное лицо (подразделение) по взаимодействию со средствами массовой информации"
    kinds = [c.kind for c in regulation.clauses]
    # the prose about the unit (what the model covers, where the post is created, whom it reports to, its aim) is
    # general provisions; then tasks, functions, duties
    assert kinds == ["general"] * 4 + ["duty"] * 2 + ["function"] * 8 + ["duty"] * 7
    assert regulation.clauses[3].text.startswith("Целью уполномоченного лица")
    assert regulation.clauses[6].text.startswith("предоставление пользователям")
    assert regulation.approval["date"] == "2024-08-29"
    # only the news article's tail is left over, reported, not lost
    assert [w.line for w in regulation.warnings if w.code == "unparsed_line"] == [33, 34]


def test_several_regulations_in_one_file_with_the_other_forms():
    first, model = parse_text((DATA / "multi-az.txt").read_text(encoding="utf-8"))
    assert first.unit == {"name": "Hüquqi təminat şöbəsi", "kind": "department"}
    assert first.organisation == "Ədliyyə Nazirliyi"
    assert first.approval == {"by": "Azərbaycan Respublikası Ədliyyə Nazirliyi Kollegiyasının sədri", "date": "2014-12-29",
                              "number": "9.1.9/E-05"}
    assert [s["name"] for s in first.sectors] == ["Daxili hüquqi tənzimləmə sektoru", "Hüquqi aktların ekspertizası sektoru"]
    clauses = {c.key: c for c in first.clauses}
    assert clauses["2.1.1"].text == "normativ hüquqi aktların layihələrinə rəy vermək;"  # markdown debris gone
    assert "2.1.2-1" in clauses and "2.1.4#2" in clauses
    assert clauses["5.1"].unit == "Hüquqi aktların ekspertizası sektoru" and clauses["5.1"].kind == "function"
    assert {w.code for w in first.warnings} == {"empty_clause", "duplicate_number"}
    assert model.is_model and model.unit == {"name": "Rayon (şəhər) məşğulluq mərkəzi", "kind": "centre"}
    assert model.approval["date"] is None and model.approval["number"] is None  # blanks stay empty
    assert [w.detail for w in model.warnings] == ["2.2 missing between 2.1 and 2.3"]


def test_sort_key_orders_numbers_as_people_do():
    numbers = ["3.1.10", "3.1.2-1", "3.1.2", "3.1.1", "10.1", "3.2"]
    assert sorted(numbers, key=sort_key_for) == ["3.1.1", "3.1.2", "3.1.2-1", "3.1.10", "3.2", "10.1"]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\t"])
def test_clause_text_is_clean(space):
    [regulation] = parse_text(f"Test şöbəsinin Əsasnaməsi\n\nI. Ümumi müddəalar\n\n1.1.{space}\n\n**Şöbə{space}{space}işləyir.**\n")
    assert regulation.clauses[0].text == "Şöbə işləyir."


def test_approval_first_year_first_dates_long_lead_ins_and_a_russian_regulation():
    finance, russian = parse_text((DATA / "forms-az-ru.txt").read_text(encoding="utf-8"))
    assert finance.title.endswith("Maliyyə şöbəsinin ƏSASNAMƏSİ")
    assert finance.unit == {"name": "Maliyyə şöbəsi", "kind": "department"}
    assert finance.approval == {"by": "Azərbaycan Respublikası Əmək və Əhalinin Sosial Müdafiəsi naziri", "date": "2020-05-15",
                                "number": "123/a"}
    kinds = {c.number: (c.kind, c.unit) for c in finance.clauses}
    assert kinds["3.1.1"] == ("head_power", "Maliyyə şöbəsi")  # "Şöbəyə rəhbərlik edən şöbə müdiri aşağıdakı səlahiyyətləri …:"
    assert kinds["4.1.2"] == ("function", "Büdcə sektoru")  # "Büdcə sektoru aşağıdakı funksiyaları həyata keçirir:"
    assert not finance.warnings

    assert russian.language == "ru"
    assert russian.organisation == "Министерство культуры и информации"  # from the genitive "Министерства …"
    assert russian.unit == {"name": "Отдел по связям с общественностью", "kind": "department"}
    assert russian.approval == {"by": "Министр культуры и информации Республики Казахстан", "date": "2023-03-12", "number": "45"}
    assert [(c.number, c.kind) for c in russian.clauses if c.number.startswith("2.1")] == [
        ("2.1", "duty"), ("2.1.1", "duty"), ("2.1.2", "duty")]
    assert not russian.warnings


def test_english_approval_block():
    [regulation] = parse_text(
        "APPROVED by Order No. 12/3 of the Minister of Culture dated 5 March 2021\n\n"
        "Regulations of the Legal Department\n\nI. General provisions\n\n"
        "1.1. The Legal Department (hereinafter – the Department) is a structural unit of the Ministry of Culture.\n\n"
        "II. Duties of the Department\n\n2.1. Drafts legal opinions;\n2.2. Represents the Ministry in courts.\n")
    assert regulation.organisation == "Ministry of Culture"
    assert regulation.unit == {"name": "Legal Department", "kind": "department"}
    assert regulation.approval["date"] == "2021-03-05" and regulation.approval["number"] == "12/3"
    assert "Minister of Culture" in regulation.approval["by"]
    assert [c.kind for c in regulation.clauses] == ["general", "duty", "duty"]


def test_a_bare_title_mark_with_the_unit_below_it_and_the_name_in_the_body():
    [regulation] = parse_text(
        "ƏSASNAMƏ\nMaliyyə şöbəsi haqqında\n\nI. Ümumi müddəalar\n\n"
        "1.1. Ədliyyə Nazirliyinin struktur bölməsi olan Maliyyə şöbəsi (bundan sonra - Şöbə) büdcə işlərini aparır.\n")
    assert regulation.unit == {"name": "Maliyyə şöbəsi", "kind": "department"}
    assert regulation.organisation == "Ədliyyə Nazirliyi"
    [untitled] = parse_text(
        "I. Ümumi müddəalar\n\n1.1. Ədliyyə Nazirliyinin struktur bölməsi olan Kadrlar şöbəsi (bundan sonra - Şöbə) işləyir.\n")
    assert untitled.unit == {"name": "Kadrlar şöbəsi", "kind": "department"}


@pytest.mark.parametrize(("text", "language", "sectors"), [
    ("Şöbənin strukturuna Daxili hüquqi tənzimləmə sektoru və Hüquqi aktların ekspertizası sektoru daxildir.", "az",
     ["Daxili hüquqi tənzimləmə sektoru", "Hüquqi aktların ekspertizası sektoru"]),
    ("Şöbə Maliyyə, Büdcə və Uçot sektorlarından ibarətdir.", "az", ["Maliyyə sektoru", "Büdcə sektoru", "Uçot sektoru"]),
    ("The Department consists of the Sector for Budget and the Sector for Accounting.", "en",
     ["Sector for Budget", "Sector for Accounting"]),
])
def test_structure_clauses_in_their_several_forms(text, language, sectors):
    from units.importer.names import sectors_in_structure_clause

    assert sectors_in_structure_clause(text, language) == sectors
