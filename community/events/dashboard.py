"""The member's coming sessions on their dashboard (the home feature's hook for events)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.auth.models import User
from community.events.models import Event, Registration, RegistrationState
from community.extensions import db
from community.home.queries import register_upcoming_events
from community.utils import utcnow

LIMIT = 5


def coming_sessions(user: User) -> dict | None:
    """The sessions the member registered or waits for that have not ended, soonest first (one query)."""
    statement = (
        select(Registration)
        .join(Registration.event)
        .options(joinedload(Registration.event))
        .where(
            Registration.user_id == user.id,
            Registration.state != RegistrationState.CANCELLED,
            Event.ends_at > utcnow(),
            Event.is_hidden.is_(False),
        )
        .order_by(Event.starts_at)
        .limit(LIMIT)
    )
    registrations = list(db.session.scalars(statement))
    return {"registrations": registrations} if registrations else None


register_upcoming_events("events/_dashboard.html", coming_sessions)
