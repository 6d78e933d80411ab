"""What moderators read: the queue of open flags grouped by target, and the audit log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community.auth.identity import username_key
from community.auth.models import User
from community.extensions import db
from community.labs import queries as lab_queries
from community.moderation import targets
from community.moderation.models import Action, AuditEntry, Flag, FlagState


@dataclass
class QueueItem:
    """One flagged thing with every open flag on it."""

    described: targets.Described
    first_flagged_at: datetime
    flags: list[Flag] = field(default_factory=list)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        counts = Counter(flag.reason.label for flag in self.flags)
        return sorted(counts.items())

    @property
    def texts(self) -> list[str]:
        return [flag.text for flag in self.flags if flag.text]


def queue() -> list[QueueItem]:
    """Open flags grouped by target, the longest-waiting first; a fixed number of queries."""
    groups = db.session.execute(
        select(Flag.target_kind, Flag.target_id, func.min(Flag.created_at).label("first"))
        .where(Flag.state == FlagState.OPEN)
        .group_by(Flag.target_kind, Flag.target_id)
        .order_by(func.min(Flag.created_at), Flag.target_kind, Flag.target_id)
        .limit(current_app.config["MODERATION_QUEUE_SIZE"])
    ).all()
    if not groups:
        return []
    keys = [(row.target_kind, row.target_id) for row in groups]
    found = targets.load_many(keys)
    items = {
        key: QueueItem(targets.describe(key[0], found[key]), row.first)
        for key, row in zip(keys, groups, strict=True)
        if key in found
    }
    open_flags = db.session.scalars(
        select(Flag)
        .where(Flag.state == FlagState.OPEN, Flag.target_id.in_({key[1] for key in items}))
        .order_by(Flag.created_at, Flag.id)
    )
    for open_flag in open_flags:  # ids of other kinds may match too: the key sorts them out
        item = items.get((open_flag.target_kind, open_flag.target_id))
        if item is not None:
            item.flags.append(open_flag)
    return list(items.values())


def pending_labs():
    return lab_queries.proposals()


@dataclass
class AuditFilters:
    moderator: str = ""
    member: str = ""
    action: Action | None = None


def audit_page(filters: AuditFilters, page: int):
    """The log, newest first, narrowed by moderator, member and action."""
    statement = select(AuditEntry).options(
        selectinload(AuditEntry.moderator), selectinload(AuditEntry.member)
    )
    for name, column in (("moderator", AuditEntry.moderator_id), ("member", AuditEntry.member_id)):
        value = getattr(filters, name)
        if value:
            user_id = select(User.id).where(User.username_key == username_key(value)).scalar_subquery()
            statement = statement.where(column == user_id)
    if filters.action is not None:
        statement = statement.where(AuditEntry.action == filters.action)
    statement = statement.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    size = current_app.config["MODERATION_AUDIT_PAGE_SIZE"]
    return db.paginate(statement, page=page, per_page=size, max_per_page=size, error_out=False)


def history_of_member(member: User, limit: int = 20) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.member_id == member.id)
            .options(selectinload(AuditEntry.moderator))
            .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
            .limit(limit)
        )
    )
