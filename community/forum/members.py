"""What the forum adds to the member pages: a profile's initiatives and comments, the data export.

Profiles knows nothing of the forum: it offers registries, and this module fills them when the
forum is imported.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum import queries
from community.forum.models import Comment, Initiative
from community.profiles import export, sections
from community.profiles.models import Profile

SHOWN = 5


def _full_profile(member: User, viewer) -> bool:
    profile = db.session.get(Profile, member.id)  # loaded by the page already: no query
    return profile is not None and permissions.can_see_full_profile(viewer, profile)


def profile_initiatives(member: User, viewer) -> dict | None:
    """The member's latest initiatives that the viewer may see, in one query."""
    if not _full_profile(member, viewer):
        return None
    statement = (
        queries.visible_to(select(Initiative).where(Initiative.author_id == member.id), viewer)
        .options(joinedload(Initiative.category))
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
    )
    initiatives = list(db.session.scalars(statement.limit(SHOWN)))
    return {"initiatives": initiatives, "member": member} if initiatives else None


def profile_comments(member: User, viewer) -> dict | None:
    """The member's latest comments on initiatives everyone sees, in one query."""
    if not _full_profile(member, viewer):
        return None
    statement = (
        select(Comment)
        .join(Comment.initiative)
        .options(joinedload(Comment.initiative))
        .where(
            Comment.author_id == member.id,
            Comment.deleted_at.is_(None),
            Comment.is_hidden.is_(False),
            Initiative.is_hidden.is_(False),
        )
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    )
    comments = list(db.session.scalars(statement.limit(SHOWN)))
    return {"comments": comments} if comments else None


sections.register_section("forum/_profile_initiatives.html", profile_initiatives)
sections.register_section("forum/_profile_comments.html", profile_comments)
export.register_section("forum", queries.member_data)
