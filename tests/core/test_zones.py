from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.django_db


def test_a_user_of_the_kazakh_ministry_reads_times_in_almaty_others_in_baku(client, imported):
    from tests.factories import UserFactory, open_card
    from units.services import membership_assign

    kazakh = imported["Министерство культуры и информации"]
    kazakh.time_zone = "Asia/Almaty"
    kazakh.save()
    officer = UserFactory(username="kz_officer", preferred_language="en")
    membership_assign(user=officer, unit=kazakh, kind="officer")
    card = open_card(unit=kazakh, executor=officer, policy="kz.appeal.standard",
                     start=datetime(2026, 11, 2, 10, 0, tzinfo=ZoneInfo("Asia/Almaty")), title="Kazakh card")
    client.post("/accounts/login/", {"username": "kz_officer", "password": "secret-pass-123"})
    assert client.session["portal_time_zone"] == "Asia/Almaty"  # asked once, at login
    page = client.get(f"/control/cards/{card.pk}/?lang=en").content.decode()
    assert "23:59" in page and "p.m." not in page  # the end of the day where the ministry is, on a 24-hour clock
    client.logout()
    baku = UserFactory(username="az_officer", preferred_language="en")
    membership_assign(user=baku, unit=imported["İnformasiya sektoru"], kind="officer")
    client.post("/accounts/login/", {"username": "az_officer", "password": "secret-pass-123"})
    assert client.get("/staff/").status_code == 200
    assert "portal_time_zone" not in client.session
