"""What the dashboard shows: new and unread initiatives in what the member follows, their labs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from community.auth.models import User
from community.extensions import db
from community.forum.models import Category, Comment, Follow, Initiative, Tag, initiative_tags
from community.forum.queries import visible_to
from community.home.models import InitiativeVisit, Watch, WatchKind, WatchLevel
from community.labs.models import Lab, LabMembership, MembershipState
from community.utils import utcnow

NEW_WINDOW = timedelta(days=30)  # a first visit shows what is new in the last month
LIMIT = 10

# Other features add panels to the dashboard. Upcoming events (community/events/dashboard.py): a function
# ``load(user) -> dict | None`` with ``register_upcoming_events``; its template receives the dict.
UPCOMING_EVENTS: list[tuple[str, object]] = []


def register_upcoming_events(template: str, load) -> None:
    """The events feature's hook: its panel of the events the member registered for."""
    UPCOMING_EVENTS.append((template, load))


def upcoming_events(user: User) -> list[tuple[str, dict]]:
    panels = [(template, load(user)) for template, load in UPCOMING_EVENTS]
    return [(template, context) for template, context in panels if context]


@dataclass
class Dashboard:
    new: list[Initiative] = field(default_factory=list)
    unread: list[tuple[Initiative, int]] = field(default_factory=list)
    labs: list[tuple[Lab, int]] = field(default_factory=list)
    watches: list[Watch] = field(default_factory=list)


def _watched_condition(user: User):
    """In a lab, category, tag or country the member watches or tracks, or in one of their labs."""
    all_rows = db.session.execute(
        select(Watch.kind, Watch.key, Watch.level).where(Watch.user_id == user.id)
    ).all()
    rows = [(kind, key) for kind, key, level in all_rows if level != WatchLevel.MUTED]
    keys: dict[WatchKind, list[str]] = {}
    for kind, key in rows:
        keys.setdefault(kind, []).append(key)
    my_labs = select(LabMembership.lab_id).where(
        LabMembership.user_id == user.id, LabMembership.state == MembershipState.ACTIVE
    )
    conditions = [Initiative.lab_id.in_(my_labs)]
    ids = lambda kind: [int(key) for key in keys.get(kind, []) if key.isdigit()]  # noqa: E731
    if keys.get(WatchKind.LAB):
        conditions.append(Initiative.lab_id.in_(ids(WatchKind.LAB)))
    if keys.get(WatchKind.CATEGORY):
        conditions.append(Initiative.category_id.in_(ids(WatchKind.CATEGORY)))
    if keys.get(WatchKind.COUNTRY):
        conditions.append(Initiative.country.in_(keys[WatchKind.COUNTRY]))
    if keys.get(WatchKind.TAG):
        tagged = select(initiative_tags.c.initiative_id).where(
            initiative_tags.c.tag_id.in_(ids(WatchKind.TAG))
        )
        conditions.append(Initiative.id.in_(tagged))
    muted_labs = [
        int(key) for kind, key, level in all_rows if kind == WatchKind.LAB and level == WatchLevel.MUTED
    ]
    condition = or_(*conditions)
    if muted_labs:
        condition = and_(condition, Initiative.lab_id.is_(None) | Initiative.lab_id.not_in(muted_labs))
    muted_initiatives = [int(key) for kind, key, _level in all_rows if kind == WatchKind.INITIATIVE]
    if muted_initiatives:
        condition = and_(condition, Initiative.id.not_in(muted_initiatives))
    return condition


def new_initiatives(user: User, since: datetime | None) -> list[Initiative]:
    """Shared since the previous visit in what the member follows, by others, and not opened yet."""
    since = since or utcnow() - NEW_WINDOW
    condition = _watched_condition(user)
    seen = select(InitiativeVisit.initiative_id).where(InitiativeVisit.user_id == user.id)
    statement = (
        visible_to(select(Initiative), user)
        .where(condition, Initiative.created_at >= since, Initiative.id.not_in(seen))
        .where(or_(Initiative.author_id.is_(None), Initiative.author_id != user.id))
        .options(joinedload(Initiative.category), joinedload(Initiative.lab), selectinload(Initiative.author))
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
        .limit(LIMIT)
    )
    return list(db.session.scalars(statement))


def unread_initiatives(user: User) -> list[tuple[Initiative, int]]:
    """Followed initiatives with comments by others since the member last opened them, and how many."""
    visit = InitiativeVisit
    unread = func.count(Comment.id)
    statement = (
        select(Initiative, unread)
        .join(Follow, and_(Follow.initiative_id == Initiative.id, Follow.user_id == user.id))
        .outerjoin(visit, and_(visit.initiative_id == Initiative.id, visit.user_id == user.id))
        .join(Comment, Comment.initiative_id == Initiative.id)
        .where(Comment.created_at > func.coalesce(visit.seen_at, Follow.created_at))
        .where(Comment.is_hidden.is_(False), Comment.deleted_at.is_(None))
        .where(or_(Comment.author_id.is_(None), Comment.author_id != user.id))
        .where(Initiative.is_hidden.is_(False))
        .group_by(Initiative.id)
        .order_by(func.max(Comment.created_at).desc())
        .limit(LIMIT)
    )
    return [(initiative, count) for initiative, count in db.session.execute(statement).all()]


def my_labs(user: User, since: datetime | None) -> list[tuple[Lab, int]]:
    """The member's labs, each with how many initiatives it got since the previous visit."""
    since = since or utcnow() - NEW_WINDOW
    fresh = (
        select(func.count(Initiative.id))
        .where(Initiative.lab_id == Lab.id, Initiative.created_at >= since, Initiative.is_hidden.is_(False))
        .scalar_subquery()
    )
    statement = (
        select(Lab, fresh)
        .join(LabMembership, LabMembership.lab_id == Lab.id)
        .where(LabMembership.user_id == user.id, LabMembership.state == MembershipState.ACTIVE)
        .order_by(Lab.latest_activity_at.desc())
    )
    return [(lab, count) for lab, count in db.session.execute(statement).all()]


def watches_of(user: User) -> list[tuple[Watch, str, str]]:
    """The member's watches, each with the name of what is watched and the value its URL takes."""
    from community.countries import country_name

    watches = list(
        db.session.scalars(
            select(Watch)
            .where(Watch.user_id == user.id, Watch.kind != WatchKind.INITIATIVE)  # muted cases: on their page
            .order_by(Watch.kind, Watch.id)
        )
    )
    names: dict[tuple[WatchKind, str], tuple[str, str]] = {}
    for kind, model, label, value in (
        (WatchKind.LAB, Lab, Lab.name, Lab.slug),
        (WatchKind.CATEGORY, Category, Category.name, Category.slug),
        (WatchKind.TAG, Tag, Tag.name, Tag.name),
    ):
        ids = [int(w.key) for w in watches if w.kind == kind]
        if ids:
            for row_id, name, url_value in db.session.execute(
                select(model.id, label, value).where(model.id.in_(ids))
            ):
                names[(kind, str(row_id))] = (name, url_value)
    for w in watches:
        if w.kind == WatchKind.COUNTRY:
            names[(w.kind, w.key)] = (country_name(w.key), w.key)
    return [(w, *names.get((w.kind, w.key), (w.key, w.key))) for w in watches]


def dashboard(user: User, since: datetime | None) -> Dashboard:
    return Dashboard(
        new=new_initiatives(user, since), unread=unread_initiatives(user), labs=my_labs(user, since)
    )


def active_labs() -> list[Lab]:
    from community.labs.models import LabStatus

    return list(db.session.scalars(select(Lab).where(Lab.status == LabStatus.ACTIVE).order_by(Lab.name)))


def bookmarks_of(user: User, limit: int | None = None) -> list:
    """The member's bookmarks, the due reminders first, with their initiatives and comments."""
    from community.home.models import Bookmark

    statement = (
        select(Bookmark)
        .where(Bookmark.user_id == user.id)
        .options(joinedload(Bookmark.initiative), joinedload(Bookmark.comment))
        .order_by(Bookmark.remind_on.is_(None), Bookmark.remind_on, Bookmark.created_at.desc())
    )
    return list(db.session.scalars(statement.limit(limit) if limit else statement))


def drafts_of(user: User) -> list:
    from community.home.models import Draft

    statement = (
        select(Draft)
        .where(Draft.user_id == user.id)
        .options(joinedload(Draft.initiative))
        .order_by(Draft.updated_at.desc())
    )
    return list(db.session.scalars(statement))


def watch_level(user: User, kind: str, value: str) -> WatchLevel | None:
    """The member's level on a lab, category or tag named by its slug or name (one query)."""
    targets = {"lab": (Lab, Lab.slug), "category": (Category, Category.slug), "tag": (Tag, Tag.name)}
    if kind not in targets:
        return None
    model, column = targets[kind]
    key = select(func.cast(model.id, Watch.key.type)).where(column == value).scalar_subquery()
    statement = select(Watch.level).where(
        Watch.user_id == user.id, Watch.kind == WatchKind(kind), Watch.key == key
    )
    return db.session.scalar(statement)


def is_muted(user: User, initiative: Initiative) -> bool:
    """Whether the member muted this initiative (home.services.mute_initiative)."""
    return (
        db.session.scalar(
            select(Watch.id).where(
                Watch.user_id == user.id, Watch.kind == WatchKind.INITIATIVE, Watch.key == str(initiative.id)
            )
        )
        is not None
    )
