"""The one hard delete of moderation: an admin erases a spam account and everything it posted."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.forum.services import recount
from community.moderation.errors import ModerationError
from community.moderation.models import Action, AuditEntry, Flag, FlagState, TargetKind
from community.utils import utcnow


def purge_account(admin: User, member: User, reason: str) -> tuple[int, int]:
    """Delete a spam account, its initiatives and its comments; returns how many of each went."""
    if not permissions.can_purge_member(admin, member):
        raise ModerationError(_("Only an admin purges, and only a member's account."))
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Give a reason: the audit log keeps it."), field="reason")
    initiatives = list(db.session.scalars(select(Initiative).where(Initiative.author_id == member.id)))
    comments = list(db.session.scalars(select(Comment).where(Comment.author_id == member.id)))
    initiative_ids = {initiative.id for initiative in initiatives}
    comment_ids = {comment.id for comment in comments}
    # Others' replies to the spam stay, as top-level comments of their thread.
    db.session.execute(
        update(Comment)
        .where(Comment.parent_id.in_(comment_ids), Comment.author_id.is_distinct_from(member.id))
        .values(parent_id=None),
        execution_options={"synchronize_session": False},
    )
    touched = {comment.initiative_id for comment in comments} - initiative_ids
    for content in (*comments, *initiatives):
        db.session.delete(content)  # through the ORM, so that listeners (search) see each deletion
    db.session.flush()
    for initiative_id in touched:
        recount(db.session.get(Initiative, initiative_id))
    _close_flags(member.id, initiative_ids, comment_ids)
    summary = _(
        "@%(name)s. Initiatives: %(i)d; comments: %(c)d",
        name=member.username,
        i=len(initiatives),
        c=len(comments),
    )
    db.session.add(
        AuditEntry(
            moderator_id=admin.id,
            action=Action.PURGE,
            target_kind=TargetKind.MEMBER,
            target_id=member.id,
            member_id=member.id,  # becomes NULL with the account; the summary keeps the name
            summary=summary[:200],
            reason=reason,
        )
    )
    db.session.flush()
    db.session.delete(member)
    db.session.commit()
    return len(initiatives), len(comments)


def _close_flags(member_id: int, initiative_ids: set[int], comment_ids: set[int]) -> None:
    db.session.execute(
        update(Flag)
        .where(Flag.state == FlagState.OPEN)
        .where(
            or_(
                (Flag.target_kind == TargetKind.MEMBER) & (Flag.target_id == member_id),
                (Flag.target_kind == TargetKind.INITIATIVE) & Flag.target_id.in_(initiative_ids),
                (Flag.target_kind == TargetKind.COMMENT) & Flag.target_id.in_(comment_ids),
            )
        )
        .values(state=FlagState.ACTIONED, resolved_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
