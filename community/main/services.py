"""What the home page shows."""

from sqlalchemy import select, text

from community.auth.models import User
from community.extensions import db


def newest_members(limit: int = 8) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.confirmed_at.is_not(None)).order_by(User.created_at.desc()).limit(limit)
        )
    )


def database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means the database does not answer
        db.session.rollback()
        return False
    return True
