"""The working-day calendar, table-driven, without Django."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from documents.domain.calendar import HOLIDAY, OVERRIDE, WEEKEND, Override, WorkingCalendar
from documents.domain.deadlines import (
    CALENDAR_DAYS,
    HOURS,
    WORKING_DAYS,
    WORKING_HOURS,
    Extension,
    Pause,
    Term,
    compute_due,
)

BAKU = ZoneInfo("Asia/Baku")


@pytest.fixture(scope="module")
def az():
    return WorkingCalendar(country="AZ", first_year=2024, last_year=2028)


@pytest.mark.parametrize(
    ("start", "days", "due", "why"),
    [
        (date(2026, 11, 23), 1, date(2026, 11, 24), "an ordinary Monday → Tuesday"),
        (date(2026, 11, 20), 1, date(2026, 11, 23), "Friday → Monday over the weekend"),
        (date(2026, 12, 29), 3, date(2027, 1, 6), "year end: 31 Dec, 1–2 Jan and the weekend, 4 Jan transfer"),
        (date(2026, 3, 18), 1, date(2026, 3, 19), "the day before Novruz/Ramazan"),
        (date(2026, 3, 19), 1, date(2026, 3, 31), "Novruz and Ramazan 2026 overlap: 20–30 March are rest days"),
        (date(2026, 11, 6), 1, date(2026, 11, 11), "8 Nov on Sunday moves its rest day to 10 Nov"),
        (date(2026, 11, 23), 0, date(2026, 11, 23), "zero days: the same working day"),
        (date(2026, 11, 21), 0, date(2026, 11, 23), "zero days on a Saturday: the next working day"),
        (date(2026, 11, 23), 15, date(2026, 12, 14), "15 working days, the appeal term"),
    ],
)
def test_add_working_days(az, start, days, due, why):
    assert az.add_working_days(start, days) == due, why


def test_novruz_ramazan_overlap_2026_gives_extra_rest_days(az):
    rest = [d.day for d in (date(2026, 3, n) for n in range(19, 32)) if not az.is_working_day(d)]
    assert rest == [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]


def test_weekend_transferred_to_a_working_day_by_the_package(az):
    # 28 December 2024 (Saturday) was made a working day; 30 December a day off in its place
    assert az.is_working_day(date(2024, 12, 28))
    assert not az.is_working_day(date(2024, 12, 30))


def test_an_override_makes_a_saturday_a_working_day():
    overrides = [Override(date(2026, 11, 28), True, "Cabinet decision No. 1")]
    calendar = WorkingCalendar(country="AZ", first_year=2025, last_year=2027, overrides=overrides)
    assert calendar.is_working_day(date(2026, 11, 28))
    assert calendar.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 28)


def test_an_override_adds_a_day_off_and_is_named_in_the_explanation():
    overrides = [Override(date(2026, 11, 24), False, "Cabinet decision No. 2")]
    calendar = WorkingCalendar(country="AZ", first_year=2025, last_year=2027, overrides=overrides)
    assert calendar.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)
    skipped = calendar.non_working_days(date(2026, 11, 23), date(2026, 11, 25))
    assert [(s.day, s.kind, s.name) for s in skipped] == [(date(2026, 11, 24), OVERRIDE, "Cabinet decision No. 2")]


def test_explain_names_weekends_and_holidays(az):
    skipped = az.non_working_days(date(2026, 12, 30), date(2027, 1, 5))
    kinds = {(s.day, s.kind) for s in skipped}
    assert (date(2026, 12, 31), HOLIDAY) in kinds
    assert (date(2027, 1, 1), HOLIDAY) in kinds
    assert (date(2027, 1, 3), WEEKEND) in kinds
    names = {s.day: s.name for s in skipped}
    assert "Solidarity" in names[date(2026, 12, 31)]


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [(date(2026, 11, 20), date(2026, 11, 27), 5), (date(2026, 11, 27), date(2026, 11, 20), -5), (date(2026, 3, 19), date(2026, 3, 31), 1)],
)
def test_working_days_between(az, start, end, count):
    assert az.working_days_between(start, end) == count


def test_next_working_day(az):
    # 1 Jan is Friday; 2 Jan falls on Saturday, so its rest day moves to Monday 4 Jan (art. 105.5)
    assert az.next_working_day(date(2026, 12, 31)) == date(2027, 1, 5)


def test_48_hours_excluding_non_working_days(az):
    friday_noon = datetime(2026, 11, 20, 12, 0, tzinfo=BAKU)
    # 12 h on Friday, the weekend does not count, 24 h Monday, 12 h Tuesday
    assert az.add_working_hours(friday_noon, 48) == datetime(2026, 11, 24, 12, 0, tzinfo=BAKU)


def test_outside_the_calendar_is_a_clear_error(az):
    with pytest.raises(ValueError, match="outside the calendar"):
        az.add_working_days(date(2030, 1, 1), 1)


@pytest.mark.parametrize(
    ("term", "start", "due"),
    [
        (Term(15, WORKING_DAYS), datetime(2026, 11, 23, 10, tzinfo=BAKU), datetime(2026, 12, 14, 23, 59, 59, tzinfo=BAKU)),
        (Term(30, CALENDAR_DAYS), datetime(2026, 11, 23, 10, tzinfo=BAKU), datetime(2026, 12, 23, 23, 59, 59, tzinfo=BAKU)),
        # 30 calendar days ending on Sunday 27 Dec 2026 end on Monday 28 Dec (art. 370.2)
        (Term(30, CALENDAR_DAYS), datetime(2026, 11, 27, 10, tzinfo=BAKU), datetime(2026, 12, 28, 23, 59, 59, tzinfo=BAKU)),
        (Term(24, HOURS), datetime(2026, 11, 21, 9, 30, tzinfo=BAKU), datetime(2026, 11, 22, 9, 30, tzinfo=BAKU)),
        (Term(48, WORKING_HOURS), datetime(2026, 11, 20, 12, tzinfo=BAKU), datetime(2026, 11, 24, 12, tzinfo=BAKU)),
    ],
)
def test_terms(az, term, start, due):
    assert compute_due(az, start=start, term=term, tz=BAKU).due == due


def test_extension_counts_from_the_end_of_the_old_term(az):
    start = datetime(2026, 11, 23, 10, tzinfo=BAKU)
    result = compute_due(az, start=start, term=Term(15, WORKING_DAYS), tz=BAKU,
                         events=[Extension(start + timedelta(days=3), Term(5, WORKING_DAYS))])
    assert result.due.date() == date(2026, 12, 21)  # 14 Dec + 5 working days
    assert [s.kind for s in result.steps] == ["term", "extension"]


def test_pause_and_resume_keep_the_working_days_that_remained(az):
    start = datetime(2026, 11, 23, 10, tzinfo=BAKU)  # due 14 Dec
    paused = datetime(2026, 12, 1, 15, tzinfo=BAKU)  # 9 working days remain: 2–4, 7–11, 14 Dec
    resumed = datetime(2026, 12, 10, 9, tzinfo=BAKU)
    result = compute_due(az, start=start, term=Term(15, WORKING_DAYS), tz=BAKU, events=[Pause(paused, resumed)])
    assert result.steps[1].remaining == 9
    assert result.due.date() == date(2026, 12, 23)


def test_an_open_pause_freezes_the_due_date(az):
    start = datetime(2026, 11, 23, 10, tzinfo=BAKU)
    result = compute_due(az, start=start, term=Term(15, WORKING_DAYS), tz=BAKU,
                         events=[Pause(datetime(2026, 12, 1, tzinfo=BAKU), None)])
    assert result.due.date() == date(2026, 12, 14)
    assert result.steps[-1].kind == "pause"


def test_a_million_due_dates_use_the_index_not_a_loop(az):
    # correctness of the O(log n) path against a day-by-day walk, on a sample
    for offset in range(0, 700, 7):
        start = date(2025, 1, 1) + timedelta(days=offset)
        walked, day, n = None, start, 0
        while n < 15:
            day += timedelta(days=1)
            if az.is_working_day(day):
                n += 1
        walked = day
        assert az.add_working_days(start, 15) == walked
