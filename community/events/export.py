"""The member's events in their data download: registrations, attendance, evaluations, announced events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.auth.models import User
from community.events.models import CalendarToken, Evaluation, Event, Registration
from community.extensions import db
from community.profiles.export import register_section


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def events_section(user: User) -> dict:
    registrations = db.session.scalars(
        select(Registration)
        .options(joinedload(Registration.event))
        .where(Registration.user_id == user.id)
        .order_by(Registration.id)
    ).all()
    evaluations = db.session.scalars(
        select(Evaluation)
        .options(joinedload(Evaluation.event))
        .where(Evaluation.user_id == user.id)
        .order_by(Evaluation.id)
    ).all()
    announced = db.session.scalars(select(Event).where(Event.author_id == user.id).order_by(Event.id)).all()
    return {
        "registrations": [
            {
                "event_id": r.event_id,
                "event": r.event.title,
                "starts_at": _iso(r.event.starts_at),
                "state": str(r.state),
                "attended": r.attended,
                "registered_at": _iso(r.created_at),
            }
            for r in registrations
        ],
        "evaluations": [
            {
                "event_id": e.event_id,
                "event": e.event.title,
                "rating": e.rating,
                "liked": e.liked,
                "liked_less": e.liked_less,
                "differently": e.differently,
                "other_answers": e.answers,
                "anonymous": e.anonymous,
                "updated_at": _iso(e.updated_at),
            }
            for e in evaluations
        ],
        "events_announced": [
            {"id": e.id, "title": e.title, "starts_at": _iso(e.starts_at), "time_zone": e.timezone}
            for e in announced
        ],
        "has_private_calendar": db.session.get(CalendarToken, user.id) is not None,
    }


register_section("events", events_section)
