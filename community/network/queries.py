"""The dashboard's aggregate queries: each one GROUP BY, whatever the data size, on what a visitor sees.

Visitors see listed members (confirmed, approved, not banned: the directory's rule; by lab, only those whose
profile is open to everyone, where their labs show), initiatives that are
not hidden (held first posts are hidden too), and comments that are neither hidden nor deleted on such
initiatives, in labs that are not mere proposals. Every function returns plain tuples, so they can be kept.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, extract, func, literal, select, union_all

from community.auth.models import User
from community.extensions import db
from community.forum.models import Comment, Initiative, InitiativeGoal
from community.labs.models import Lab, LabMembership, LabStatus, MembershipState
from community.network.scope import Scope
from community.profiles.models import Profile, VisitorView

LABS_RANKED = 10


def visible_labs() -> list[tuple[str, str]]:
    """(slug, name) of the labs a visitor may open, by name."""
    statement = select(Lab.slug, Lab.name).where(Lab.status != LabStatus.PROPOSED).order_by(Lab.name_key)
    return [tuple(row) for row in db.session.execute(statement)]


def _lab_id(scope: Scope):
    return select(Lab.id).where(Lab.slug == scope.lab).scalar_subquery()


def _period(column, scope: Scope) -> list[ColumnElement]:
    conditions = [column < scope.until()]
    if scope.since():
        conditions.append(column >= scope.since())
    return conditions


def _members_where(scope: Scope, period: bool = True) -> list[ColumnElement]:
    conditions = [User.is_listed]
    if scope.country:
        conditions.append(Profile.country == scope.country)
    if scope.lab:
        in_lab = select(LabMembership.user_id).where(
            LabMembership.lab_id == _lab_id(scope), LabMembership.state == MembershipState.ACTIVE
        )
        # Visitors learn a member's labs from the full profile only (as the directory's lab filter).
        conditions += [Profile.user_id.in_(in_lab), Profile.visitor_view == VisitorView.FULL]
    return conditions + (_period(User.created_at, scope) if period else [])


def _initiatives_where(scope: Scope, period: bool = True) -> list[ColumnElement]:
    conditions = [Initiative.is_hidden.is_(False)]
    if scope.country:
        conditions.append(Initiative.country == scope.country)
    if scope.lab:
        conditions.append(Initiative.lab_id == _lab_id(scope))
    return conditions + (_period(Initiative.created_at, scope) if period else [])


def _comments_where(scope: Scope) -> list[ColumnElement]:
    return [
        Comment.is_hidden.is_(False),
        Comment.deleted_at.is_(None),
        *_initiatives_where(scope, period=False),
        *_period(Comment.created_at, scope),
    ]


def members_by_country(scope: Scope) -> list[tuple[str | None, int]]:
    """(country or None, members) of the listed members who joined in the period."""
    statement = (
        select(Profile.country, func.count())
        .join(User, User.id == Profile.user_id)
        .where(*_members_where(scope))
        .group_by(Profile.country)
    )
    return [tuple(row) for row in db.session.execute(statement)]


def initiatives_by_field(scope: Scope) -> list[tuple[str, str, str, int]]:
    """(country, sector, stage, initiatives): country, sector and stage totals all come from it."""
    statement = (
        select(Initiative.country, Initiative.sector, Initiative.stage, func.count())
        .where(*_initiatives_where(scope))
        .group_by(Initiative.country, Initiative.sector, Initiative.stage)
    )
    return [
        (country, sector, str(stage), count)
        for country, sector, stage, count in db.session.execute(statement)
    ]


def initiatives_by_goal(scope: Scope) -> list[tuple[int, int]]:
    """(SDG, initiatives serving it)."""
    statement = (
        select(InitiativeGoal.sdg, func.count())
        .join(Initiative, Initiative.id == InitiativeGoal.initiative_id)
        .where(*_initiatives_where(scope))
        .group_by(InitiativeGoal.sdg)
    )
    return [tuple(row) for row in db.session.execute(statement)]


def _per_month(kind: str, column, statement, scope: Scope, first: tuple[int, int]):
    year, month = extract("year", column), extract("month", column)
    since = max(scope.since(), _first_moment(first)) if scope.since() else _first_moment(first)
    return (
        statement.add_columns(
            literal(kind).label("kind"), year.label("year"), month.label("month"), func.count()
        )
        .where(column >= since)
        .group_by(year, month)
    )


def _first_moment(month: tuple[int, int]):
    from datetime import datetime

    return datetime(*month, 1)


def new_per_month(scope: Scope) -> list[tuple[str, int, int, int]]:
    """(kind, year, month, count) of new members, initiatives and comments in the shown months: one query."""
    first = scope.months()[0]
    members = (
        select().select_from(Profile).join(User, User.id == Profile.user_id).where(*_members_where(scope))
    )
    initiatives = select().select_from(Initiative).where(*_initiatives_where(scope))
    comments = select().select_from(Comment).join(Initiative, Initiative.id == Comment.initiative_id)
    parts = (
        _per_month("members", User.created_at, members, scope, first),
        _per_month("initiatives", Initiative.created_at, initiatives, scope, first),
        _per_month("comments", Comment.created_at, comments.where(*_comments_where(scope)), scope, first),
    )
    return [
        (kind, int(year), int(month), count)
        for kind, year, month, count in db.session.execute(union_all(*parts))
    ]


def labs_by_activity(scope: Scope) -> list[tuple[str, str, int, int]]:
    """(slug, name, new initiatives, new comments) of the busiest labs in the ranking window."""
    ranked = scope.__class__(country=scope.country, lab=scope.lab, start=None, end=scope.end)
    since = scope.active_since()
    initiatives = select(
        Initiative.lab_id.label("lab_id"), literal(1).label("posts"), literal(0).label("replies")
    ).where(
        *_initiatives_where(ranked, period=False),
        Initiative.created_at >= since,
        Initiative.created_at < scope.until(),
    )
    comments = (
        select(Initiative.lab_id.label("lab_id"), literal(0).label("posts"), literal(1).label("replies"))
        .select_from(Comment)
        .join(Initiative, Initiative.id == Comment.initiative_id)
        .where(*_comments_where(ranked), Comment.created_at >= since)
    )
    activity = union_all(initiatives, comments).subquery()
    posts, replies = func.sum(activity.c.posts), func.sum(activity.c.replies)
    statement = (
        select(Lab.slug, Lab.name, posts, replies)
        .join(activity, activity.c.lab_id == Lab.id)
        .where(Lab.status != LabStatus.PROPOSED)
        .group_by(Lab.id, Lab.slug, Lab.name)
        .order_by((posts + replies).desc(), Lab.name)
        .limit(LABS_RANKED)
    )
    return [(slug, name, int(p), int(r)) for slug, name, p, r in db.session.execute(statement)]
