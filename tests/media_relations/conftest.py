from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone


@pytest.fixture(autouse=True)
def _english():
    """Services called directly speak the active language: English here, so messages can be matched."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ministry(imported):
    return imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"]


@pytest.fixture
def press_office(ministry, imported):
    """The public relations department is the ministry's press service."""
    from units.models import ServiceDesignation

    return ServiceDesignation.objects.create(organisation=ministry, function="press", unit=imported["İctimaiyyətlə əlaqələr şöbəsi"])


@pytest.fixture
def outlet(db):
    from media_relations.models import MediaOutlet

    return MediaOutlet.objects.create(name="APA", kind="news_agency", email="desk@apa.example")


def press_card(name="press-card.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


@pytest.fixture
def make_journalist(outlet):
    from media_relations.models import Journalist
    from tests.factories import UserFactory

    def make(username="reporter", full_name="Elvin Məmmədov"):
        user = UserFactory(username=username, preferred_language="en", email=f"{username}@press.example")
        return Journalist.objects.create(user=user, full_name=full_name, outlet=outlet, email=user.email)

    return make


@pytest.fixture
def accredited(make_journalist, ministry, staff, press_office):
    """A journalist accredited by the ministry from today for 30 days."""
    from media_relations.services.accreditation import accreditation_apply, accreditation_decide

    journalist = make_journalist()
    item = accreditation_apply(journalist=journalist, organisation=ministry, kind="temporary", valid_from=timezone.localdate(),
                               valid_until=timezone.localdate() + timedelta(days=30), documents=[press_card()], actor=journalist.user)
    accreditation_decide(accreditation=item, actor=staff["pr_head"], approve=True)
    item.refresh_from_db()
    return item


@pytest.fixture
def briefing(staff, ministry, press_office, outlet):
    from media_relations.services.events import press_event_save

    start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    event, _clashes = press_event_save(actor=staff["pr_officer"], organisation=ministry, values={
        "kind": "briefing", "title": "Briefing on pensions", "topic": "Indexation", "starts_at": start,
        "ends_at": start + timedelta(hours=1), "place": "Press hall", "capacity": 2},
        speakers=[staff["minister"], staff["pr_head"]], invited_outlets=[outlet])
    return event
