"""What the API reads: initiatives, labs and members as a visitor (or the token's member) sees them."""

from __future__ import annotations

from flask import current_app, url_for
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from community import permissions
from community.api import pagination
from community.api import schemas as s
from community.auth.models import User
from community.extensions import db
from community.forum import queries as forum_queries
from community.forum import vocabulary as v
from community.forum.models import Comment, Initiative
from community.labs.models import Lab, LabStatus
from community.permissions import Visitor
from community.profiles.models import Profile


def _site(path: str) -> str:
    return current_app.config["SITE_URL"] + path


def initiatives(query: s.InitiativeQuery, viewer) -> tuple[list[Initiative], str | None]:
    values = query.model_dump(
        include={"category", "tag", "country", "sector", "sdg", "stage", "language", "lab"}
    )
    values["stage"] = query.stage.value if query.stage else None
    statement = forum_queries.list_statement(forum_queries.Filters.from_values(values), viewer).options(
        joinedload(Initiative.author),
        joinedload(Initiative.category),
        joinedload(Initiative.lab),
        selectinload(Initiative.tags),
        selectinload(Initiative.goals),
    )
    if query.updated_since is not None:
        since = query.updated_since
        statement = statement.where(
            or_(
                Initiative.last_activity_at >= since,
                Initiative.edited_at >= since,
                Initiative.created_at >= since,
            )
        )
    return pagination.page(statement, Initiative.id, query.cursor, query.limit)


def initiative(initiative_id: int, viewer) -> Initiative | None:
    found = db.session.get(
        Initiative,
        initiative_id,
        options=[joinedload(Initiative.author), joinedload(Initiative.category), joinedload(Initiative.lab)],
    )
    if found is None or not permissions.can_view_initiative(viewer, found):
        return None
    return found


def comments(initiative: Initiative, viewer) -> list[Comment]:
    statement = (
        select(Comment)
        .where(Comment.initiative_id == initiative.id, Comment.deleted_at.is_(None))
        .options(joinedload(Comment.author))
        .order_by(Comment.id)
    )
    return [c for c in db.session.scalars(statement) if permissions.can_view_comment(viewer, c)]


def display_names(users: list[User | None]) -> dict[int, str]:
    ids = {user.id for user in users if user is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(Profile.user_id, Profile.display_name).where(Profile.user_id.in_(ids)))
    return {user_id: name for user_id, name in rows}


def person(user: User | None, names: dict[int, str]) -> s.Person | None:
    if user is None or not permissions.is_listed(user):
        return None
    return s.Person(
        username=user.username,
        display_name=names.get(user.id, user.username),
        url=_site(url_for("profiles.show", username=user.username)),
    )


def initiative_out(item: Initiative, names: dict[int, str]) -> s.InitiativeOut:
    licence, licence_url = v.LICENCES[item.licence]
    return s.InitiativeOut(
        id=item.id,
        url=_site(url_for("forum.show", initiative_id=item.id)),
        title=item.title,
        summary=item.summary,
        category=item.category.slug,
        category_name=item.category.name,
        country=item.country,
        sector=item.sector,
        sdgs=item.sdgs,
        stage=item.stage.value,
        tags=[tag.name for tag in item.tags],
        language=item.language,
        lab=item.lab.slug if item.lab else None,
        author=person(item.author, names),
        licence=licence,
        licence_url=licence_url,
        comment_count=item.comment_count,
        useful_count=item.useful_count,
        created_at=item.created_at,
        updated_at=updated_at(item),
    )


def updated_at(item: Initiative):
    return max(moment for moment in (item.created_at, item.edited_at, item.last_activity_at) if moment)


def initiative_detail(item: Initiative, viewer) -> s.InitiativeDetail:
    found = comments(item, viewer)
    names = display_names([item.author, *(c.author for c in found)])
    summary = initiative_out(item, names)
    return s.InitiativeDetail(
        **summary.model_dump(),
        body=item.body,
        body_html=str(item.html("body")),
        outcomes=item.outcomes,
        outcomes_html=str(item.html("outcomes")),
        links=item.link_list,
        comments=[comment_out(c, names) for c in found],
    )


def comment_out(comment: Comment, names: dict[int, str]) -> s.CommentOut:
    return s.CommentOut(
        id=comment.id,
        parent_id=comment.parent_id,
        author=person(comment.author, names),
        body=comment.body,
        body_html=str(comment.html("body")),
        language=comment.language,
        created_at=comment.created_at,
        edited_at=comment.edited_at,
    )


def labs(query: s.ListQuery) -> tuple[list[Lab], str | None]:
    statement = select(Lab).where(Lab.status != LabStatus.PROPOSED).options(selectinload(Lab.countries))
    if query.updated_since is not None:
        statement = statement.where(Lab.latest_activity_at >= query.updated_since)
    return pagination.page(statement, Lab.id, query.cursor, query.limit)


def lab(slug: str) -> Lab | None:
    found = db.session.scalar(select(Lab).where(Lab.slug == slug[:60]).options(selectinload(Lab.countries)))
    if found is None or not permissions.can_view_lab(Visitor(), found):
        return None
    return found


def lab_out(item: Lab) -> s.LabOut:
    return s.LabOut(
        slug=item.slug,
        url=_site(url_for("labs.show", slug=item.slug)),
        name=item.name,
        theme=item.theme.value,
        short_description=item.short_description,
        description=item.description,
        region=item.region,
        countries=item.country_codes,
        status=item.status.value,
        join_policy=item.join_policy.value,
        created_at=item.created_at,
        updated_at=item.latest_activity_at,
    )


def _profiles():
    return (
        select(Profile)
        .join(Profile.user)
        .where(User.is_listed)
        .options(
            joinedload(Profile.user),
            selectinload(Profile.expertise),
            selectinload(Profile.languages),
            selectinload(Profile.tags),
        )
    )


def members(query: s.MemberQuery) -> tuple[list[Profile], str | None]:
    statement = _profiles()
    if query.country:
        statement = statement.where(Profile.country == query.country.upper())
    if query.updated_since is not None:
        statement = statement.where(Profile.updated_at >= query.updated_since)
    return pagination.page(statement, Profile.user_id, query.cursor, query.limit)


def member(username: str) -> Profile | None:
    return db.session.scalar(_profiles().where(User.username_key == username.casefold()[:30]))


def member_out(profile: Profile) -> s.MemberOut:
    """A visitor's view of the profile, never more, whoever holds the token."""
    user = profile.user
    full = permissions.can_see_full_profile(Visitor(), profile)
    details = {}
    if full:
        details = {
            "job_title": profile.job_title,
            "organization": profile.organization,
            "bio": profile.bio,
            "expertise": profile.expertise_codes,
            "languages": profile.language_codes,
            "tags": profile.tag_names,
        }
    return s.MemberOut(
        username=user.username,
        url=_site(url_for("profiles.show", username=user.username)),
        display_name=profile.display_name,
        headline=profile.headline,
        country=profile.country,
        full_profile=full,
        joined_at=user.created_at,
        **details,
    )
