"""A unit's official name in each language: the imported one is kept as the text's language, the others are
given by staff, and every page reads the reader's language (the imported name where none is given)."""

import pytest
from django.urls import reverse

from units.models import Unit
from units.services import unit_names_set

pytestmark = pytest.mark.django_db


def test_the_imported_name_is_the_name_in_the_texts_language(imported):
    department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    assert department.name_az == "İctimaiyyətlə əlaqələr şöbəsi" and department.name_ru == ""
    assert imported["International Cooperation Department"].name_en == "International Cooperation Department"
    assert imported["Министерство культуры и информации"].name_ru == "Министерство культуры и информации"


def test_the_structure_page_reads_the_readers_language_with_the_imported_name_as_fallback(client, imported):
    department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    changed = unit_names_set(unit=department, names={"ru": "  Отдел по связям  с общественностью ", "en": "Public Relations Department"})
    assert changed == ["name_ru", "name_en"]
    department.refresh_from_db()
    assert department.name_ru == "Отдел по связям с общественностью"  # spaces as typed are tidied
    assert department.history.first().history_change_reason  # the change is in the unit's history
    russian = client.get(reverse("units:tree") + "?lang=ru").content.decode()
    assert "Отдел по связям с общественностью" in russian
    assert "İnformasiya sektoru" in russian  # not given in Russian yet: the imported name
    azerbaijani = client.get(reverse("units:tree") + "?lang=az").content.decode()
    assert "İctimaiyyətlə əlaqələr şöbəsi" in azerbaijani and "Отдел по связям" not in azerbaijani
    page = client.get(reverse("units:detail", args=[department.slug]) + "?lang=en").content.decode()
    assert "<h1>Public Relations Department</h1>" in page


def test_the_demo_units_have_russian_names(client, settings):
    from io import StringIO

    from units import demo

    demo.load(StringIO())
    russian = client.get(reverse("units:tree") + "?lang=ru").content.decode()
    for unit in Unit.objects.all():
        assert unit.name_ru, unit.name
        assert unit.name_ru in russian
    assert "İctimaiyyətlə əlaqələr şöbəsi" not in russian and "International Cooperation Department" not in russian
