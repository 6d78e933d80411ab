"""Initiatives (the forum's threads), their comments, reactions, follows, attachments and history."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from markupsafe import Markup
from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from community.extensions import db
from community.forum.vocabulary import Licence, Stage
from community.markdown import RENDERER_VERSION, render_markdown
from community.moderation_mixins import HideableMixin
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User
    from community.labs.models import Lab


class RenderedMixin:
    """Markdown stored with its rendered HTML; stale HTML is rendered again on the fly."""

    html_version: Mapped[int] = mapped_column(default=RENDERER_VERSION)

    def html(self, field: str) -> Markup:
        if self.html_version == RENDERER_VERSION:
            return Markup(getattr(self, f"{field}_html") or "")  # noqa: S704 - sanitized when stored
        return render_markdown(getattr(self, field))


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


initiative_tags = Table(
    "initiative_tags",
    db.metadata,
    Column("initiative_id", ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class InitiativeGoal(db.Model):
    """One Sustainable Development Goal (1–17) an initiative serves."""

    __tablename__ = "initiative_goals"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    sdg: Mapped[int] = mapped_column(primary_key=True, index=True)


class Initiative(RenderedMixin, HideableMixin, db.Model):
    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    outcomes: Mapped[str] = mapped_column(Text, default="")
    outcomes_html: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(String(16), index=True)
    sector: Mapped[str] = mapped_column(String(32), index=True)
    stage: Mapped[Stage] = mapped_column(default=Stage.IDEA, index=True)
    language: Mapped[str] = mapped_column(String(8), default="en", index=True)
    licence: Mapped[Licence] = mapped_column(default=Licence.CC_BY)
    links: Mapped[str] = mapped_column(Text, default="")
    is_locked: Mapped[bool] = mapped_column(default=False)
    is_pinned: Mapped[bool] = mapped_column(default=False, index=True)
    comment_count: Mapped[int] = mapped_column(default=0)
    useful_count: Mapped[int] = mapped_column(default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    submission_token: Mapped[str | None] = mapped_column(String(32), unique=True)

    category: Mapped[Category] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    lab: Mapped[Lab | None] = relationship("Lab")
    tags: Mapped[list[Tag]] = relationship(secondary=initiative_tags, order_by=Tag.name)
    goals: Mapped[list[InitiativeGoal]] = relationship(
        cascade="all, delete-orphan", order_by=InitiativeGoal.sdg, passive_deletes=True
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="initiative", order_by="Attachment.id", passive_deletes=True
    )
    comments: WriteOnlyMapped[Comment] = relationship(back_populates="initiative", passive_deletes=True)

    @property
    def sdgs(self) -> list[int]:
        return [goal.sdg for goal in self.goals]

    @property
    def link_list(self) -> list[str]:
        return [line for line in self.links.splitlines() if line.strip()]

    @property
    def current_attachments(self) -> list[Attachment]:
        return [attachment for attachment in self.attachments if attachment.removed_at is None]


class Comment(RenderedMixin, HideableMixin, db.Model):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="en")
    useful_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    submission_token: Mapped[str | None] = mapped_column(String(32), unique=True)

    initiative: Mapped[Initiative] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    parent: Mapped[Comment | None] = relationship(remote_side=[id])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Revision(db.Model):
    """The previous text of an initiative or comment, kept at each edit."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    outcomes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    editor: Mapped[User | None] = relationship(foreign_keys=[editor_id])


class Reaction(db.Model):
    """A member found an initiative or a comment useful (one each, toggled)."""

    __tablename__ = "reactions"
    __table_args__ = (
        UniqueConstraint("user_id", "initiative_id", name="uq_reactions_user_initiative"),
        UniqueConstraint("user_id", "comment_id", name="uq_reactions_user_comment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Follow(db.Model):
    __tablename__ = "follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class Attachment(db.Model):
    """A file attached to an initiative, stored under a random name and served only as a download."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_at: Mapped[datetime | None]

    initiative: Mapped[Initiative] = relationship(back_populates="attachments")


# The directory's "most active" sort counts posts per author: these keep it an index scan.
Index("ix_initiatives_author_created", Initiative.author_id, Initiative.created_at)
Index("ix_comments_author_created", Comment.author_id, Comment.created_at)
# Hidden posts are few: an index of them alone serves the moderators' lists, and leaves the planner to walk
# the sort column's index for everyone else's (a full is_hidden index made SQLite sort whole tables).
for _model in (Initiative, Comment):
    _hidden = _model.is_hidden.is_(True)
    Index(f"ix_{_model.__tablename__}_hidden", _model.id, sqlite_where=_hidden, postgresql_where=_hidden)
