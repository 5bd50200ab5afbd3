"""iCalendar documents (the `icalendar` package): one builder for every feed the portal serves, with times in the
portal's zone and the zone's definition included, so a calendar client shows Baku time wherever it is."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    stamp: datetime
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def ical_document(*, name, events):
    from icalendar import Calendar, Event

    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Ministry Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.starts_at.astimezone(zone))
        event.add("dtend", item.ends_at.astimezone(zone))
        event.add("dtstamp", item.stamp)
        for key, value in (("location", item.location), ("description", item.description), ("url", item.url)):
            if value:
                event.add(key, value)
        if item.cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
