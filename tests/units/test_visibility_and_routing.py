from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import UserFactory
from units.models import Acting, Position, Unit
from units.selectors import clause_search, unit_suggest_for_text, user_manages_unit

pytestmark = pytest.mark.django_db


def names(user):
    return set(Unit.objects.visible_to(user).values_list("name", flat=True))


def test_head_sees_the_unit_and_below(staff):
    assert names(staff["pr_head"]) == {"İctimaiyyətlə əlaqələr şöbəsi", "İnformasiya sektoru", "Kommunikasiya sektoru",
                                        "Rəqəmsal media sektoru", "Qeyri-hökumət təşkilatları ilə iş sektoru"}
    assert names(staff["info_head"]) == {"İnformasiya sektoru"}


def test_officer_sees_only_the_own_unit(staff):
    assert names(staff["info_officer"]) == {"İnformasiya sektoru"}


def test_leadership_sees_the_whole_ministry_but_not_other_organisations(staff):
    seen = names(staff["minister"])
    assert "Rəqəmsal media sektoru" in seen and "Aparat" in seen
    assert "International Cooperation Department" not in seen


def test_anonymous_and_outsiders_see_nothing():
    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    assert not Unit.objects.visible_to(UserFactory()).exists()


def test_an_acting_head_sees_and_manages_what_the_head_does(staff, imported):
    position = Position.objects.get(unit=imported["İctimaiyyətlə əlaqələr şöbəsi"], kind="head")
    today = timezone.localdate()
    Acting.objects.create(position=position, user=staff["pr_deputy"], start=today, end=today + timedelta(days=7))
    assert "Kommunikasiya sektoru" in names(staff["pr_deputy"])
    assert user_manages_unit(user=staff["info_officer"], unit=imported["İnformasiya sektoru"]) is False
    Acting.objects.create(position=Position.objects.get(unit=imported["İnformasiya sektoru"], kind="sector_head"),
                          user=staff["info_officer"], start=today - timedelta(days=3), end=today - timedelta(days=1))
    assert user_manages_unit(user=staff["info_officer"], unit=imported["İnformasiya sektoru"]) is False  # expired


def test_a_false_newspaper_report_goes_to_public_relations(imported):
    [first, *_rest] = unit_suggest_for_text(text="A newspaper published a false report about the ministry's work")
    assert first["unit"].name == "Public Relations Sector"
    assert "3.1.4" in first["clauses"]
    [first, *_rest] = unit_suggest_for_text(
        text="QƏZETDƏ NAZİRLİYİN FƏALİYYƏTİ İLƏ BAĞLI HƏQİQƏTƏ UYĞUN OLMAYAN MƏLUMAT YAYILIB",
        organisation=imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"])
    assert first["unit"].name in {"İctimaiyyətlə əlaqələr şöbəsi", "İnformasiya sektoru"}


def test_visas_for_a_foreign_delegation_go_to_international_cooperation(imported):
    [first, *_rest] = unit_suggest_for_text(text="Visa support letters for a foreign delegation visiting the ministry")
    assert first["unit"].name in {"International Cooperation Department", "Sector for Organization of International Events"}
    assert first["score"] > 0


def test_routing_with_nothing_in_common_returns_nothing(imported):
    assert unit_suggest_for_text(text="zzzz qqqq") == []


def test_clause_search_folds_azerbaijani_case(imported):
    results = list(clause_search(query="İCTİMAİ ŞURANIN"))
    assert any(c.number == "3.1.5" for c in results)
    assert any("false" in c.text for c in clause_search(query="false information"))


def test_the_routing_index_follows_a_changed_clause(imported):
    from units.models import Clause

    text = "A newspaper published a false report about the ministry's work"
    [first, *_rest] = unit_suggest_for_text(text=text)
    clause = Clause.objects.get(unit=first["unit"], number="3.1.4")
    clause.is_repealed = True
    clause.save()  # any writer: the index is rebuilt on the next suggestion
    again = unit_suggest_for_text(text=text)
    assert not any(s["unit"] == first["unit"] and "3.1.4" in s["clauses"] for s in again)


def test_a_suggestion_reads_no_clause_rows_once_the_index_is_built(imported, django_assert_max_num_queries):
    unit_suggest_for_text(text="Visa support letters for a foreign delegation")
    with django_assert_max_num_queries(4):  # the change stamp (3) and the units it names (1)
        unit_suggest_for_text(text="Visa support letters for a foreign delegation visiting the ministry")


def test_the_service_scope_of_one_request_answers_each_day_by_itself(staff, imported):
    """A press officer who joined today runs the press registers today, not on last month's day; asking about both
    days on the same user object (one request) must not hand the first answer to the second."""
    from units.models import ServiceDesignation
    from units.selectors import service_scope
    from units.services import membership_assign

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    ServiceDesignation.objects.create(organisation=ministry, function="press", unit=imported["İctimaiyyətlə əlaqələr şöbəsi"])
    newcomer = UserFactory()
    today = timezone.localdate()
    membership_assign(user=newcomer, unit=imported["İnformasiya sektoru"], kind="officer", start=today)

    assert service_scope(newcomer, "press", today - timedelta(days=30)) == []
    assert service_scope(newcomer, "press", today) == [ministry.pk]
    assert service_scope(newcomer, "press", today - timedelta(days=30)) == []
