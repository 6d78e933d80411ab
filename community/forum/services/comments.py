"""Comments: post, reply, edit, delete."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum import flood
from community.forum.errors import ForumError
from community.forum.models import (
    Comment,
    Initiative,
    Revision,
)
from community.forum.services.posting import (
    _check_language,
    _check_post,
    _commit_post,
    _follow,
    _held,
    _mentioned,
    _render,
    _submitted,
    announce,
    initiative_path,
)
from community.forum.services.reactions import recount
from community.markdown import RENDERER_VERSION
from community.notifications.services import notify
from community.profiles.services import record_activity
from community.utils import utcnow


def add_comment(
    author: User,
    initiative: Initiative,
    body: str,
    language: str = "en",
    parent: Comment | None = None,
    token: str | None = None,
) -> Comment:
    """Comment (or reply to a comment) and tell the followers, the replied-to and the mentioned."""
    if not permissions.can_comment(author, initiative):
        raise ForumError(_("This initiative takes no new comments."))
    earlier = _submitted(Comment, token)
    if earlier is not None:
        return earlier
    parent = _thread_parent(initiative, parent)
    _check_language(language)
    flood.check_newcomer_rate(author)
    flood.ensure_not_repeated(
        select(Comment.id).where(
            Comment.author_id == author.id, Comment.initiative_id == initiative.id, Comment.body == body
        ),
        Comment.created_at,
        _l("You posted this comment a moment ago."),
    )
    _check_post(author, body)
    comment = Comment(
        initiative=initiative,
        author=author,
        parent=parent,
        body=body,
        body_html=_render(body),
        html_version=RENDERER_VERSION,
        language=language,
        submission_token=token or None,
    )
    db.session.add(comment)
    initiative.last_activity_at = utcnow()
    db.session.flush()
    held = _held(author, comment)
    recount(initiative)
    record_activity(author, 1)
    _follow(author, initiative)
    if not held:
        announce(comment)
    return _commit_post(Comment, token, []) or comment


def edit_comment(comment: Comment, editor: User, body: str) -> Comment:
    """Change a comment's text, keeping the previous one in its history."""
    if not permissions.can_edit_comment(editor, comment):
        raise ForumError(_("You may not edit this comment."))
    if body != comment.body:
        _check_post(editor, body, comment)
        mentioned_before = {user.id for user in _mentioned(comment.body)}
        db.session.add(Revision(comment_id=comment.id, editor_id=editor.id, body=comment.body))
        comment.body = body
        comment.body_html = _render(body)
        comment.html_version = RENDERER_VERSION
        comment.edited_at = utcnow()
        url = initiative_path(comment.initiative_id, f"comment-{comment.id}")
        for user in _mentioned(body) if permissions.is_seen_by_everyone(comment) else ():
            if user.id not in mentioned_before:
                notify(user, "mention", comment.initiative.title, url, actor=editor)
        db.session.commit()
    return comment


def delete_comment(comment: Comment, actor: User) -> None:
    """Remove a comment softly: a placeholder keeps the thread readable."""
    if not permissions.can_delete_comment(actor, comment):
        raise ForumError(_("You may not delete this comment."))
    comment.deleted_at = utcnow()
    db.session.flush()
    recount(comment.initiative)
    if comment.author is not None:
        record_activity(comment.author, -1)
    db.session.commit()


def _thread_parent(initiative: Initiative, parent: Comment | None) -> Comment | None:
    """Replies have one level: a reply to a reply joins its thread."""
    if parent is None:
        return None
    if parent.initiative_id != initiative.id or parent.is_deleted or parent.is_hidden:
        raise ForumError(_("This comment takes no replies."))
    if parent.parent_id is not None:
        return db.session.get(Comment, parent.parent_id)
    return parent
