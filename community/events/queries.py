"""Reading events: lists, a lab's and a series' sessions, a member's own, calendars. Never writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from community import permissions
from community.events.models import (
    Evaluation,
    Event,
    EventMaterial,
    EventSeries,
    Registration,
    RegistrationState,
)
from community.extensions import db
from community.labs.models import Lab
from community.utils import utcnow

PAGE_SIZE = 50
LAB_PAGE_SHOWN = 5
CALENDAR_SIZE = 300


def _listed(user):
    """Sessions the reader may see: hidden ones only for moderators (their authors find them by link)."""
    stmt = select(Event).options(joinedload(Event.lab), joinedload(Event.series))
    return stmt if permissions.is_moderator(user) else stmt.where(Event.is_hidden.is_(False))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def listing(user, q: str = "", lab: Lab | None = None, past: bool = False) -> list[Event]:
    """Coming sessions soonest first (or past ones latest first), matching ``q`` in title or description."""
    now = utcnow()
    stmt = _listed(user)
    if past:
        stmt = stmt.where(Event.ends_at < now).order_by(Event.starts_at.desc())
    else:
        stmt = stmt.where(Event.ends_at >= now).order_by(Event.starts_at)
    if lab is not None:
        stmt = stmt.where(Event.lab_id == lab.id)
    for word in q.split()[:8]:
        pattern = f"%{_escape_like(word)}%"
        stmt = stmt.where(
            or_(Event.title.ilike(pattern, escape="\\"), Event.description.ilike(pattern, escape="\\"))
        )
    return list(db.session.scalars(stmt.limit(PAGE_SIZE)))


@dataclass
class LabEvents:
    upcoming: list[Event]
    past: list[Event]


def lab_events(lab: Lab) -> LabEvents:
    """What the lab page shows: the next sessions and the latest past ones."""
    now = utcnow()
    stmt = select(Event).where(Event.lab_id == lab.id, Event.is_hidden.is_(False))
    upcoming = stmt.where(Event.ends_at >= now).order_by(Event.starts_at).limit(LAB_PAGE_SHOWN)
    past = stmt.where(Event.ends_at < now).order_by(Event.starts_at.desc()).limit(LAB_PAGE_SHOWN)
    return LabEvents(list(db.session.scalars(upcoming)), list(db.session.scalars(past)))


def calendar_events(
    lab: Lab | None = None, series: EventSeries | None = None, network: bool = False
) -> list[Event]:
    """Recent and coming sessions for a calendar feed, latest start first."""
    stmt = select(Event).where(Event.is_hidden.is_(False))
    if lab is not None:
        stmt = stmt.where(Event.lab_id == lab.id)
    if series is not None:
        stmt = stmt.where(Event.series_id == series.id)
    return list(db.session.scalars(stmt.order_by(Event.starts_at.desc()).limit(CALENDAR_SIZE)))


def upcoming(limit: int = 30) -> list[Event]:
    stmt = (
        select(Event)
        .options(joinedload(Event.lab))
        .where(Event.is_hidden.is_(False), Event.ends_at >= utcnow())
    )
    return list(db.session.scalars(stmt.order_by(Event.starts_at).limit(limit)))


def my_registrations(user) -> list[Registration]:
    """The member's sessions (registered or waiting), coming first, then past ones."""
    stmt = (
        select(Registration)
        .join(Registration.event)
        .options(joinedload(Registration.event).joinedload(Event.lab))
        .where(Registration.user_id == user.id, Registration.state != RegistrationState.CANCELLED)
        .order_by(Event.starts_at.desc())
    )
    return list(db.session.scalars(stmt.limit(CALENDAR_SIZE)))


def my_calendar(user) -> list[Event]:
    stmt = (
        select(Event)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.user_id == user.id, Registration.state == RegistrationState.REGISTERED)
        .order_by(Event.starts_at.desc())
    )
    return list(db.session.scalars(stmt.limit(CALENDAR_SIZE)))


def registrations(event: Event) -> list[Registration]:
    """Everyone who registered or waits, for the organisers: registered first, then the waiting list."""
    stmt = (
        select(Registration)
        .options(joinedload(Registration.user))
        .where(Registration.event_id == event.id, Registration.state != RegistrationState.CANCELLED)
        .order_by(Registration.state, Registration.queued_at, Registration.id)  # "registered" < "waiting"
    )
    return list(db.session.scalars(stmt))


def event_or_404(event_id: int) -> Event:
    return db.first_or_404(
        select(Event)
        .options(joinedload(Event.lab), joinedload(Event.series), selectinload(Event.materials))
        .where(Event.id == event_id)
    )


def series_or_404(series_id: int) -> EventSeries:
    return db.first_or_404(
        select(EventSeries)
        .options(joinedload(EventSeries.lab), selectinload(EventSeries.sessions))
        .where(EventSeries.id == series_id)
    )


def series_of(lab: Lab | None) -> list[EventSeries]:
    stmt = select(EventSeries).where(
        EventSeries.lab_id == lab.id if lab is not None else EventSeries.lab_id.is_(None)
    )
    return list(db.session.scalars(stmt.order_by(EventSeries.created_at.desc())))


def material_in(event: Event, material_id: int) -> EventMaterial:
    return db.first_or_404(
        select(EventMaterial).where(EventMaterial.id == material_id, EventMaterial.event_id == event.id)
    )


def evaluation_in(event: Event, evaluation_id: int) -> Evaluation:
    return db.first_or_404(
        select(Evaluation).where(Evaluation.id == evaluation_id, Evaluation.event_id == event.id)
    )
