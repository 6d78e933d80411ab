"""The iCalendar (RFC 5545) text of a lab's events, written by hand: small, exact, no dependency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from community.labs.models import Lab, LabEvent

FOLD_AT = 75  # octets per line, CRLF excluded (RFC 5545, 3.1)


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, line breaks as \\n (RFC 5545, 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, FOLD_AT
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, FOLD_AT - 1  # continuation lines start with one space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: LabEvent, host: str, page_url: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:lab-event-{event.id}@{host}",
        f"DTSTAMP:{_utc(event.updated_at)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    description = "\n\n".join(part for part in (event.description, event.online_url) if part)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = event.place or event.online_url
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{event.online_url or page_url}")
    lines.append("END:VEVENT")
    return lines


def calendar(lab: Lab, events: Iterable[LabEvent], site_url: str, page_url: str) -> str:
    """The whole VCALENDAR, CRLF-terminated lines, times in UTC (so no VTIMEZONE is needed)."""
    host = urlsplit(site_url).hostname or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Network of Digital Transformation Agents//Labs//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(lab.name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, host, page_url))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
