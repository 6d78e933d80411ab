"""Private conversations between members: one to one or a small group."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.moderation_mixins import HideableMixin
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User

MAX_PARTICIPANTS = 10


class Conversation(db.Model):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    participants: Mapped[list[Participant]] = relationship(  # qualified: assessments has a Participant too
        "community.messages.models.Participant",
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Participant(db.Model):
    """A member in a conversation, and how far they have read it."""

    __tablename__ = "conversation_participants"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    last_read_at: Mapped[datetime | None]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="participants")
    user: Mapped[User] = relationship()

    @property
    def has_unread(self) -> bool:
        return self.last_read_at is None or self.last_read_at < self.conversation.last_message_at


class Message(HideableMixin, db.Model):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # Removed with the account (the privacy policy): a deleted member's messages go with them.
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])


Index("ix_messages_conversation_created", Message.conversation_id, Message.created_at)


class Block(db.Model):
    """A member who may no longer write to the blocker."""

    __tablename__ = "message_blocks"

    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    blocked_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    blocked: Mapped[User] = relationship(foreign_keys=[blocked_id])


class MessageSetting(db.Model):
    """No row: anyone may write. ``shared_labs_only``: only members of a lab the member is in."""

    __tablename__ = "message_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    shared_labs_only: Mapped[bool] = mapped_column(default=False)
