"""What the home page shows."""

from sqlalchemy import text

from community.extensions import db
from community.profiles import directory
from community.profiles.models import Profile


def newest_members(limit: int = 8) -> list[Profile]:
    """The profiles of the newest members, with what their cards show."""
    return directory.newest(limit)


def database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database does not answer
        db.session.rollback()
        return False
    return True
