"""What posting initiatives and comments shares: checks, attachments, mentions, notifications, links."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community import permissions, signals
from community.auth.identity import username_key
from community.auth.models import User
from community.extensions import db
from community.forum import uploads
from community.forum import vocabulary as v
from community.forum.errors import ForumError
from community.forum.models import (
    Attachment,
    Comment,
    Follow,
    Initiative,
)
from community.markdown import MENTION, render_markdown
from community.notifications.services import notify
from community.urls import path_for

MAX_MENTIONS = 20


HELD_MESSAGE = _l("Your first posts are checked by a moderator: until then, only you and they see this one.")


# Kept for branches written before community.signals: connect to the signals instead.
register_post_check = signals.post_submitted.connect


register_hold_hook = signals.post_created.connect
register_announce_hook = signals.post_announced.connect


def announce(post) -> None:
    """Send the notifications of a new post everyone may see (a held one's wait for its approval);
    the caller commits."""
    if not permissions.is_seen_by_everyone(post):
        return
    if isinstance(post, Comment):
        _notify_comment(post)
    else:
        url = initiative_path(post.id)
        for user in _mentioned(f"{post.body}\n{post.outcomes}"):
            notify(user, "mention", post.title, url, actor=post.author)
    signals.post_announced.send(post)


def initiative_path(initiative_id: int, anchor: str | None = None) -> str:
    """The initiative's path, also outside a request (CLI, demo seed)."""
    return path_for("forum.show", anchor, initiative_id=initiative_id)


def _check_language(language: str) -> None:
    if language not in v.CONTENT_LANGUAGES:
        raise ForumError(_("Choose a language from the list."), field="language")


def _check_files(files: Iterable[tuple[str, BinaryIO]], already: int) -> list[uploads.CheckedFile]:
    checked = [uploads.check(name, stream) for name, stream in files]
    if already + len(checked) > uploads.MAX_FILES:
        raise ForumError(
            _("An initiative has at most %(count)d attachments.", count=uploads.MAX_FILES),
            field="attachments",
        )
    return checked


def _attach(initiative: Initiative, uploader: User, checked: list[uploads.CheckedFile]) -> list[str]:
    stored: list[str] = []
    try:
        for item in checked:
            name = uploads.store(item)
            stored.append(name)
            db.session.add(
                Attachment(
                    initiative=initiative,
                    uploader_id=uploader.id,
                    filename=item.filename,
                    stored_name=name,
                    content_type=item.content_type,
                    size=len(item.data),
                )
            )
    except OSError:
        uploads.discard(stored)
        raise
    return stored


def _commit_post(model, token: str | None, stored: list[str]):
    """Commit; on a double submission that lost the race, return the post the first one created."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        uploads.discard(stored)
        earlier = _submitted(model, token)
        if earlier is None:
            raise
        return earlier
    except Exception:
        db.session.rollback()
        uploads.discard(stored)
        raise
    return None


def _post_text(data) -> str:
    """Everything in an initiative that may carry links: its texts and its links field."""
    return "\n".join([data.summary, data.body, data.outcomes, *data.links])


def _check_post(author: User, text: str, post=None) -> None:
    """Other features' say on a new post, or an edit of ``post``: the first refusal stops it."""
    for problem in signals.refusals(signals.post_submitted, author, text=text, post=post):
        raise ForumError(problem, field="body")


def _held(author: User, post) -> bool:
    """Other features' say on a new post (moderation may hold it): they answer True when they held it."""
    return any([held for _receiver, held in signals.post_created.send(author, post=post)])


def _submitted(model, token: str | None):
    if not token:
        return None
    return db.session.scalar(select(model).where(model.submission_token == token))


def _follow(user: User, initiative: Initiative) -> None:
    if db.session.get(Follow, (user.id, initiative.id)) is None:
        db.session.add(Follow(user_id=user.id, initiative_id=initiative.id))


def _mentioned(text: str) -> list[User]:
    """The listed members (confirmed, not banned) that ``text`` mentions, at most MAX_MENTIONS."""
    keys = list(dict.fromkeys(username_key(name) for name in MENTION.findall(text or "")))[:MAX_MENTIONS]
    if not keys:
        return []
    listed = select(User).where(User.username_key.in_(keys), User.is_listed)
    return list(db.session.scalars(listed))


def _render(source: str) -> str:
    """Markdown to the HTML we store, with "@username" linked to the pages of the members mentioned."""
    pages = {user.username_key: member_path(user.username) for user in _mentioned(source)}
    return str(render_markdown(source, lambda name: pages.get(username_key(name))))


def member_path(username: str) -> str:
    return path_for("profiles.show", username=username)


def _notify_comment(comment: Comment) -> None:
    """One notification per member: a reply beats a mention, a mention beats a followed thread."""
    initiative = comment.initiative
    if not permissions.is_seen_by_everyone(comment):
        return
    kinds: dict[int, tuple[User, str]] = {}
    followers = (
        select(User).join(Follow, Follow.user_id == User.id).where(Follow.initiative_id == initiative.id)
    )
    for user in db.session.scalars(followers):
        kinds[user.id] = (user, "comment")
    for user in _mentioned(comment.body):
        kinds[user.id] = (user, "mention")
    if comment.parent is not None and comment.parent.author is not None:
        kinds[comment.parent.author.id] = (comment.parent.author, "reply")
    url = initiative_path(initiative.id, f"comment-{comment.id}")
    for user, kind in kinds.values():
        notify(user, kind, initiative.title, url, actor=comment.author)
