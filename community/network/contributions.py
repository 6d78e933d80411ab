"""A member's contributions, drawn like the dashboard's charts, on their own profile page (a profile section).

Features add a count with ``register_contribution(key, label, count)``: ``count(member_id)`` returns a
scalar subquery of what a visitor may see (events attended, updates…), so the section stays one query.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.network import svg
from community.network.panels import Chart, Row
from community.profiles import sections

CONTRIBUTIONS: list[tuple[str, object, Callable]] = []


def register_contribution(key: str, label, count: Callable) -> None:
    CONTRIBUTIONS.append((key, label, count))


def _initiatives(member_id: int):
    return select(func.count()).where(Initiative.author_id == member_id, Initiative.is_hidden.is_(False))


def _visible_comments(member_id: int):
    return (
        select(func.count())
        .select_from(Comment)
        .join(Initiative, Initiative.id == Comment.initiative_id)
        .where(
            Comment.author_id == member_id,
            Comment.is_hidden.is_(False),
            Comment.deleted_at.is_(None),
            Initiative.is_hidden.is_(False),
        )
    )


def _useful_marks(member_id: int):
    on_initiatives = select(func.coalesce(func.sum(Initiative.useful_count), 0)).where(
        Initiative.author_id == member_id, Initiative.is_hidden.is_(False)
    )
    on_comments = _visible_comments(member_id).with_only_columns(
        func.coalesce(func.sum(Comment.useful_count), 0)
    )
    return select(on_initiatives.scalar_subquery() + on_comments.scalar_subquery())


register_contribution("initiatives", _l("Initiatives shared"), _initiatives)
register_contribution("comments", _l("Comments"), _visible_comments)
register_contribution("useful", _l("Useful marks received"), _useful_marks)


def profile_contributions(member: User, viewer) -> dict | None:
    """On their own page, the member's contributions that everyone may see, counted in one query."""
    if not permissions.can_see_contributions(viewer, member):
        return None
    statement = select(*(count(member.id).scalar_subquery() for _, _, count in CONTRIBUTIONS))
    values = db.session.execute(statement).one()
    rows = [
        Row(str(label), int(value or 0), exact=True)
        for (_, label, _), value in zip(CONTRIBUTIONS, values, strict=True)
    ]
    if not any(row.value for row in rows):
        return None
    chart = Chart(
        key="contributions",
        kind="bars",
        title=_("Contributions"),
        summary=", ".join(f"{row.label}: {row.shown}" for row in rows) + ".",
        label_heading=_("Contribution"),
        value_heading=_("Count"),
        rows=rows,
        empty="",
    )
    return {"chart": svg.layout(chart)}


sections.register_section("network/_profile_contributions.html", profile_contributions)
