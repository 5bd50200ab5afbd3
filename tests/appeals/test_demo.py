"""The demo reads as work done over days: what a first-run visitor sees on a tracking page, a case page, the registry
or the press calendar."""

from datetime import timedelta
from io import StringIO
from itertools import pairwise

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from appeals.models import Case
from core.models import Notification
from documents.models import Assignment, ControlCard, Document, WorkPlanItem
from documents.services.calendar import calendar_for
from documents.services.control import deadline_compute
from media_relations.models import PressEvent

pytestmark = pytest.mark.django_db


def test_a_demo_case_is_registered_the_day_it_came_numbered_in_turn_and_worked_on_working_days(db):
    call_command("load_demo", stdout=StringIO())
    calendar = calendar_for("AZ")
    worked_over_days = 0
    for case in Case.objects.all():
        steps = [record.history_date for record in case.history.order_by("history_id")]
        assert abs(steps[0] - case.received_at) < timedelta(seconds=1)  # registered on receipt, not the day the demo was loaded
        assert steps == sorted(steps)
        if case.answered_at:
            assert abs(steps[-1] - case.answered_at) < timedelta(seconds=1)
        # its control card tells the same days
        card = ControlCard.objects.get(content_type__model="case", object_id=case.pk)
        card_steps = [record.history_date for record in card.history.order_by("history_id")]
        assert card_steps == sorted(card_steps) and abs(card_steps[0] - steps[0]) < timedelta(seconds=1)
        assert abs(card_steps[-1] - steps[-1]) < timedelta(seconds=1) or case.state == "in_approval"  # the visa is not the card's
        between = [timezone.localtime(step) for step in steps[1:-1] if timezone.localdate(step) != timezone.localdate(steps[0])]
        assert all(calendar.is_working_day(step.date()) and 9 <= step.hour < 18 for step in between)
        worked_over_days += bool(between)
    assert worked_over_days >= 5
    # a register's numbers follow the days the cases came
    for journal_id in Case.objects.values_list("journal_id", flat=True).distinct():
        sequences = list(Case.objects.filter(journal_id=journal_id).order_by("received_at", "id").values_list("sequence", flat=True))
        assert sequences == sorted(sequences)
    _registry_reads_as_the_days_it_was_kept()
    # an inbox shows this week's news as unread, not a month's
    unread = Notification.objects.filter(read_at__isnull=True)
    assert unread.exists() and not unread.filter(created_at__lt=timezone.now() - timedelta(days=3)).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()
    _every_history_in_the_order_it_happened_and_none_ahead()
    _a_plan_approved_before_its_period_puts_each_measure_under_control_to_its_own_date()
    # the press service holds its events on working days in office hours, in Baku
    events = [timezone.localtime(event.starts_at) for event in PressEvent.objects.all()]
    assert events and all(calendar.is_working_day(start.date()) and 9 <= start.hour < 18 for start in events)


def _registry_reads_as_the_days_it_was_kept():
    # a journal's numbers follow the days its documents were registered, each the day it came or after
    for journal_id in Document.objects.values_list("journal_id", flat=True).distinct():
        sequences = list(Document.objects.filter(journal_id=journal_id).order_by("registered_at", "id").values_list("sequence", flat=True))
        assert sequences == sorted(sequences)
    for document in Document.objects.all():
        registered = document.history.order_by("history_id").first().history_date
        assert abs(registered - document.registered_at) < timedelta(seconds=1)
        assert document.correspondent_date is None or document.correspondent_date <= timezone.localdate(document.registered_at)
    # an answer letter is registered the day its case was answered
    letters = Case.objects.filter(answered_at__isnull=False, answer_draft__document__isnull=False).select_related("answer_draft__document")
    assert letters.count() >= 8
    for case in letters:
        assert timezone.localdate(case.answer_draft.document.registered_at) == timezone.localdate(case.answered_at)
    # an assignment's term runs from its resolution, written after its document came, and a part done was done in time
    cards = ControlCard.objects.filter(content_type__model="assignment").select_related("policy")
    assert cards.filter(state="open", due__lt=timezone.now()).exists()  # the demo's overdue assignment
    for card in cards:
        assignment = Assignment.objects.select_related("resolution", "document").get(pk=card.object_id)
        assert abs(card.start - assignment.resolution.created_at) < timedelta(seconds=1)
        assert card.start > assignment.document.registered_at
        assert card.due == deadline_compute(policy=card.policy, start=card.start, term=card.term, zone=card.time_zone).due
        assert card.closed_at is None or card.start < card.closed_at <= card.due


def _every_history_in_the_order_it_happened_and_none_ahead():
    """The demo's clock moves what each stretch wrote: no object's history may come out of order or in the future."""
    now, checked = timezone.now(), 0
    for model in apps.get_models():
        if not model.__name__.startswith("Historical") or not hasattr(model, "history_date"):
            continue
        rows = list(model.objects.order_by("id", "history_id").values_list("id", "history_date"))
        for (pk, date), (next_pk, next_date) in pairwise(rows):
            assert pk != next_pk or date <= next_date, f"{model.__name__} {pk}"
        assert all(date <= now for _pk, date in rows), model.__name__
        checked += len(rows)
    assert checked > 500


def _a_plan_approved_before_its_period_puts_each_measure_under_control_to_its_own_date():
    cards = ControlCard.objects.filter(content_type__model="workplanitem")
    assert cards.exists()
    for card in cards:
        item = WorkPlanItem.objects.select_related("plan").get(pk=card.object_id)
        first, _last = item.plan.bounds
        assert timezone.localdate(card.start) < first  # approved before the quarter began
        assert timezone.localdate(card.due) >= item.due_date and (timezone.localdate(card.due) - item.due_date).days < 5
        assert card.closed_at is None or card.closed_at <= card.due  # the measure done was done in time
