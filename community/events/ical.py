"""Events as iCalendar (RFC 5545), written with the icalendar library: feeds and e-mail attachments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar
from icalendar import Event as VEvent

from community.events.models import Event

PRODID = "-//Network of Digital Transformation Agents//Events//EN"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def page_url(event: Event) -> str:
    return current_app.config["SITE_URL"] + current_app.url_map.bind("").build(
        "events.show", {"event_id": event.id}
    )


def _vevent(event: Event, host: str, with_link: bool) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"event-{event.id}@{host}")
    entry.add("dtstamp", _utc(event.updated_at))
    entry.add("dtstart", _utc(event.starts_at))
    entry.add("dtend", _utc(event.ends_at))
    entry.add("summary", event.title)
    online = event.online_url if with_link else None
    description = "\n\n".join(part for part in (event.description, online, page_url(event)) if part)
    entry.add("description", description)
    location = event.place or online
    if location:
        entry.add("location", location)
    entry.add("url", page_url(event))
    return entry


def calendar(name: str, events: Iterable[Event], with_links: bool = False, method: str = "PUBLISH") -> bytes:
    """A VCALENDAR of ``events``, times in UTC; online links only in a registered member's calendar."""
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, host, with_links))
    return cal.to_ical()
