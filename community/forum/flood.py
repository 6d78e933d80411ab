"""Flood control in the services: newcomers' posting rate, and the same post sent twice."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.errors import ForumError
from community.forum.models import Comment, Initiative
from community.utils import utcnow


def check_newcomer_rate(author: User) -> None:
    """During their first day, members post only a few times an hour (moderators are trusted)."""
    config = current_app.config
    now = utcnow()
    if permissions.is_moderator(author) or author.created_at < now - timedelta(
        hours=config["NEWCOMER_HOURS"]
    ):
        return
    since = now - timedelta(hours=1)
    posts = db.session.scalar(
        select(func.count(Initiative.id)).where(
            Initiative.author_id == author.id, Initiative.created_at >= since
        )
    ) + db.session.scalar(
        select(func.count(Comment.id)).where(Comment.author_id == author.id, Comment.created_at >= since)
    )
    if posts >= config["NEWCOMER_POSTS_PER_HOUR"]:
        raise ForumError(
            _(
                "During their first day, members may post %(count)d times an hour. Please try again later.",
                count=config["NEWCOMER_POSTS_PER_HOUR"],
            )
        )


def ensure_not_repeated(statement, created_at, message) -> None:
    """Refuse a post identical to one the same member made within the last few minutes."""
    since = utcnow() - current_app.config["DUPLICATE_POST_WINDOW"]
    if db.session.scalar(statement.where(created_at >= since).limit(1)) is not None:
        raise ForumError(message)
