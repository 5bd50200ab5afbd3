"""The demo reads as work done over days: what a first-run visitor sees on a tracking page, a case page or the press
calendar."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from appeals.models import Case
from documents.services.calendar import calendar_for
from media_relations.models import PressEvent

pytestmark = pytest.mark.django_db


def test_a_demo_case_is_registered_the_day_it_came_numbered_in_turn_and_worked_on_working_days(db):
    call_command("load_demo", stdout=StringIO())
    calendar = calendar_for("AZ")
    worked_over_days = 0
    for case in Case.objects.all():
        steps = [record.history_date for record in case.history.order_by("history_id")]
        assert steps[0] == case.received_at  # registered on receipt, not on the day the demo was loaded
        assert steps == sorted(steps)
        if case.answered_at:
            assert steps[-1] == case.answered_at
        between = [timezone.localtime(step) for step in steps[1:-1] if timezone.localdate(step) != timezone.localdate(steps[0])]
        assert all(calendar.is_working_day(step.date()) and 9 <= step.hour < 18 for step in between)
        worked_over_days += bool(between)
    assert worked_over_days >= 5
    # a register's numbers follow the days the cases came
    for journal_id in Case.objects.values_list("journal_id", flat=True).distinct():
        sequences = list(Case.objects.filter(journal_id=journal_id).order_by("received_at", "id").values_list("sequence", flat=True))
        assert sequences == sorted(sequences)
    # the press service holds its events on working days in office hours, in Baku
    events = [timezone.localtime(event.starts_at) for event in PressEvent.objects.all()]
    assert events and all(calendar.is_working_day(start.date()) and 9 <= start.hour < 18 for start in events)
