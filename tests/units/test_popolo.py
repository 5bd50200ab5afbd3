import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_organisation_chart_is_popolo_that_reads_back_whole(client, staff, imported):
    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    answer = client.get(f"/api/v1/units/{ministry.slug}/popolo/")  # public, like the structure pages
    assert answer.status_code == 200
    chart = json.loads(answer.content)
    organisations = {o["id"]: o for o in chart["organizations"]}
    posts = {p["id"]: p for p in chart["posts"]}
    persons = {p["id"]: p for p in chart["persons"]}
    root = organisations[f"unit/{ministry.slug}"]
    assert root["parent_id"] is None and root["classification"] == "ministry"
    sector = organisations[f"unit/{imported['İnformasiya sektoru'].slug}"]
    department = organisations[sector["parent_id"]]
    assert department["name"] == "İctimaiyyətlə əlaqələr şöbəsi" and department["classification"] == "department"
    assert all(o["parent_id"] in organisations for o in chart["organizations"] if o["parent_id"])
    assert all(p["organization_id"] in organisations for p in posts.values())
    for membership in chart["memberships"]:
        assert membership["post_id"] in posts and membership["person_id"] in persons and membership["start_date"]
    head = staff["pr_head"]
    held = [m for m in chart["memberships"] if persons[m["person_id"]]["name"] == head.get_full_name()]
    assert [(posts[m["post_id"]]["role"], organisations[m["organization_id"]]["name"]) for m in held] == [
        ("head", "İctimaiyyətlə əlaqələr şöbəsi")]
    # a post is labelled as a ministry names it, in the state language: the minister is "nazir", not "rəhbər"
    labels = {organisations[p["organization_id"]]["name"]: p["label"] for p in posts.values() if p["role"] == "head"}
    assert labels["İctimaiyyətlə əlaqələr şöbəsi"] == "şöbə müdiri — İctimaiyyətlə əlaqələr şöbəsi"
    assert labels[ministry.name] == f"nazir — {ministry.name}"
    # a unit's posts are listed as a ministry lists them, head first (not by the kinds' codes: deputy, head, officer)
    department_posts = [p["role"] for p in chart["posts"] if p["organization_id"] == sector["parent_id"]]
    assert department_posts == ["head", "deputy", "officer"]
    # people by name only: no contact data of any kind, and nothing of another organisation
    text = answer.content.decode()
    assert "@" not in text and "email" not in text and "phone" not in text
    assert "International Cooperation Department" not in text


def test_a_subtree_chart_starts_at_the_unit_and_an_unknown_unit_is_404(client, staff, imported):
    sector = imported["İnformasiya sektoru"]
    chart = client.get(f"/api/v1/units/{sector.slug}/popolo/").json()
    assert [o["name"] for o in chart["organizations"]] == ["İnformasiya sektoru"]
    assert chart["organizations"][0]["parent_id"] is None
    assert client.get("/api/v1/units/no-such-unit/popolo/").status_code == 404


def test_a_posts_title_is_kept_in_the_state_language_whoever_creates_it(imported):
    from django.utils import translation

    from tests.factories import UserFactory
    from units.services import membership_assign

    ministry = imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]
    with translation.override("en"):  # an administrator working in English
        membership = membership_assign(user=UserFactory(), unit=ministry, kind="deputy")
    assert membership.position.title == f"nazir müavini — {ministry.name}"
