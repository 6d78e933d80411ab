"""What the home feature adds to the member's data download: watches, bookmarks, drafts, getting started."""

from __future__ import annotations

from sqlalchemy import select

from community.auth.models import User
from community.extensions import db
from community.home import keeping
from community.home.models import Bookmark, Draft, HomeState, Watch
from community.profiles import export


def _iso(moment) -> str | None:
    return moment.isoformat() + ("Z" if hasattr(moment, "hour") else "") if moment else None


def home_of(user: User) -> dict:
    watches = db.session.scalars(select(Watch).where(Watch.user_id == user.id).order_by(Watch.id)).all()
    bookmarks = db.session.scalars(
        select(Bookmark).where(Bookmark.user_id == user.id).order_by(Bookmark.id)
    ).all()
    drafts = db.session.scalars(select(Draft).where(Draft.user_id == user.id).order_by(Draft.id)).all()
    state = db.session.get(HomeState, user.id)
    return {
        "watches": [{"kind": str(w.kind), "key": w.key, "level": str(w.level)} for w in watches],
        "bookmarks": [
            {
                "initiative_id": b.initiative_id,
                "comment_id": b.comment_id,
                "remind_on": _iso(b.remind_on),
                "saved_at": _iso(b.created_at),
            }
            for b in bookmarks
        ],
        "drafts": [
            {
                "kind": str(d.kind),
                "initiative_id": d.initiative_id,
                "fields": keeping.draft_fields(d),
                "updated_at": _iso(d.updated_at),
            }
            for d in drafts
        ],
        "getting_started_done_at": _iso(state.onboarding_done_at) if state else None,
    }


export.register_section("home", home_of)
