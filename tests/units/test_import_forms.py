"""The general forms the importer keeps whole, each with a fixture of our own in tests/units/data/."""

from pathlib import Path

import pytest

from units.importer.parse import parse_text

DATA = Path(__file__).resolve().parent / "data"
AGENCY = "Azərbaycan Respublikasının Prezidenti yanında Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi"


def test_a_long_official_name_with_yaninda_and_uzre_is_the_whole_organisation():
    legal, finance, audit = parse_text((DATA / "long-agency-name-az.txt").read_text(encoding="utf-8"))
    # the genitive in the title, and "Respublikası" or "Respublikasının" in the text: one name, in the nominative
    assert legal.organisation == finance.organisation == AGENCY
    assert legal.organisation_kind == "agency" and legal.unit == {"name": "Hüquq şöbəsi", "kind": "department"}
    assert audit.organisation == "Azərbaycan Respublikasının Nazirlər Kabineti yanında Əmlak Məsələləri Dövlət Xidməti"
    assert audit.unit == {"name": "Daxili audit sektoru", "kind": "sector"}


@pytest.mark.django_db
def test_two_texts_of_one_agency_land_in_one_organisation():
    from units.models import Unit
    from units.services import regulation_import

    text = (DATA / "long-agency-name-az.txt").read_text(encoding="utf-8")
    for parsed in parse_text(text):
        regulation_import(parsed=parsed, source_text=text, source_name="long-agency-name-az.txt")
    agency = Unit.objects.get(name=AGENCY, parent__isnull=True)
    assert sorted(agency.children.values_list("name", flat=True)) == ["Hüquq şöbəsi", "Maliyyə şöbəsi"]
    assert Unit.objects.filter(parent__isnull=True, name__endswith="Dövlət Agentliyi").count() == 1


def test_a_name_not_found_still_warns():
    [parsed] = parse_text("Hüquq şöbəsi haqqında\nƏSASNAMƏ\n\n1. Ümumi müddəalar\n\n1.1. Şöbə struktur bölmədir.\n")
    assert "no_organisation" in {w.code for w in parsed.warnings}


def test_quoted_sector_names_are_kept_in_one_quote_style_with_their_clauses():
    [parsed] = parse_text((DATA / "quoted-sectors-az.txt").read_text(encoding="utf-8"))
    names = ["«Qaynar xətt» sektoru", "«Elektron arxiv» sektoru", "«Açıq məlumat» sektoru"]
    assert [s["name"] for s in parsed.sectors] == names
    clauses = {c.key: c for c in parsed.clauses}
    assert (clauses["3.1"].unit, clauses["3.1"].kind) == (names[0], "duty")  # heading in «…»
    assert (clauses["4.2"].unit, clauses["4.2"].kind) == (names[1], "duty")  # heading in “…”
    assert (clauses["5.1"].unit, clauses["5.1"].kind) == (names[2], "right")  # heading in "…"
    assert clauses["2.1"].unit == "Vətəndaş müraciətləri şöbəsi"
    assert not [w for w in parsed.warnings if w.code == "unparsed_line"]


@pytest.mark.parametrize(("text", "sectors"), [
    ("Şöbə “Qaynar xətt” sektoru və «Elektron arxiv» sektorundan ibarətdir.", ["«Qaynar xətt» sektoru", "«Elektron arxiv» sektoru"]),
    ('Şöbənin strukturuna "Açıq məlumat" və „Monitorinq“ sektorları daxildir.', ["«Açıq məlumat» sektoru", "«Monitorinq» sektoru"]),
])
def test_quoted_names_in_structure_clauses(text, sectors):
    from units.importer.names import sectors_in_structure_clause

    assert sectors_in_structure_clause(text, "az") == sectors


MODEL = "Dayanıqlı və operativ sosial təminat mərkəzi"
COMPLAINT = "Mərkəzdə ziyarətçiləri nəzakətsiz qəbul edirlər, növbə elektron deyil və gözləmə müddəti saatlarla çəkir"


@pytest.mark.django_db
def test_a_model_regulation_applied_to_real_units_routes_to_them_with_the_model_clause(imported):
    from units.models import Clause, Unit
    from units.selectors import unit_suggest_for_text
    from units.services import regulation_import_many, unit_create

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    baku = unit_create(name="Bakı şəhəri 1 nömrəli DOST mərkəzi", kind="centre", parent=ministry)
    text = (DATA / "model-service-centre-az.txt").read_text(encoding="utf-8")
    parsed = parse_text(text, organisation=ministry.name)
    [(_name, regulation, _summary)] = regulation_import_many(sources=[("model", text, parsed)], applies_to=[baku])
    # the model's clauses belong to the unit it describes, created under the organisation
    described = Unit.objects.get(name=MODEL, parent=ministry)
    assert set(Clause.objects.filter(regulation=regulation).values_list("unit", flat=True)) == {described.pk}
    assert list(regulation.applies_to.all()) == [baku]
    [first, *_rest] = unit_suggest_for_text(text=COMPLAINT, organisation=ministry)
    assert first["unit"] == baku and first["clauses"][0] == f"2.1 ({MODEL})"
    assert all(s["unit"] != described for s in unit_suggest_for_text(text=COMPLAINT, organisation=ministry))


@pytest.mark.django_db
def test_the_import_command_applies_a_model_to_units_and_refuses_an_unknown_one(imported):
    from django.core.management import CommandError, call_command

    from units.models import Regulation
    from units.services import unit_create

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    centre = unit_create(name="Gəncə şəhəri DOST mərkəzi", kind="centre", parent=ministry)
    path = str(DATA / "model-service-centre-az.txt")
    with pytest.raises(CommandError):
        call_command("import_regulations", path, "--organisation", ministry.name, "--applies-to", "no-such-unit")
    call_command("import_regulations", path, "--organisation", ministry.name, "--applies-to", centre.slug)
    assert list(Regulation.objects.get(model_unit_name=MODEL).applies_to.all()) == [centre]
