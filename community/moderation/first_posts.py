"""Spam controls on a member's first posts: a limit on links, and (a setting) approval before they show."""

from __future__ import annotations

import re

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community import permissions, signals
from community.auth.models import User
from community.extensions import db
from community.forum import services as forum
from community.forum.models import Comment, Initiative
from community.moderation import targets
from community.moderation.errors import ModerationError
from community.moderation.models import Action, AuditEntry, TargetKind
from community.notifications.services import notify, register_kind
from community.utils import utcnow

register_kind("post-approved", _l("The moderators approved your post %(subject)s"))
register_kind("post-rejected", _l("The moderators did not approve your post %(subject)s"))

# A markdown link or autolink counts once; a bare URL (or www. address) outside one counts too.
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(\s*<?[^)\s>]+>?(?:\s+[^)]*)?\)|<(?:https?|ftp)://[^>\s]+>", re.I)
BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]]+", re.I)


def count_links(text: str) -> int:
    text = text or ""
    markdown = len(MARKDOWN_LINK.findall(text))
    return markdown + len(BARE_URL.findall(MARKDOWN_LINK.sub(" ", text)))


def posts_so_far(author: User) -> int:
    """The member's initiatives and comments, held ones included (the one being saved excluded)."""
    return db.session.scalar(
        select(func.count(Initiative.id)).where(Initiative.author_id == author.id)
    ) + db.session.scalar(select(func.count(Comment.id)).where(Comment.author_id == author.id))


def _posts_before(post) -> int:
    """How many posts its author wrote before ``post`` (which of their posts an edited one was)."""
    return db.session.scalar(
        select(func.count(Initiative.id)).where(
            Initiative.author_id == post.author_id, Initiative.created_at < post.created_at
        )
    ) + db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.author_id == post.author_id, Comment.created_at < post.created_at
        )
    )


def check_links(author: User, text: str, post=None) -> str | None:
    """forum's post check: at most FIRST_POSTS_LINK_LIMIT links in each of a member's first posts,
    when written and when edited later."""
    config = current_app.config
    limit = config["FIRST_POSTS_LINK_LIMIT"]
    if permissions.is_moderator(author) or count_links(text) <= limit:
        return None
    earlier = posts_so_far(author) if post is None or post.author_id is None else _posts_before(post)
    if earlier >= config["FIRST_POSTS_LINK_LIMITED"]:
        return None
    return _(
        "Your first %(posts)d posts may hold at most %(limit)d links each. Remove some links and send again.",
        posts=config["FIRST_POSTS_LINK_LIMITED"],
        limit=limit,
    )


def hold_first_posts(author: User, post) -> bool:
    """forum's hold hook: when the setting is on, a member's first posts wait, hidden, for a moderator."""
    config = current_app.config
    if not config["FIRST_POSTS_NEED_APPROVAL"] or permissions.is_moderator(author):
        return False
    if posts_so_far(author) > config["FIRST_POSTS_HELD"]:  # the new post is flushed: it counts itself
        return False
    post.awaiting_approval = True
    post.is_hidden = True
    post.hidden_at = utcnow()
    return True


signals.post_submitted.connect(check_links)
signals.post_created.connect(hold_first_posts)


def held_posts(limit: int) -> list[targets.Described]:
    """Posts awaiting approval, the oldest first; two queries whatever their number."""
    found = targets.load_many(
        [(TargetKind.INITIATIVE, i) for i in _held_ids(Initiative, limit)]
        + [(TargetKind.COMMENT, i) for i in _held_ids(Comment, limit)]
    )
    described = [targets.describe(kind, post) for (kind, _id), post in found.items()]
    return sorted(described, key=lambda d: (d.target.created_at, d.kind.value, d.target.id))[:limit]


def _held_ids(model, limit: int) -> list[int]:
    return list(
        db.session.scalars(
            select(model.id).where(model.awaiting_approval.is_(True)).order_by(model.created_at).limit(limit)
        )
    )


def approve(moderator: User, kind: TargetKind, post) -> None:
    """Show a held post; the author, followers and mentioned members are told now."""
    described = _check(moderator, kind, post)
    post.awaiting_approval = False
    post.is_hidden = False
    post.hidden_at = None
    db.session.flush()
    if kind == TargetKind.COMMENT:
        forum.recount(post.initiative)
    forum.announce(post)
    if described.owner is not None:
        notify(described.owner, "post-approved", f"“{described.title}”", described.url, actor=moderator)
    _record(moderator, Action.APPROVE, described, "")
    db.session.commit()


def reject(moderator: User, kind: TargetKind, post, reason: str) -> None:
    """Keep a held post hidden for good (nothing is erased); its author reads why."""
    described = _check(moderator, kind, post)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Give a reason: the member will read it."), field="reason")
    post.awaiting_approval = False
    post.hidden_by_id = moderator.id
    if described.owner is not None:
        notify(
            described.owner,
            "post-rejected",
            f"“{described.title}” — {reason}",
            described.url,
            actor=moderator,
        )
    _record(moderator, Action.REJECT, described, reason)
    db.session.commit()


def _check(moderator: User, kind: TargetKind, post) -> targets.Described:
    if kind not in (TargetKind.INITIATIVE, TargetKind.COMMENT):
        raise ModerationError(_("This action does not apply here."))
    described = targets.describe(kind, post)
    if not permissions.can_moderate_content(moderator, described.owner):
        raise ModerationError(_("You cannot act on this."))
    if not post.awaiting_approval:
        raise ModerationError(_("This post is not waiting for approval."))
    return described


def _record(moderator: User, action: Action, described: targets.Described, reason: str) -> None:
    db.session.add(
        AuditEntry(
            moderator_id=moderator.id,
            action=action,
            target_kind=described.kind,
            target_id=described.target.id,
            member_id=described.owner.id if described.owner else None,
            summary=described.title[:200],
            reason=reason,
        )
    )
