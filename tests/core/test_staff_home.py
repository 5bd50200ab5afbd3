"""The staff home says what waits for the person, with counts and links; a head's "My control" shows the cards
they control, not only the ones they execute."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import open_card

pytestmark = pytest.mark.django_db


def _desk(client, user):
    client.force_login(user)
    return client.get(reverse("core:staff-home") + "?lang=en")


def test_the_officer_sees_their_late_card_and_the_head_what_they_control(client, staff, imported):
    sector = imported["İnformasiya sektoru"]
    long_ago = timezone.now() - timedelta(days=60)
    late = open_card(unit=sector, executor=staff["info_officer"], start=long_ago, title="Answer the newspaper")
    open_card(unit=sector, executor=staff["info_officer"], start=long_ago, title="Second late answer")

    officer = _desk(client, staff["info_officer"]).content.decode()
    assert "<strong>2</strong> <span>of your cards are overdue</span>" in officer
    assert "under your control" not in officer

    head = _desk(client, staff["pr_head"])
    waiting = {item.message[1]: item for item in head.context["waiting"]}
    assert waiting["cards under your control are overdue"].count == 2
    assert waiting["cards under your control are overdue"].urgent
    assert "of your cards are overdue" not in waiting  # a head executes none of them
    russian = client.get(reverse("core:staff-home") + "?lang=ru").content.decode()
    assert "<strong>2</strong> <span>карточки под вашим контролем просрочены</span>" in russian

    control = client.get(reverse("documents:my-control") + "?lang=en").content.decode()
    assert 'id="controlled"' in control and late.title in control
    assert "Nothing is on your control." not in control

    # someone with nothing waiting reads that, rather than an empty page
    assert "Nothing is waiting for you." in _desk(client, staff["icd_head"]).content.decode()


def test_the_staff_home_costs_the_same_queries_for_many_cards(client, staff, imported, django_assert_max_num_queries):
    sector = imported["İnformasiya sektoru"]
    long_ago = timezone.now() - timedelta(days=60)
    open_card(unit=sector, executor=staff["info_officer"], start=long_ago)
    client.force_login(staff["pr_head"])
    client.get(reverse("core:staff-home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:staff-home"))
    for n in range(15):
        open_card(unit=sector, executor=staff["info_officer"], start=long_ago, title=f"Card {n}")
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("core:staff-home"))


def test_the_name_and_the_unread_count_are_in_the_header_on_every_page(client, staff):
    from core.services.notifications import notification_send

    notification_send(recipient=staff["info_officer"], kind="test", title="A notice", send_email=False)
    client.force_login(staff["info_officer"])
    page = client.get(reverse("units:tree")).content.decode()
    header = page.split("</header>")[0]
    assert staff["info_officer"].get_full_name() in header.split('id="main-navigation"')[0]
    assert 'class="badge">1' in header.split('id="main-navigation"')[0]
