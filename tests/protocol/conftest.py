from datetime import timedelta

import pytest
from django.utils import timezone

MINCOM = "Ministry of Communications and High Technologies"
ICD = "International Cooperation Department"
EVENTS = "Sector for Organization of International Events"
RELATIONS = "Sector for Relations with International Organizations"


@pytest.fixture(autouse=True)
def _english():
    """Services called directly speak the active language: English here, so messages can be matched."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def mincom(imported):
    return imported[MINCOM]


@pytest.fixture
def people(imported):
    """The ministry's leadership, the department's head, the events sector (organises visits), the other sector, and
    an officer of another department, placed since last year."""
    from tests.factories import UserFactory
    from units.models import ServiceDesignation
    from units.services import membership_assign

    ServiceDesignation.objects.create(organisation=imported[MINCOM], function="protocol", unit=imported[ICD])
    plan = {"deputy_minister": (MINCOM, "deputy"), "icd_head": (ICD, "head"), "events_head": (EVENTS, "sector_head"),
            "events_officer": (EVENTS, "officer"), "relations_officer": (RELATIONS, "officer"),
            "pr_officer": ("Public Relations Sector", "officer")}
    users = {}
    for key, (unit_name, kind) in plan.items():
        users[key] = UserFactory(username=key, preferred_language="en", first_name=key.split("_")[0].title(),
                                 last_name=key.split("_")[-1].title())
        membership_assign(user=users[key], unit=imported[unit_name], kind=kind,
                          start=timezone.localdate() - timedelta(days=365))
    return users


@pytest.fixture
def partner(people):
    from protocol.services.partners import partner_save

    return partner_save(actor=people["icd_head"], values={"name": "Ministry of Digital Affairs", "kind": "foreign_body",
                                                          "country": "Georgia", "email": "intl@digital.example"})


@pytest.fixture
def incoming_visit(people, partner, mincom, imported):
    from protocol.services.visits import visit_save

    start = timezone.localdate() + timedelta(days=7)
    return visit_save(actor=people["events_officer"], organisation=mincom, organising_unit=imported[EVENTS], values={
        "direction": "incoming", "invited_by": "minister", "title": "Georgian delegation on digital signatures",
        "purpose": "Mutual recognition of e-signatures", "partner": partner, "country": "Georgia", "city": "Bakı",
        "starts_on": start, "ends_on": start + timedelta(days=2), "level": "deputy", "languages": "az,en"})


def at(day, hour, minute=0):
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()).replace(hour=hour, minute=minute))
