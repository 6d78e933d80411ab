"""Members register and cancel; a full session keeps a waiting list that moves up by itself.

One transaction per public function. Also the private calendar token of each member.
"""

from __future__ import annotations

import secrets

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.models import User
from community.events.errors import EventError
from community.events.models import CalendarToken, Event, Registration, RegistrationState
from community.extensions import db
from community.notifications.services import notify, register_kind
from community.utils import utcnow

register_kind("event-promoted", _l("A place opened in “%(subject)s”: you are registered now."))
register_kind("event-evaluate", _l("“%(subject)s” has ended: tell the organisers what you thought."))


def event_path(endpoint: str, event: Event) -> str:
    return current_app.url_map.bind("").build(endpoint, {"event_id": event.id})


def registration_of(user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == user.id)
    )


def registered_count(event: Event) -> int:
    return db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.state == RegistrationState.REGISTERED
        )
    )


def _lock(event: Event) -> None:
    """On PostgreSQL, one registration or cancellation of a session at a time (SQLite writes one by one)."""
    db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def register(user: User, event: Event) -> Registration:
    """A place in the session, or on its waiting list when it is full (the state says which)."""
    if not permissions.can_register_for_event(user, event):
        raise EventError(_("You cannot register for this event."))
    if not event.registration_open(utcnow()):
        raise EventError(_("Registration for this event is closed."))
    _lock(event)
    registration = registration_of(user, event)
    if registration is not None and registration.is_registered:
        raise EventError(_("You are registered for this event already."))
    if registration is not None and registration.is_waiting:
        raise EventError(_("You are on the waiting list already."))
    full = event.capacity is not None and registered_count(event) >= event.capacity
    if registration is None:
        registration = Registration(event_id=event.id, user_id=user.id)
        db.session.add(registration)
    registration.state = RegistrationState.WAITING if full else RegistrationState.REGISTERED
    registration.queued_at, registration.attended, registration.reminded_at = utcnow(), False, None
    try:
        db.session.commit()
    except IntegrityError as error:  # the same member's other request got there first
        db.session.rollback()
        raise EventError(_("You are registered for this event already.")) from error
    return registration


def cancel(user: User, event: Event) -> list[Registration]:
    """Give up a place (or leave the waiting list); the first waiting member takes the place."""
    registration = registration_of(user, event)
    if registration is None or registration.state == RegistrationState.CANCELLED:
        raise EventError(_("You are not registered for this event."))
    if event.has_ended(utcnow()):
        raise EventError(_("This event is over."))
    _lock(event)
    registration.state = RegistrationState.CANCELLED
    db.session.flush()
    moved = fill_places(event)
    db.session.commit()
    return moved


def fill_places(event: Event) -> list[Registration]:
    """Move waiting members up, oldest first, into free places, and tell them; the caller commits."""
    if utcnow() >= event.starts_at:
        return []
    waiting = select(Registration).where(
        Registration.event_id == event.id, Registration.state == RegistrationState.WAITING
    )
    waiting = waiting.order_by(Registration.queued_at, Registration.id)
    if event.capacity is not None:
        free = event.capacity - registered_count(event)
        if free <= 0:
            return []
        waiting = waiting.limit(free)
    moved = list(db.session.scalars(waiting))
    for registration in moved:
        registration.state = RegistrationState.REGISTERED
        notify(registration.user, "event-promoted", event.title, event_path("events.show", event))
    return moved


def calendar_token(user: User) -> str:
    """The member's private calendar secret, made on first use."""
    row = db.session.get(CalendarToken, user.id)
    if row is None:
        row = CalendarToken(user_id=user.id, token=secrets.token_urlsafe(32))
        db.session.add(row)
        db.session.commit()
    return row.token


def reset_calendar_token(user: User) -> str:
    """A new secret: the old calendar address stops working."""
    row = db.session.get(CalendarToken, user.id)
    if row is None:
        row = CalendarToken(user_id=user.id)
        db.session.add(row)
    row.token, row.created_at = secrets.token_urlsafe(32), utcnow()
    db.session.commit()
    return row.token


def user_of_token(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    row = db.session.scalar(select(CalendarToken).where(CalendarToken.token == token))
    if row is None or not secrets.compare_digest(row.token, token):
        return None
    return db.session.get(User, row.user_id)
