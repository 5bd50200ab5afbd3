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
