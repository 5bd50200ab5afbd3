"""A history reason is written once and read in each reader's language, with what people typed kept as typed."""

import pytest
from django.utils import translation

from core.history import history_reason, history_reason_text
from documents.models import TermUnit

pytestmark = pytest.mark.django_db


def test_a_reason_written_in_one_language_reads_in_anothers():
    with translation.override("az"):
        stored = history_reason("Returned: %(comment)s", comment="Rəqəmləri yoxlayın")
    with translation.override("ru"):
        assert history_reason_text(stored) == "Возвращён: Rəqəmləri yoxlayın"
    with translation.override("en"):
        assert history_reason_text(stored) == "Returned: Rəqəmləri yoxlayın"


def test_a_label_parameter_is_translated_too_and_old_plain_reasons_read_as_stored():
    stored = history_reason("Extended by %(value)d %(unit)s: %(reason)s", value=5, unit=TermUnit.WORKING_DAYS.label,
                            reason="Site visit")
    with translation.override("ru"):
        shown = history_reason_text(stored)
    assert shown.startswith("Продлено на 5 (рабоч") and shown.endswith("Site visit")
    assert history_reason_text("Imported from the register") == "Imported from the register"
    assert history_reason_text("i18n:{broken") == "i18n:{broken"
    assert history_reason_text(None) == ""


def test_the_plan_page_shows_its_history_in_the_readers_language(client, staff, imported):
    from django.utils import timezone

    from documents.services.plans import plan_create

    with translation.override("az"):
        plan = plan_create(actor=staff["info_head"], unit=imported["İnformasiya sektoru"], period="year",
                           year=timezone.localdate().year)
    client.force_login(staff["pr_head"])
    client.cookies["portal_language"] = "ru"
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Составлен" in page and "Hazırlanıb" not in page
    assert "i18n:" not in page
