"""What cron sends: the reminder the day before a session, and the invitation to evaluate after it."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.auth.models import AccountState
from community.events import ical
from community.events.models import Event, Registration, RegistrationState
from community.events.registrations import event_path, notify
from community.extensions import db
from community.i18n.zones import zone_of
from community.mail import mail_locale, send_mail
from community.utils import utcnow

AHEAD = timedelta(hours=24)  # "the day before": sessions that start within a day
INVITE_FOR = timedelta(days=7)  # sessions that ended longer ago get no invitation


def local_time(moment, zone: str, locale: str) -> str:
    return format_datetime(moment.replace(tzinfo=UTC), "full", tzinfo=ZoneInfo(zone), locale=locale)


def send_reminders() -> int:
    """E-mail each registered member of a session starting within a day, once; returns how many."""
    now = utcnow()
    stmt = (
        select(Registration)
        .join(Registration.event)
        .options(joinedload(Registration.event), joinedload(Registration.user))
        .where(
            Registration.state == RegistrationState.REGISTERED,
            Registration.reminded_at.is_(None),
            Event.starts_at > now,
            Event.starts_at <= now + AHEAD,
            Event.is_hidden.is_(False),
        )
        .order_by(Registration.id)
    )
    sent = 0
    for registration in db.session.scalars(stmt).unique().all():
        user, event = registration.user, registration.event
        registration.reminded_at = now
        if user.confirmed_at is None or user.state == AccountState.BANNED:
            continue
        _remind(user, event)
        sent += 1
    db.session.commit()
    return sent


def _remind(user, event: Event) -> None:
    locale, zone = mail_locale(user.locale), zone_of(user)
    attachment = (
        "event.ics",
        ical.calendar(event.title, [event], with_links=True, method="PUBLISH"),
        "text/calendar",
    )
    send_mail(
        user.email,
        _l("Tomorrow: %(title)s", title=event.title),
        "events/reminder",
        locale=user.locale,
        attachments=[attachment],
        event=event,
        user_name=user.username,
        starts=local_time(event.starts_at, zone, locale),
        ends=local_time(event.ends_at, zone, locale),
        zone=zone,
    )


def send_invitations() -> int:
    """Invite attendees (or every registered member when attendance was not taken) to evaluate."""
    now = utcnow()
    events = db.session.scalars(
        select(Event).where(
            Event.ends_at <= now,
            Event.ends_at > now - INVITE_FOR,
            Event.invitations_sent_at.is_(None),
            Event.evaluation_closed.is_(False),
            Event.is_hidden.is_(False),
        )
    ).all()
    sent = 0
    for event in events:
        event.invitations_sent_at = now
        registrations = db.session.scalars(
            select(Registration)
            .options(joinedload(Registration.user))
            .where(Registration.event_id == event.id, Registration.state == RegistrationState.REGISTERED)
        ).all()
        for registration in registrations:
            if registration.attended or not event.attendance_taken:
                notify(registration.user, "event-evaluate", event.title, event_path("events.evaluate", event))
                sent += 1
    db.session.commit()
    return sent
