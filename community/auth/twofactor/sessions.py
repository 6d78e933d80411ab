"""The member's open sessions: what we remember of each, and signing them out.

A session is a row of ``user_sessions`` (auth); ending it deletes the row, so its cookie (and the
remember-me cookie naming it) stops working at the next request. ``session_details`` adds the
device, the last time it was seen and whether it passed the second step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from community.auth.models import User, UserSession
from community.auth.services import _oldest_session_start, _token_hash
from community.auth.twofactor.devices import describe
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.models import SessionDetail
from community.extensions import db
from community.utils import utcnow

# Last seen is written at most this often per session: the page says "about", not "exactly".
SEEN_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class OpenSession:
    id: int
    device: str
    signed_in_at: datetime
    last_seen_at: datetime
    is_current: bool


def _session_id(token: str | None) -> int | None:
    if not token:
        return None
    return db.session.scalar(select(UserSession.id).where(UserSession.token_hash == _token_hash(token)))


def _detail(session_id: int) -> SessionDetail:
    detail = db.session.get(SessionDetail, session_id)
    if detail is None:
        detail = SessionDetail(session_id=session_id, user_agent="")
        db.session.add(detail)
    return detail


def record_activity(token: str | None, user_agent: str, second_factor: bool = False) -> None:
    """Note that this session was just used, from which browser, and whether it passed the second step."""
    session_id = _session_id(token)
    if session_id is None:
        return
    detail = _detail(session_id)
    detail.user_agent = (user_agent or "")[:300]
    detail.last_seen_at = utcnow()
    if second_factor:
        detail.second_factor_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:  # a parallel request of the same session wrote the row first
        db.session.rollback()


def passed_second_factor(token: str | None) -> bool:
    """This session was opened with (or later confirmed by) a second factor."""
    return (
        db.session.scalar(
            select(SessionDetail.second_factor_at)
            .join(UserSession, UserSession.id == SessionDetail.session_id)
            .where(UserSession.token_hash == _token_hash(token or ""))
        )
        is not None
    )


def open_sessions(user: User, current_token: str | None) -> list[OpenSession]:
    """The member's sessions still in force, the most recently seen first."""
    rows = db.session.execute(
        select(UserSession, SessionDetail)
        .outerjoin(SessionDetail, SessionDetail.session_id == UserSession.id)
        .where(UserSession.user_id == user.id, UserSession.created_at > _oldest_session_start())
    ).all()
    current = _token_hash(current_token or "")
    sessions = [
        OpenSession(
            id=row.id,
            device=describe(detail.user_agent if detail else ""),
            signed_in_at=row.created_at,
            last_seen_at=detail.last_seen_at if detail else row.created_at,
            is_current=row.token_hash == current,
        )
        for row, detail in rows
    ]
    return sorted(sessions, key=lambda s: (not s.is_current, -s.last_seen_at.timestamp()))


def belongs_to(user: User, session_id: int) -> bool:
    return (
        db.session.scalar(
            select(UserSession.id).where(UserSession.id == session_id, UserSession.user_id == user.id)
        )
        is not None
    )


def end_session(user: User, session_id: int, current_token: str | None) -> None:
    """Sign one of the member's other sessions out; its cookies stop working at once."""
    if session_id == _session_id(current_token):
        raise SecurityError(_("To sign out of this device, use the sign-out button."))
    deleted = db.session.execute(
        delete(UserSession).where(UserSession.id == session_id, UserSession.user_id == user.id)
    )
    if deleted.rowcount != 1:
        db.session.rollback()
        raise SecurityError(_("That session has ended already."))
    db.session.commit()


def end_other_sessions(user: User, current_token: str | None) -> int:
    """Sign out every session of the member but this one; return how many ended."""
    deleted = db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.token_hash != _token_hash(current_token or "")
        )
    )
    db.session.commit()
    return deleted.rowcount
