"""What a reader sees is in the reader's language: notices rendered when read, terms with the right plural,
Azerbaijani capitals with a dotted İ."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from core.i18n import deferred, deferred_join, deferred_text, ngettext_noop
from core.models import Notification, OutboundEmail
from core.services.notifications import notification_send
from documents.models import TermUnit
from documents.models.control import term_label
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_notice_sent_to_an_azerbaijani_reader_reads_in_russian_on_a_russian_page(client):
    user = UserFactory(preferred_language="az")
    notification_send(recipient=user, kind="test", title=deferred(ngettext_noop("%(count)d of your cards is overdue",
                                                                  "%(count)d of your cards are overdue"),
                                                                  count=3),
                      body=deferred(gettext_noop("Open the “To approve” page to decide.")))
    stored = Notification.objects.get()
    assert stored.title == "3 kartınızın müddəti keçib"  # the e-mail and the stored copy: the recipient's language
    assert OutboundEmail.objects.get().subject == stored.title
    client.force_login(user)
    russian = client.get(reverse("core:staff-home") + "?lang=ru").content.decode()
    assert "Просрочены 3 ваши карточки" in russian
    assert "Откройте страницу «На согласование»" in russian
    assert "kartınızın" not in russian
    english = client.get(reverse("v1:notification-list") + "?lang=en").json()
    assert english["results"][0]["title"] == "3 of your cards are overdue"


def test_a_unit_named_in_a_notice_reads_in_the_readers_language(imported):
    unit = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    from units.services import unit_names_set

    unit_names_set(unit=unit, names={"ru": "Отдел по связям с общественностью"})
    text = deferred(gettext_noop("Control digest: %(unit)s"), unit=unit)
    with translation.override("ru"):
        assert deferred_text(text) == "Сводка контроля: Отдел по связям с общественностью"
    with translation.override("az"):
        assert "İctimaiyyətlə əlaqələr şöbəsi" in deferred_text(text)


def test_joined_lines_and_plain_text_read_as_stored():
    joined = deferred_join([deferred(gettext_noop("False or distorting:")), "— Outlet: a title typed by staff"])
    with translation.override("ru"):
        assert deferred_text(joined).splitlines()[1] == "— Outlet: a title typed by staff"
        assert deferred_text(joined).splitlines()[0] != "False or distorting:"
    assert deferred_text("plain") == "plain"


@pytest.mark.parametrize(("language", "value", "unit", "expected"), [
    ("ru", 1, TermUnit.WORKING_DAYS, "1 рабочий день"),
    ("ru", 3, TermUnit.WORKING_DAYS, "3 рабочих дня"),
    ("ru", 15, TermUnit.WORKING_DAYS, "15 рабочих дней"),
    ("ru", 24, TermUnit.HOURS, "24 часа"),
    ("ru", 21, TermUnit.CALENDAR_DAYS, "21 календарный день"),
    ("en", 1, TermUnit.WORKING_DAYS, "1 working day"),
    ("en", 5, TermUnit.WORKING_DAYS, "5 working days"),
    ("az", 15, TermUnit.WORKING_DAYS, "15 iş günü"),
])
def test_terms_are_said_with_the_right_plural(language, value, unit, expected):
    with translation.override(language):
        assert term_label(value, unit) == expected


def test_azerbaijani_capitals_keep_the_dot(client):
    page = client.get(reverse("login") + "?lang=az").content.decode()
    assert "İstifadəçi adı" in page
    assert "Istifadəçi" not in page
    with translation.override("az"):
        assert Template("{{ word|capfirst }}").render(Context({"word": "icra"})) == "İcra"
    with translation.override("en"):
        assert Template("{{ word|capfirst }}").render(Context({"word": "icra"})) == "Icra"
