"""What a member watches, has read, saved for later and is writing, and how far they got started."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.utils import utcnow

if TYPE_CHECKING:
    from community.forum.models import Comment, Initiative


class WatchKind(enum.StrEnum):
    LAB = "lab"
    CATEGORY = "category"
    TAG = "tag"
    COUNTRY = "country"
    INITIATIVE = "initiative"  # only ever muted: one initiative the member wants to hear no more of


class WatchLevel(enum.StrEnum):
    WATCHING = "watching"  # every new initiative and comment
    TRACKING = "tracking"  # new initiatives only
    MUTED = "muted"  # nothing, even where another watch would say otherwise


class Watch(db.Model):
    """A member's level on a lab, category, tag (by id) or country (by code)."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("user_id", "kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[WatchKind]
    key: Mapped[str] = mapped_column(String(40))
    level: Mapped[WatchLevel] = mapped_column(default=WatchLevel.WATCHING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_watches_kind_key", Watch.kind, Watch.key)


class InitiativeVisit(db.Model):
    """When the member last read an initiative's page: what came after is unread."""

    __tablename__ = "initiative_visits"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class HomeState(db.Model):
    """One per member once signed in: their visits and how far they are in getting started."""

    __tablename__ = "home_states"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    first_signed_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The dashboard shows what is new since ``previous_visit_at``; a visit is a dashboard view an hour apart.
    previous_visit_at: Mapped[datetime | None]
    last_visit_at: Mapped[datetime | None]
    onboarding_step: Mapped[str] = mapped_column(String(20), default="profile")
    onboarding_done_at: Mapped[datetime | None]
    onboarding_skipped_at: Mapped[datetime | None]


class Bookmark(db.Model):
    """An initiative or one of its comments saved for later, perhaps with a day to be reminded."""

    __tablename__ = "bookmarks"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    remind_on: Mapped[date | None] = mapped_column(index=True)
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    initiative: Mapped[Initiative] = relationship()
    comment: Mapped[Comment | None] = relationship()


class DraftKind(enum.StrEnum):
    INITIATIVE = "initiative"
    COMMENT = "comment"


class Draft(db.Model):
    """An initiative or a comment being written, kept on the server until it is published or thrown away."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DraftKind]
    initiative_id: Mapped[int | None] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), default="")
    fields: Mapped[str] = mapped_column(Text, default="{}")  # the form's fields as JSON
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    initiative: Mapped[Initiative | None] = relationship()
