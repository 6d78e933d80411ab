"""Bookmarks (with an optional reminder) and drafts of initiatives and comments."""

from __future__ import annotations

import json
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.home.errors import HomeError
from community.home.models import Bookmark, Draft, DraftKind  # noqa: F401  (DraftKind: for callers)
from community.notifications.services import notify, register_kind
from community.utils import utcnow

register_kind("reminder", _l("A reminder you set: “%(subject)s”."))
MAX_DRAFT_CHARS = 60_000
MAX_DRAFTS = 50
# Fields a draft keeps of each form; the rest (tokens, files, buttons) is not kept.
DRAFT_FIELDS = {
    DraftKind.INITIATIVE: (
        "title",
        "category",
        "lab",
        "summary",
        "body",
        "outcomes",
        "country",
        "sector",
        "stage",
        "sdgs",
        "language",
        "licence",
        "tags",
        "links",
    ),
    DraftKind.COMMENT: ("body", "language"),
}


def add_bookmark(
    user: User, initiative: Initiative, comment: Comment | None, remind_on: date | None
) -> Bookmark:
    """Save an initiative or a comment for later; hidden content cannot be saved (HomeError)."""
    if not permissions.can_watch(user) or not permissions.can_view_initiative(user, initiative):
        raise HomeError(_("There is nothing to save here."))
    if comment is not None and (
        comment.initiative_id != initiative.id
        or comment.is_deleted
        or not permissions.can_view_comment(user, comment)
    ):
        raise HomeError(_("There is nothing to save here."))
    if remind_on is not None and remind_on < date.today():
        raise HomeError(_("Choose a day from today on."), field="remind_on")
    comment_id = comment.id if comment is not None else None
    bookmark = db.session.scalar(
        select(Bookmark).where(
            Bookmark.user_id == user.id,
            Bookmark.initiative_id == initiative.id,
            Bookmark.comment_id.is_(None) if comment_id is None else Bookmark.comment_id == comment_id,
        )
    )
    if bookmark is None:
        bookmark = Bookmark(user_id=user.id, initiative_id=initiative.id, comment_id=comment_id)
        db.session.add(bookmark)
    bookmark.remind_on, bookmark.reminded_at = remind_on, None
    db.session.commit()
    return bookmark


def remove_bookmark(user: User, bookmark_id: int) -> bool:
    result = db.session.execute(
        delete(Bookmark).where(Bookmark.id == bookmark_id, Bookmark.user_id == user.id)
    )
    db.session.commit()
    return result.rowcount > 0


def send_reminders(today: date | None = None) -> int:
    """Notify members of the bookmarks due today or before (once each); returns how many."""
    today = today or date.today()
    due = db.session.scalars(
        select(Bookmark).where(Bookmark.remind_on <= today, Bookmark.reminded_at.is_(None))
    ).all()
    for bookmark in due:
        user = db.session.get(User, bookmark.user_id)
        url = f"/initiatives/{bookmark.initiative_id}" + (
            f"#comment-{bookmark.comment_id}" if bookmark.comment_id else ""
        )
        notify(user, "reminder", bookmark.initiative.title, url)
        bookmark.reminded_at = utcnow()
    db.session.commit()
    return len(due)


def save_draft(
    user: User, kind: DraftKind, form: dict, draft_id: int | None, initiative: Initiative | None
) -> Draft:
    """Keep what the member is writing; ``draft_id`` names the draft to update (theirs, or a new one)."""
    if not permissions.can_post(user):
        raise HomeError(_("Confirm your e-mail address first."))
    fields = {
        name: form.getlist(name) if name in ("sdgs",) else form.get(name, "") for name in DRAFT_FIELDS[kind]
    }
    text = json.dumps(fields, ensure_ascii=False)
    if len(text) > MAX_DRAFT_CHARS:
        raise HomeError(_("This draft is too long to keep."))
    draft = db.session.get(Draft, draft_id) if draft_id else None
    if draft is None or draft.user_id != user.id or draft.kind != kind:
        count = len(db.session.scalars(select(Draft.id).where(Draft.user_id == user.id)).all())
        if count >= MAX_DRAFTS:
            raise HomeError(
                _("You keep %(num)d drafts already: publish or delete some first.", num=MAX_DRAFTS)
            )
        draft = Draft(user_id=user.id, kind=kind, initiative_id=initiative.id if initiative else None)
        db.session.add(draft)
    draft.fields = text
    title = fields.get("title") or (initiative.title if initiative else "") or fields.get("body", "")
    draft.title = (title.strip() or _("Untitled draft"))[:200]
    draft.updated_at = utcnow()
    db.session.commit()
    return draft


def draft_fields(draft: Draft) -> dict:
    return json.loads(draft.fields or "{}")


def delete_draft(user: User, draft_id: int) -> bool:
    result = db.session.execute(delete(Draft).where(Draft.id == draft_id, Draft.user_id == user.id))
    db.session.commit()
    return result.rowcount > 0
