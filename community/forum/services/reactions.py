"""Marking initiatives and comments useful, and the counts."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.errors import ForumError
from community.forum.models import (
    Comment,
    Initiative,
    Reaction,
)


def toggle_useful(user: User, initiative: Initiative | None = None, comment: Comment | None = None) -> bool:
    """Mark an initiative or a comment useful, or take the mark back; returns whether it is marked now."""
    content = initiative if initiative is not None else comment
    if content is None or not permissions.can_react(user, content):
        raise ForumError(_("You cannot mark this as useful."))
    target = Reaction.initiative_id if initiative is not None else Reaction.comment_id
    existing = db.session.scalar(select(Reaction).where(Reaction.user_id == user.id, target == content.id))
    if existing is not None:
        db.session.delete(existing)
    elif initiative is not None:
        db.session.add(Reaction(user_id=user.id, initiative_id=initiative.id))
    else:
        db.session.add(Reaction(user_id=user.id, comment_id=content.id))
    try:
        db.session.flush()
    except IntegrityError:  # the same click, counted a moment ago by another request
        db.session.rollback()
        return True
    _recount_useful(type(content), content.id, target)
    db.session.commit()
    return existing is None


def recount(initiative: Initiative) -> None:
    """Set the initiative's comment count from its visible comments; adds, never commits.

    Moderation calls it too after hiding or showing a comment.
    """
    visible = (
        select(func.count(Comment.id))
        .where(Comment.initiative_id == initiative.id, Comment.deleted_at.is_(None))
        .where(Comment.is_hidden.is_(False))
        .scalar_subquery()
    )
    db.session.execute(
        update(Initiative).where(Initiative.id == initiative.id).values(comment_count=visible),
        execution_options={"synchronize_session": False},
    )
    db.session.expire(initiative, ["comment_count"])


def _recount_useful(model, content_id: int, target) -> None:
    marks = select(func.count(Reaction.id)).where(target == content_id).scalar_subquery()
    db.session.execute(
        update(model).where(model.id == content_id).values(useful_count=marks),
        execution_options={"synchronize_session": False},
    )
    content = db.session.get(model, content_id)
    if content is not None:
        db.session.expire(content, ["useful_count"])
