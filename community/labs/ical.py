"""The iCalendar (RFC 5545) feed of a lab's events, written by the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from community.labs.models import Lab, LabEvent


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)  # stored naive in UTC


def _event(event: LabEvent, host: str, page_url: str) -> Event:
    vevent = Event()
    vevent.add("uid", f"lab-event-{event.id}@{host}")
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("dtstart", _utc(event.starts_at))
    vevent.add("dtend", _utc(event.ends_at))
    vevent.add("summary", event.title)
    description = "\n\n".join(part for part in (event.description, event.online_url) if part)
    if description:
        vevent.add("description", description)
    location = event.place or event.online_url
    if location:
        vevent.add("location", location)
    vevent.add("url", event.online_url or page_url)
    return vevent


def calendar(lab: Lab, events: Iterable[LabEvent], site_url: str, page_url: str) -> bytes:
    """The whole VCALENDAR, times in UTC (so no VTIMEZONE is needed)."""
    host = urlsplit(site_url).hostname or "localhost"
    feed = Calendar()
    feed.add("prodid", "-//Network of Digital Transformation Agents//Labs//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", lab.name)
    for event in events:
        feed.add_component(_event(event, host, page_url))
    return feed.to_ical()
