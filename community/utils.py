"""Small helpers shared by every feature."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: what the database columns store."""
    return datetime.now(UTC).replace(tzinfo=None)
