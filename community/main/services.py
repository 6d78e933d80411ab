"""What the home page shows."""

from sqlalchemy import text

from community.extensions import db
from community.labs import queries as lab_queries
from community.labs.models import Lab
from community.profiles import directory
from community.profiles.models import Profile


def newest_members(limit: int = 8) -> list[Profile]:
    """The profiles of the newest members, with what their cards show."""
    return directory.newest(limit)


def active_labs(limit: int = 6) -> list[tuple[Lab, int]]:
    """The most recently active labs, each with its member count."""
    return lab_queries.active_labs_with_counts(limit)


def database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database does not answer
        db.session.rollback()
        return False
    return True
