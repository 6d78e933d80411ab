"""What the forum's pages, feeds and exports read: lists with filters, one initiative, a member's data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from flask import current_app
from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import defer, joinedload, selectinload

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum import vocabulary as v
from community.forum.models import (
    Category,
    Comment,
    Follow,
    Initiative,
    InitiativeGoal,
    Reaction,
    Revision,
    Tag,
)
from community.labs.models import Lab, LabMembership, LabStatus, MembershipState
from community.urls import absolute_url
from community.utils import utc_iso

ORDERS = {
    "activity": (Initiative.last_activity_at.desc(), Initiative.id.desc()),
    "newest": (Initiative.created_at.desc(), Initiative.id.desc()),
    "useful": (Initiative.useful_count.desc(), Initiative.last_activity_at.desc(), Initiative.id.desc()),
}


# A list shows titles and summaries: the long texts stay in the database (and reading one would raise).
LIST_DEFERRED = tuple(
    defer(column, raiseload=True)
    for column in (Initiative.body, Initiative.body_html, Initiative.outcomes, Initiative.outcomes_html)
)


@dataclass
class Filters:
    """A list's filters, as they appear in its URL."""

    category: str | None = None
    tag: str | None = None
    country: str | None = None
    sector: str | None = None
    sdg: int | None = None
    stage: str | None = None
    language: str | None = None
    lab: str | None = None
    seeking: str | None = None
    sort: str = "activity"

    @classmethod
    def from_values(cls, values: dict) -> Filters:
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in values.items() if key in known and value}
        if "sdg" in data:
            data["sdg"] = int(data["sdg"])
        return cls(**data)

    def args(self, without: tuple[str, ...] = ()) -> dict:
        """The filters as query-string arguments (the defaults left out)."""
        values = {key: value for key, value in asdict(self).items() if value and key not in without}
        if values.get("sort") == "activity":
            del values["sort"]
        return values


# Other features narrow the lists by the "seeking" filter: value -> the ids' subquery (funding adds its own).
SEEKING: dict = {}


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.name)))


def category_by_slug(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def visible_to(statement, viewer):
    """Hidden initiatives are left out, except for moderators and for their own author."""
    if viewer is not None and permissions.is_moderator(viewer):
        return statement
    if viewer is not None and viewer.is_authenticated:
        return statement.where(or_(Initiative.is_hidden.is_(False), Initiative.author_id == viewer.id))
    return statement.where(Initiative.is_hidden.is_(False))


def list_audience(viewer) -> str:
    """Who a list is made for: all alike, except moderators and authors of hidden posts, who see more."""
    if viewer is not None and permissions.is_moderator(viewer):
        return "moderators"
    if viewer is not None and viewer.is_authenticated:
        own_hidden = select(Initiative.id).where(
            Initiative.is_hidden.is_(True), Initiative.author_id == viewer.id
        )
        if db.session.scalar(own_hidden.limit(1)) is not None:
            return f"author-{viewer.id}"
    return "everyone"


def list_statement(filters: Filters, viewer=None):
    statement = select(Initiative)
    if filters.category:
        statement = statement.join(Category).where(Category.slug == filters.category)
    if filters.tag:
        statement = statement.where(Initiative.tags.any(Tag.name == filters.tag))
    for name in ("country", "sector", "stage", "language"):
        value = getattr(filters, name)
        if value:
            statement = statement.where(getattr(Initiative, name) == value)
    if filters.lab:
        lab_id = select(Lab.id).where(Lab.slug == filters.lab).scalar_subquery()
        statement = statement.where(Initiative.lab_id == lab_id)
    if filters.sdg:
        goal = select(InitiativeGoal.initiative_id).where(InitiativeGoal.sdg == filters.sdg)
        statement = statement.where(Initiative.id.in_(goal))
    if filters.seeking in SEEKING:
        statement = statement.where(Initiative.id.in_(SEEKING[filters.seeking]()))
    order = ORDERS.get(filters.sort, ORDERS["activity"])
    if filters.category:  # pinned initiatives head their category
        order = (Initiative.is_pinned.desc(), *order)
    return visible_to(statement, viewer).order_by(*order)


def page_of_initiatives(filters: Filters, viewer, page: int):
    statement = list_statement(filters, viewer).options(
        joinedload(Initiative.author),
        joinedload(Initiative.category),
        selectinload(Initiative.tags),
        joinedload(Initiative.lab),
        *LIST_DEFERRED,
    )
    per_page = current_app.config["FORUM_PAGE_SIZE"]
    return db.paginate(statement, page=page, per_page=per_page, max_per_page=per_page, error_out=False)


def latest_initiatives(filters: Filters | None = None, limit: int = 30) -> list[Initiative]:
    """Newest first, as the public sees them (feeds, home page), in one query."""
    filters = filters or Filters()
    filters.sort = "newest"
    statement = list_statement(filters).options(
        joinedload(Initiative.author), joinedload(Initiative.category)
    )
    return list(db.session.scalars(statement.limit(limit)))


def lab_filter_options(wanted: str) -> list[tuple[str, str]]:
    """(slug, name) of the labs a list can be filtered by: the active ones, and ``wanted`` if archived."""
    statement = select(Lab.slug, Lab.name).where(
        (Lab.status == LabStatus.ACTIVE) | ((Lab.status == LabStatus.ARCHIVED) & (Lab.slug == wanted[:60]))
    )
    return [(slug, name) for slug, name in db.session.execute(statement.order_by(Lab.name_key))]


def postable_labs(user) -> list[Lab]:
    """The active labs the member may post in: theirs, or every one for moderators; by name."""
    statement = select(Lab).where(Lab.status == LabStatus.ACTIVE).order_by(Lab.name_key)
    if not permissions.is_moderator(user):
        statement = statement.join(LabMembership, LabMembership.lab_id == Lab.id).where(
            LabMembership.user_id == user.id, LabMembership.state == MembershipState.ACTIVE
        )
    return list(db.session.scalars(statement))


def lab_initiatives(lab: Lab, limit: int = 10) -> list[Initiative]:
    """The lab's latest initiatives as everyone sees them (hidden ones left out), in one query."""
    statement = (
        visible_to(select(Initiative).where(Initiative.lab_id == lab.id), None)
        .options(joinedload(Initiative.author), joinedload(Initiative.category))
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
    )
    return list(db.session.scalars(statement.limit(limit)))


def initiative_for_page(initiative_id: int) -> Initiative | None:
    return db.session.scalar(
        select(Initiative)
        .where(Initiative.id == initiative_id)
        .options(
            joinedload(Initiative.author),
            joinedload(Initiative.category),
            selectinload(Initiative.tags),
            selectinload(Initiative.goals),
            selectinload(Initiative.attachments),
            joinedload(Initiative.lab),
        )
    )


def thread(initiative: Initiative) -> list[tuple[Comment, list[Comment]]]:
    """The comments, oldest first, each top-level one with its replies."""
    comments = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.initiative_id == initiative.id)
            .options(joinedload(Comment.author))
            .order_by(Comment.created_at, Comment.id)
        )
    )
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(comment, replies.get(comment.id, [])) for comment in comments if comment.parent_id is None]


def viewer_state(viewer, initiative: Initiative) -> dict:
    """What the viewer marked useful on this page and whether they follow it: two queries at most."""
    if not viewer.is_authenticated:
        return {"follows": False, "useful_initiative": False, "useful_comments": set()}
    marks = db.session.execute(
        select(Reaction.initiative_id, Reaction.comment_id)
        .outerjoin(Comment, Comment.id == Reaction.comment_id)
        .where(Reaction.user_id == viewer.id)
        .where(or_(Reaction.initiative_id == initiative.id, Comment.initiative_id == initiative.id))
    ).all()
    follows = db.session.get(Follow, (viewer.id, initiative.id)) is not None
    return {
        "follows": follows,
        "useful_initiative": any(initiative_id for initiative_id, _comment in marks),
        "useful_comments": {comment_id for _initiative, comment_id in marks if comment_id},
    }


def revisions(initiative: Initiative | None = None, comment: Comment | None = None) -> list[Revision]:
    target = Revision.initiative_id == initiative.id if initiative else Revision.comment_id == comment.id
    return list(
        db.session.scalars(
            select(Revision).where(target).options(selectinload(Revision.editor)).order_by(Revision.id.desc())
        )
    )


def export_rows(filters: Filters, viewer) -> list[dict]:
    """The list as open data: one plain dict per initiative."""
    statement = list_statement(filters, viewer).options(
        selectinload(Initiative.author),
        selectinload(Initiative.category),
        selectinload(Initiative.tags),
        selectinload(Initiative.goals),
        joinedload(Initiative.lab),
    )
    limit = current_app.config["EXPORT_MAX_ROWS"]
    return [_row(initiative) for initiative in db.session.scalars(statement.limit(limit))]


def _row(initiative: Initiative) -> dict:
    name, licence_url = v.LICENCES[initiative.licence]
    return {
        "id": initiative.id,
        "url": absolute_url("forum.show", initiative_id=initiative.id),
        "title": initiative.title,
        "summary": initiative.summary,
        "category": initiative.category.name,
        "country": initiative.country,
        "sector": initiative.sector,
        "sdgs": initiative.sdgs,
        "stage": initiative.stage.value,
        "tags": [tag.name for tag in initiative.tags],
        "language": initiative.language,
        "lab": initiative.lab.slug if initiative.lab else None,
        "author": initiative.author.username if initiative.author else None,
        "created_at": utc_iso(initiative.created_at),
        "last_activity_at": utc_iso(initiative.last_activity_at),
        "comment_count": initiative.comment_count,
        "useful_count": initiative.useful_count,
        "outcomes": initiative.outcomes,
        "links": initiative.link_list,
        "body": initiative.body,
        "licence": name,
        "licence_url": licence_url,
    }


def member_data(user: User) -> dict:
    """Everything the forum holds about a member, as plain JSON-able data (for their data export)."""

    initiatives = db.session.scalars(select(Initiative).where(Initiative.author_id == user.id))
    comments = db.session.scalars(select(Comment).where(Comment.author_id == user.id))
    reactions = db.session.scalars(select(Reaction).where(Reaction.user_id == user.id))
    follows = db.session.scalars(select(Follow).where(Follow.user_id == user.id))
    return {
        "initiatives": [
            {
                "id": i.id,
                "title": i.title,
                "summary": i.summary,
                "body": i.body,
                "outcomes": i.outcomes,
                "country": i.country,
                "sector": i.sector,
                "stage": i.stage.value,
                "language": i.language,
                "licence": i.licence.value,
                "links": i.link_list,
                "created_at": utc_iso(i.created_at),
                "edited_at": utc_iso(i.edited_at),
                "hidden": i.is_hidden,
            }
            for i in initiatives
        ],  # fmt: skip
        "comments": [
            {
                "id": c.id,
                "initiative_id": c.initiative_id,
                "parent_id": c.parent_id,
                "body": c.body,
                "language": c.language,
                "created_at": utc_iso(c.created_at),
                "edited_at": utc_iso(c.edited_at),
                "deleted_at": utc_iso(c.deleted_at),
                "hidden": c.is_hidden,
            }
            for c in comments
        ],  # fmt: skip
        "useful_marks": [
            {
                "initiative_id": r.initiative_id,
                "comment_id": r.comment_id,
                "created_at": utc_iso(r.created_at),
            }
            for r in reactions
        ],
        "follows": [{"initiative_id": f.initiative_id, "since": utc_iso(f.created_at)} for f in follows],
    }


def activity_counts(user_ids: list[int]) -> dict[int, int]:
    """Initiatives plus comments per member, in one indexed query (the directory's "most active")."""
    if not user_ids:
        return {}
    posts = union_all(
        select(Initiative.author_id.label("author_id")).where(Initiative.author_id.in_(user_ids)),
        select(Comment.author_id.label("author_id")).where(
            Comment.author_id.in_(user_ids), Comment.deleted_at.is_(None)
        ),
    ).subquery()
    rows = db.session.execute(select(posts.c.author_id, func.count()).group_by(posts.c.author_id))
    return {author_id: count for author_id, count in rows}
