"""Working-day calendar. Pure Python: dates in, dates out; no Django import.

Built once per (country, overrides) from the `holidays` package plus the organisation's override table
(Cabinet of Ministers decisions the package lacks). Working days are kept as a sorted array of date
ordinals, so adding N working days or counting them between two dates is a binary search, not a loop.
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import holidays as holidays_package

WEEKEND = "weekend"
HOLIDAY = "holiday"
OVERRIDE = "override"


class CalendarRangeError(ValueError):
    """A date the calendar cannot answer for: outside the years it was built for."""

    def __init__(self, message, *, first_year, last_year):
        super().__init__(message)
        self.first_year, self.last_year = first_year, last_year


@dataclass(frozen=True)
class Override:
    day: date
    is_working: bool
    reason: str


@dataclass(frozen=True)
class SkippedDay:
    day: date
    kind: str  # weekend | holiday | override
    name: str  # the holiday's name (English, from the package), the override's reason, or the weekday


class WorkingCalendar:
    def __init__(self, *, country="AZ", overrides=(), first_year=None, last_year=None, holiday_source=None):
        today = date.today()
        self.country = country
        self.first_year = first_year or today.year - 3
        self.last_year = last_year or today.year + 3
        self.overrides = {o.day: o for o in overrides}
        source = holiday_source or holidays_package.country_holidays(
            country, years=range(self.first_year, self.last_year + 1), language="en_US"
        )
        self.holiday_names = {d: name for d, name in source.items() if self.first_year <= d.year <= self.last_year}
        self.weekend_workdays = set(getattr(source, "weekend_workdays", ()))
        self._build()

    def _build(self):
        first, last = date(self.first_year, 1, 1).toordinal(), date(self.last_year, 12, 31).toordinal()
        working = []
        for ordinal in range(first, last + 1):
            if self._is_working(date.fromordinal(ordinal)):
                working.append(ordinal)
        self.working = working
        self.first_ordinal, self.last_ordinal = first, last

    def _is_working(self, day):
        if day in self.overrides:
            return self.overrides[day].is_working
        if day in self.weekend_workdays:
            return True
        if day.weekday() >= 5:
            return False
        return day not in self.holiday_names

    def _range_error(self, message):
        return CalendarRangeError(message, first_year=self.first_year, last_year=self.last_year)

    def _check(self, *days):
        for day in days:
            if not self.first_ordinal <= day.toordinal() <= self.last_ordinal:
                raise self._range_error(f"{day} is outside the calendar ({self.first_year}–{self.last_year})")

    # --- queries -----------------------------------------------------------------------------------
    def is_working_day(self, day):
        self._check(day)
        position = bisect_left(self.working, day.toordinal())
        return position < len(self.working) and self.working[position] == day.toordinal()

    def next_working_day(self, day, *, include_self=False):
        """The first working day after `day` (or `day` itself when it is one and include_self)."""
        self._check(day)
        ordinal = day.toordinal()
        position = bisect_left(self.working, ordinal) if include_self else bisect_right(self.working, ordinal)
        if position >= len(self.working):
            raise self._range_error(f"no working day after {day} within the calendar")
        return date.fromordinal(self.working[position])

    def add_working_days(self, day, count):
        """The count-th working day after `day`: a term runs from the day after the event (Civil Code
        art. 368). With count 0: `day` itself if it is a working day, else the next one (art. 370.2)."""
        if count == 0:
            return self.next_working_day(day, include_self=True)
        if count < 0:
            return self.subtract_working_days(day, -count)
        self._check(day)
        position = bisect_right(self.working, day.toordinal()) + count - 1
        if position >= len(self.working):
            raise self._range_error(f"{count} working days after {day} is outside the calendar")
        return date.fromordinal(self.working[position])

    def subtract_working_days(self, day, count):
        """The count-th working day before `day`."""
        self._check(day)
        position = bisect_left(self.working, day.toordinal()) - count
        if position < 0:
            raise self._range_error(f"{count} working days before {day} is outside the calendar")
        return date.fromordinal(self.working[position])

    def working_days_between(self, start, end):
        """Working days in (start, end]: how many working days remain after `start` until `end`."""
        self._check(start, end)
        if end <= start:
            return -(bisect_right(self.working, start.toordinal()) - bisect_right(self.working, end.toordinal()))
        return bisect_right(self.working, end.toordinal()) - bisect_right(self.working, start.toordinal())

    def add_calendar_days(self, day, count):
        """`day` + count days; a term that ends on a non-working day ends on the next working day (370.2)."""
        return self.next_working_day(day + timedelta(days=count), include_self=True)

    def add_working_hours(self, moment, hours):
        """`moment` + hours, counting only hours that fall on working days (the 48-hour rule)."""
        remaining = timedelta(hours=hours)
        current = moment
        while True:
            day = current.date()
            if not self.is_working_day(day):
                day = self.next_working_day(day)
                current = datetime.combine(day, time.min, tzinfo=moment.tzinfo)
            end_of_day = datetime.combine(day + timedelta(days=1), time.min, tzinfo=moment.tzinfo)
            available = end_of_day - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = end_of_day

    def non_working_days(self, start, end):
        """Non-working days in (start, end], each with why: the days a term skipped."""
        self._check(start, end)
        skipped = []
        for ordinal in range(start.toordinal() + 1, end.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if self.is_working_day(day):
                continue
            skipped.append(self.reason(day))
        return skipped

    def reason(self, day):
        if day in self.overrides and not self.overrides[day].is_working:
            return SkippedDay(day, OVERRIDE, self.overrides[day].reason)
        if day in self.holiday_names:
            return SkippedDay(day, HOLIDAY, self.holiday_names[day])
        return SkippedDay(day, WEEKEND, day.strftime("%A"))
