"""Learning events: sessions of the network or of a lab, series of sessions, registrations, evaluations.

Times are stored in UTC (naive, like every column of the site) with the time zone the organisers planned in.
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.markdown import render_markdown
from community.moderation_mixins import HideableMixin
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User
    from community.labs.models import Lab


class RegistrationState(enum.StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class EventSeries(db.Model):
    """A programme of sessions, such as the workshop's five."""

    __tablename__ = "event_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lab: Mapped[Lab | None] = relationship()
    sessions: Mapped[list[Event]] = relationship(back_populates="series", order_by="Event.starts_at")

    @property
    def description_markup(self) -> Markup:
        return render_markdown(self.description)


class Event(HideableMixin, db.Model):
    """One session: of the network (lab_id empty) or of a lab, maybe part of a series."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL"), index=True
    )
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))
    online_url: Mapped[str | None] = mapped_column(String(1000))
    place: Mapped[str | None] = mapped_column(String(200))
    languages: Mapped[str] = mapped_column(String(40), default="")  # codes, comma-separated
    capacity: Mapped[int | None]
    registration_deadline: Mapped[datetime | None]
    extra_questions: Mapped[str] = mapped_column(Text, default="")  # the organisers' own, one a line
    checkin_code: Mapped[str | None] = mapped_column(String(12))
    attendance_taken: Mapped[bool] = mapped_column(default=False)
    evaluation_closed: Mapped[bool] = mapped_column(default=False)
    results_published: Mapped[bool] = mapped_column(default=False)
    invitations_sent_at: Mapped[datetime | None]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    series: Mapped[EventSeries | None] = relationship(back_populates="sessions")
    lab: Mapped[Lab | None] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    materials: Mapped[list[EventMaterial]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EventMaterial.id",
    )

    def _local(self, moment: datetime) -> datetime:
        return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(self.timezone))

    @property
    def starts_local(self) -> datetime:
        """The start in the organisers' time zone (aware)."""
        return self._local(self.starts_at)

    @property
    def ends_local(self) -> datetime:
        return self._local(self.ends_at)

    @property
    def deadline_local(self) -> datetime | None:
        return self._local(self.registration_deadline) if self.registration_deadline else None

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def questions(self) -> list[str]:
        return [line.strip() for line in self.extra_questions.splitlines() if line.strip()]

    @property
    def description_markup(self) -> Markup:
        return render_markdown(self.description)

    def has_ended(self, now: datetime) -> bool:
        return self.ends_at <= now

    def registration_open(self, now: datetime) -> bool:
        closes = self.registration_deadline or self.starts_at
        return now < closes and now < self.ends_at


class EventMaterial(db.Model):
    """A link or a document for a session, added before or after it."""

    __tablename__ = "event_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    file_name: Mapped[str | None] = mapped_column(String(200))
    stored_name: Mapped[str | None] = mapped_column(String(80))
    file_size: Mapped[int | None]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship(back_populates="materials")

    @property
    def is_file(self) -> bool:
        return self.stored_name is not None


class Registration(db.Model):
    """A member's place in a session, or on its waiting list; cancelled rows stay for the record."""

    __tablename__ = "event_registrations"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    state: Mapped[RegistrationState] = mapped_column(default=RegistrationState.REGISTERED)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)  # the waiting list's order
    attended: Mapped[bool] = mapped_column(default=False)
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()

    @property
    def is_registered(self) -> bool:
        return self.state == RegistrationState.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.state == RegistrationState.WAITING


class Evaluation(db.Model):
    """A participant's evaluation of a session; when anonymous, no page shows whose it is."""

    __tablename__ = "event_evaluations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int]
    liked: Mapped[str] = mapped_column(Text, default="")
    liked_less: Mapped[str] = mapped_column(Text, default="")
    differently: Mapped[str] = mapped_column(Text, default="")
    answers_json: Mapped[str] = mapped_column(Text, default="{}")  # question -> answer
    anonymous: Mapped[bool] = mapped_column(default=False)
    quoted: Mapped[bool] = mapped_column(default=False)  # chosen for the published summary
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()

    @property
    def answers(self) -> dict[str, str]:
        try:
            value = json.loads(self.answers_json or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


class CalendarToken(db.Model):
    """The secret in a member's private calendar address; resetting it kills the old address."""

    __tablename__ = "event_calendar_tokens"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
