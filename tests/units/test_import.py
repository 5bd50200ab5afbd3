import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import REGULATIONS
from units.models import Clause, Regulation, Unit

pytestmark = pytest.mark.django_db


def _command(*args):
    out = StringIO()
    call_command("import_regulations", *args, stdout=out)
    return out.getvalue()


def test_dry_run_json_prints_the_documented_shape_and_saves_nothing():
    output = json.loads(_command(*sorted(str(p) for p in REGULATIONS.glob("*.txt")), "--dry-run", "--json"))
    assert not Unit.objects.exists()
    regulations = output["regulations"]
    assert len(regulations) == 4
    az = regulations[0]
    assert set(az) >= {"title", "language", "organisation", "is_model", "unit", "approval", "sectors", "clauses", "warnings"}
    assert az["unit"] == {"name": "İctimaiyyətlə əlaqələr şöbəsi", "kind": "department"}
    assert az["approval"] == {"by": "Azərbaycan Respublikasının əmək və əhalinin sosial müdafiəsi naziri", "date": None, "number": None}
    assert {"name": "İnformasiya sektoru", "kind": "sector"} in az["sectors"]
    assert {"number", "kind", "unit", "text"} <= set(az["clauses"][0])
    assert az["warnings"][0]["code"] == "numbering_gap"


def test_import_builds_three_organisations_and_is_idempotent():
    _command(*sorted(str(p) for p in REGULATIONS.glob("*.txt")))
    roots = set(Unit.objects.roots().values_list("name", flat=True))
    assert roots == {"Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "Ministry of Communications and High Technologies",
                     "Министерство культуры и информации"}
    department = Unit.objects.get(name="İctimaiyyətlə əlaqələr şöbəsi")
    assert department.parent.kind == "administration"
    assert set(department.children.values_list("name", flat=True)) == {
        "İnformasiya sektoru", "Kommunikasiya sektoru", "Rəqəmsal media sektoru", "Qeyri-hökumət təşkilatları ilə iş sektoru"}
    assert Clause.objects.filter(unit__name="Kommunikasiya sektoru", kind="duty").count() == 16
    counts = (Unit.objects.count(), Regulation.objects.count(), Clause.objects.count(), Clause.history.count())
    _command(*sorted(str(p) for p in REGULATIONS.glob("*.txt")))
    assert (Unit.objects.count(), Regulation.objects.count(), Clause.objects.count(), Clause.history.count()) == counts


def test_an_edited_text_updates_in_place_and_repeals_what_vanished(tmp_path):
    source = (REGULATIONS / "en-mincom-public-relations-sector.txt").read_text(encoding="utf-8")
    path = tmp_path / "pr.txt"
    path.write_text(source, encoding="utf-8")
    _command(str(path))
    clause = Clause.objects.get(number="3.1.11")
    edited = re.sub(r"To conduct\s+daily monitoring", "To conduct hourly monitoring", source)
    assert edited != source
    edited = edited.replace("To carry out other duties in accordance with the areas of activity as prescribed by law.", "")
    path.write_text(edited, encoding="utf-8")
    output = _command(str(path))
    assert "1 changed" in output and "1 repealed" in output
    clause.refresh_from_db()
    assert clause.text.startswith("To conduct hourly monitoring")
    assert clause.history.count() == 2
    assert clause.history.first().prev_record.text.startswith("To conduct daily monitoring")
    repealed = Clause.objects.get(number="3.1.20")
    assert repealed.is_repealed
    assert Regulation.objects.count() == 1


def test_progress_goes_to_stderr_for_several_files(capsys):
    call_command("import_regulations", *sorted(str(p) for p in REGULATIONS.glob("*.txt")), "--dry-run", stdout=StringIO())
    assert "[4/4]" in capsys.readouterr().err


def test_missing_file_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        _command("/nonexistent.txt")


def test_a_text_without_organisation_is_reported_in_a_dry_run_and_refused_for_import(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "nameless.txt"
    path.write_text("Kadrlar şöbəsinin Əsasnaməsi\n\nI. Ümumi müddəalar\n\n1.1. Şöbə kadr işlərini aparır.\n", encoding="utf-8")
    output = json.loads(_command(str(path), "--dry-run", "--json"))
    [regulation] = output["regulations"]
    assert regulation["organisation"] is None
    assert "no_organisation" in [w["code"] for w in regulation["warnings"]]
    with pytest.raises(CommandError, match="pass --organisation"):
        _command(str(path))
    assert not Unit.objects.exists()
    _command(str(path), "--organisation", "Əmək Nazirliyi")
    assert Unit.objects.get(name="Kadrlar şöbəsi").parent.name == "Əmək Nazirliyi"
