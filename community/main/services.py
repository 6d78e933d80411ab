"""What the home page shows."""

from sqlalchemy import text

from community.extensions import db
from community.forum import queries as forum_queries
from community.forum.models import Initiative
from community.labs import queries as lab_queries
from community.labs.models import Lab
from community.profiles import directory
from community.profiles.models import Profile


def newest_members(limit: int = 8) -> list[Profile]:
    """The profiles of the newest members, with what their cards show."""
    return directory.newest(limit)


def latest_initiatives(limit: int = 6) -> list[Initiative]:
    """The newest initiatives everyone may see, with their authors and categories (one query)."""
    return forum_queries.latest_initiatives(limit=limit)


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
