"""How a due date follows from a term, extensions and pauses. Pure Python, replayable: the same inputs
give the same due date, so a calendar change can recompute any open card from its history."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
HOURS = "hours"
WORKING_HOURS = "working_hours"
DAY_UNITS = (WORKING_DAYS, CALENDAR_DAYS)


@dataclass(frozen=True)
class Term:
    value: int
    unit: str


@dataclass(frozen=True)
class Extension:
    at: datetime
    term: Term


@dataclass(frozen=True)
class Pause:
    start: datetime
    end: datetime | None


@dataclass
class Step:
    kind: str  # term | extension | pause | resume
    at: datetime
    due: datetime
    skipped: list = field(default_factory=list)
    term: Term | None = None
    remaining: object = None


@dataclass
class DueComputation:
    due: datetime
    steps: list

    @property
    def skipped(self):
        return [day for step in self.steps for day in step.skipped]


def end_of_day(day, tz):
    """A term measured in days ends at the end of its last day (24:00 local time)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


def apply_term(calendar, moment, term, tz):
    """(due, skipped days) for `term` counted from `moment` (the day after it, for day terms)."""
    local = moment.astimezone(tz)
    day = local.date()
    if term.unit == WORKING_DAYS:
        due_day = calendar.add_working_days(day, term.value)
        return end_of_day(due_day, tz), calendar.non_working_days(day, due_day)
    if term.unit == CALENDAR_DAYS:
        nominal = day + timedelta(days=term.value)
        due_day = calendar.add_calendar_days(day, term.value)
        return end_of_day(due_day, tz), calendar.non_working_days(nominal, due_day)
    if term.unit == HOURS:
        return local + timedelta(hours=term.value), []
    if term.unit == WORKING_HOURS:
        due = calendar.add_working_hours(local, term.value)
        return due, calendar.non_working_days(day - timedelta(days=1), due.date())
    raise ValueError(f"unknown term unit {term.unit!r}")


def _remaining(calendar, unit, paused_at, due, tz):
    if unit == WORKING_DAYS:
        return calendar.working_days_between(paused_at.astimezone(tz).date(), due.astimezone(tz).date())
    if unit == CALENDAR_DAYS:
        return (due.astimezone(tz).date() - paused_at.astimezone(tz).date()).days
    return due - paused_at  # hour terms keep the exact time left


def _resume(calendar, unit, resumed_at, remaining, tz, old_due, paused_at):
    if unit in DAY_UNITS:
        if paused_at > old_due:
            return old_due, []  # paused when already overdue: the clock had run out
        local_day = resumed_at.astimezone(tz).date()
        if unit == WORKING_DAYS:
            due_day = calendar.add_working_days(local_day, max(remaining, 0))
        else:
            due_day = calendar.add_calendar_days(local_day, max(remaining, 0))
        return end_of_day(due_day, tz), calendar.non_working_days(local_day, due_day)
    if remaining <= timedelta(0):
        return old_due, []
    if unit == WORKING_HOURS:
        due = calendar.add_working_hours(resumed_at.astimezone(tz), remaining.total_seconds() / 3600)
        return due, calendar.non_working_days(resumed_at.astimezone(tz).date(), due.date())
    return resumed_at + remaining, []


def compute_due(calendar, *, start, term, events=(), tz):
    """Replay the term, then extensions and pauses in time order."""
    due, skipped = apply_term(calendar, start, term, tz)
    steps = [Step("term", start, due, skipped, term)]
    for event in sorted(events, key=lambda e: e.at if isinstance(e, Extension) else e.start):
        if isinstance(event, Extension):
            # an extension counts from the end of the old term (Civil Code art. 369.8)
            due, skipped = apply_term(calendar, due, event.term, tz)
            steps.append(Step("extension", event.at, due, skipped, event.term))
            continue
        remaining = _remaining(calendar, term.unit, event.start, due, tz)
        steps.append(Step("pause", event.start, due, [], remaining=remaining))
        if event.end is not None:
            due, skipped = _resume(calendar, term.unit, event.end, remaining, tz, due, event.start)
            steps.append(Step("resume", event.end, due, skipped, remaining=remaining))
    return DueComputation(due, steps)
