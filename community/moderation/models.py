"""Flags raised by members and the moderators' audit log."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User


class TargetKind(enum.StrEnum):
    INITIATIVE = "initiative"
    COMMENT = "comment"
    MEMBER = "member"
    LAB = "lab"
    EVENT = "event"
    TEAM_RESULT = "team-result"  # a published capability-assessment round
    CALL = "call"  # a funding call
    MESSAGE = "message"


class FlagReason(enum.StrEnum):
    SPAM = "spam"
    ABUSE = "abuse"
    OFF_TOPIC = "off-topic"
    MISINFORMATION = "misinformation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(REASON_LABELS[self])


REASON_LABELS = {
    FlagReason.SPAM: _l("Spam or advertising"),
    FlagReason.ABUSE: _l("Abusive or harassing"),
    FlagReason.OFF_TOPIC: _l("Off-topic"),
    FlagReason.MISINFORMATION: _l("Misinformation"),
    FlagReason.OTHER: _l("Something else"),
}


class FlagState(enum.StrEnum):
    OPEN = "open"
    DISMISSED = "dismissed"
    ACTIONED = "actioned"


class Action(enum.StrEnum):
    HIDE = "hide"
    AUTO_HIDE = "auto-hide"
    RESTORE = "restore"
    LOCK = "lock"
    UNLOCK = "unlock"
    PIN = "pin"
    UNPIN = "unpin"
    MOVE = "move"
    EDIT = "edit"
    DISMISS = "dismiss"
    WARN = "warn"
    SUSPEND = "suspend"
    BAN = "ban"
    LIFT = "lift"
    PROMOTE = "promote"
    DEMOTE = "demote"
    PURGE = "purge"
    APPROVE = "approve"
    DECLINE = "decline"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self])


ACTION_LABELS = {
    Action.HIDE: _l("Hide"),
    Action.AUTO_HIDE: _l("Hidden after flags"),
    Action.RESTORE: _l("Restore"),
    Action.LOCK: _l("Lock"),
    Action.UNLOCK: _l("Unlock"),
    Action.PIN: _l("Pin"),
    Action.UNPIN: _l("Unpin"),
    Action.MOVE: _l("Move"),
    Action.EDIT: _l("Edit"),
    Action.DISMISS: _l("Dismiss flags"),
    Action.WARN: _l("Warn"),
    Action.SUSPEND: _l("Suspend"),
    Action.BAN: _l("Ban"),
    Action.LIFT: _l("Lift suspension or ban"),
    Action.PROMOTE: _l("Make moderator"),
    Action.DEMOTE: _l("Remove moderator role"),
    Action.PURGE: _l("Purge a spam account"),
    Action.APPROVE: _l("Approve"),
    Action.DECLINE: _l("Decline a new member"),
    Action.REJECT: _l("Reject a first post"),
}


class Flag(db.Model):
    """One member's report of one thing; a second report of the same thing changes nothing."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("reporter_id", "target_kind", "target_id", name="uq_flags_reporter_target"),
        Index("ix_flags_state_target", "state", "target_kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[TargetKind]
    target_id: Mapped[int]
    reason: Mapped[FlagReason]
    text: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[FlagState] = mapped_column(default=FlagState.OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    resolved_at: Mapped[datetime | None]

    reporter: Mapped[User] = relationship()


class AuditEntry(db.Model):
    """Who did what, on what, to whom, why and when. Append-only: the app never edits or deletes it,
    and a database trigger refuses any change to what an entry says."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[Action] = mapped_column(index=True)
    target_kind: Mapped[TargetKind]
    target_id: Mapped[int]
    member_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id])
    member: Mapped[User | None] = relationship(foreign_keys=[member_id])


class AlertMode(enum.StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    NEVER = "never"


class ModeratorAlert(db.Model):
    """How a moderator wants to hear that flags wait: at once, in a daily e-mail, or never."""

    __tablename__ = "moderator_alerts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[AlertMode] = mapped_column(default=AlertMode.DAILY)
    last_sent_at: Mapped[datetime | None]
