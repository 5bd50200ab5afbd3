"""The demo's clock: what the demo did in a second reads as done on the days it stands for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.demo import DemoClock
from units.models import Unit, UnitKind
from units.services import unit_create

pytestmark = pytest.mark.django_db


def test_what_a_stretch_wrote_reads_as_done_at_its_moment_in_order_and_nothing_else_moves():
    before = unit_create(name="Before", kind=UnitKind.MINISTRY)
    clock, weeks_ago = DemoClock(), timezone.now() - timedelta(weeks=5)
    clock.step(weeks_ago)
    first = unit_create(name="First", kind=UnitKind.MINISTRY)
    second = unit_create(name="Second", kind=UnitKind.MINISTRY)
    clock.step(None)
    after = unit_create(name="After", kind=UnitKind.MINISTRY)
    clock.settle()

    moved = Unit.objects.in_bulk([before.pk, first.pk, second.pk, after.pk])
    assert weeks_ago <= moved[first.pk].created_at < moved[second.pk].created_at < weeks_ago + timedelta(minutes=1)
    assert moved[first.pk].updated_at < weeks_ago + timedelta(minutes=1)
    # its history says the same day
    assert weeks_ago <= first.history.get().history_date < weeks_ago + timedelta(minutes=1)
    # what was written before and after the stretch keeps its time
    assert (moved[before.pk].created_at, moved[after.pk].created_at) == (before.created_at, after.created_at)
    assert after.history.get().history_date > timezone.now() - timedelta(minutes=1)


def test_two_stretches_standing_for_one_moment_keep_the_order_they_happened_in():
    clock, moment = DemoClock(), timezone.now() - timedelta(days=3)
    clock.step(moment)
    unit_create(name="First", kind=UnitKind.MINISTRY)
    unit_create(name="Second", kind=UnitKind.MINISTRY)
    clock.step(moment - timedelta(days=1))
    unit_create(name="The day before", kind=UnitKind.MINISTRY)
    clock.step(moment)
    unit_create(name="Third", kind=UnitKind.MINISTRY)
    clock.settle()

    names = list(Unit.objects.order_by("created_at").values_list("name", flat=True))
    assert names == ["The day before", "First", "Second", "Third"]
