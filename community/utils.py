"""Small helpers shared by every feature."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: what the database columns store."""
    return datetime.now(UTC).replace(tzinfo=None)


def utc_iso(moment: datetime | None) -> str | None:
    """A stored (naive UTC) moment as ISO 8601 to the second with a Z, for JSON: the one serialiser."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else None
