"""Frameworks, self-assessments, collaborative rounds, their answers, consensus and action plans."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.moderation_mixins import HideableMixin
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User
    from community.labs.models import Lab


class Framework(db.Model):
    """A loaded framework file; never changed once loaded, so an assessment keeps its version."""

    __tablename__ = "assessment_frameworks"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    version: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    def text(self, texts: dict, language: str) -> str:
        return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")

    @property
    def dimensions(self) -> list[dict]:
        return self.data["dimensions"]

    @property
    def scale(self) -> dict:
        return self.data["scale"]

    def dimension(self, dimension_id: str) -> dict | None:
        return next((d for d in self.dimensions if d["id"] == dimension_id), None)

    @property
    def statement_ids(self) -> list[str]:
        return [s["id"] for d in self.dimensions for s in d["statements"]]


class Status(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Assessment(db.Model):
    """One person's ratings: a self-assessment, or their part in a round (``round_id`` set)."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("round_id", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("assessment_frameworks.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True
    )
    organization: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[Status] = mapped_column(default=Status.DRAFT)
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    framework: Mapped[Framework] = relationship()
    owner: Mapped[User | None] = relationship()
    round: Mapped[Round | None] = relationship(back_populates="assessments")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED

    def answer_map(self) -> dict[str, Answer]:
        return {answer.statement: answer for answer in self.answers}


class Answer(db.Model):
    """A statement rated (``rating``) or marked "don't know" (``rating`` None), with a note."""

    __tablename__ = "assessment_answers"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    statement: Mapped[str] = mapped_column(String(60), primary_key=True)
    rating: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class TeamKind(enum.StrEnum):
    COUNTRY = "country"
    MINISTRY = "ministry"
    LAB = "lab"


class Team(db.Model):
    """Who takes rounds together: a country team, a ministry or a lab; a team repeats its rounds."""

    __tablename__ = "assessment_teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[TeamKind] = mapped_column(default=TeamKind.COUNTRY)
    country: Mapped[str] = mapped_column(String(2))
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lab: Mapped[Lab | None] = relationship()


class Round(HideableMixin, db.Model):
    """A collaborative assessment: open until its closing date, then consensus, then published."""

    __tablename__ = "assessment_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("assessment_teams.id"), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("assessment_frameworks.id"), index=True)
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    closes_on: Mapped[date]
    closed_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()
    framework: Mapped[Framework] = relationship()
    facilitator: Mapped[User | None] = relationship(foreign_keys=[facilitator_id])
    participants: Mapped[list[Participant]] = relationship(  # qualified: messages has a Participant too
        "community.assessments.models.Participant",
        back_populates="round",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    assessments: Mapped[list[Assessment]] = relationship(back_populates="round", passive_deletes=True)
    consensus: Mapped[list[Consensus]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )
    actions: Mapped[list[Action]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Action.id"
    )

    @property
    def author_id(self) -> int | None:  # moderation and flags ask whose content this is
        return self.facilitator_id

    @property
    def author(self) -> User | None:
        return self.facilitator

    def is_closed(self, today: date) -> bool:
        return self.closed_at is not None or today > self.closes_on

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def consensus_map(self) -> dict[str, Consensus]:
        return {row.statement: row for row in self.consensus}


class Participant(db.Model):
    __tablename__ = "assessment_participants"
    __table_args__ = (UniqueConstraint("round_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[Round] = relationship(back_populates="participants")
    user: Mapped[User | None] = relationship()


class Consensus(db.Model):
    """The score a team agreed for one statement (None: the team does not know) and why."""

    __tablename__ = "assessment_consensus"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    statement: Mapped[str] = mapped_column(String(60), primary_key=True)
    rating: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[Round] = relationship(back_populates="consensus")


class Action(db.Model):
    """A step of a result's action plan, for a round or a self-assessment."""

    __tablename__ = "assessment_actions"
    __table_args__ = (CheckConstraint("(round_id IS NULL) <> (assessment_id IS NULL)", name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment_rounds.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(500))
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None]
    done: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InitiativeDimension(db.Model):
    """An initiative tagged with a capability dimension it works on (the forum's optional field)."""

    __tablename__ = "initiative_capability_dimensions"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    dimension: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
