"""A member's home: watches and what they send, visits and reading, getting started.

Watchers hear of new posts through the forum's announce hook, after the forum's own notifications,
so nobody is told twice of one comment.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from community import countries, permissions
from community.auth.models import User
from community.extensions import db
from community.forum import services as forum_services
from community.forum.models import Category, Comment, Follow, Initiative, Tag
from community.home.errors import HomeError
from community.home.models import HomeState, InitiativeVisit, Watch, WatchKind, WatchLevel
from community.labs.models import Lab
from community.notifications.models import Notification
from community.notifications.services import notify, register_kind
from community.profiles.models import Profile
from community.utils import utcnow

register_kind("watched-initiative", _l("%(actor)s shared “%(subject)s” in something you watch."))
register_kind("watched-comment", _l("%(actor)s commented on “%(subject)s”, which you watch."))
VISIT_GAP = timedelta(minutes=30)
STEPS = ("profile", "labs", "watch")


def watch_key(kind: WatchKind, value: str) -> str:
    """The stored key of a watch target, or HomeError when there is no such lab, category, tag or country."""
    value = (value or "").strip()
    if kind == WatchKind.INITIATIVE:  # muted on the initiative's own page (mute_initiative)
        raise HomeError(_("There is nothing to watch under this name."))
    if kind == WatchKind.COUNTRY:
        if value.upper() not in countries.names():
            raise HomeError(_("There is no such country."))
        return value.upper()
    model, column = {
        WatchKind.LAB: (Lab, Lab.slug),
        WatchKind.CATEGORY: (Category, Category.slug),
        WatchKind.TAG: (Tag, Tag.name),
    }[kind]
    found = db.session.scalar(
        select(model).where(column == value.lower() if kind == WatchKind.TAG else column == value)
    )
    if found is None or (isinstance(found, Lab) and found.is_proposed):
        raise HomeError(_("There is nothing to watch under this name."))
    return str(found.id)  # type: ignore[attr-defined]


def set_watch(user: User, kind: WatchKind, value: str, level: WatchLevel | None) -> None:
    """Watch, track or mute a lab, category, tag or country; ``None`` stops watching it."""
    if not permissions.can_watch(user):
        raise HomeError(_("Confirm your e-mail address first."))
    _set_watch(user, kind, watch_key(kind, value), level)
    db.session.commit()


def _set_watch(user: User, kind: WatchKind, key: str, level: WatchLevel | None) -> None:
    existing = db.session.scalar(
        select(Watch).where(Watch.user_id == user.id, Watch.kind == kind, Watch.key == key)
    )
    if level is None:
        if existing is not None:
            db.session.delete(existing)
    elif existing is None:
        db.session.add(Watch(user_id=user.id, kind=kind, key=key, level=level))
    else:
        existing.level = level


def mute_initiative(user: User, initiative: Initiative, muted: bool) -> None:
    """Hear no more of one initiative: it is unfollowed, and the watches of its lab, category, tags and
    country stay silent for it (replies and mentions addressed to the member still reach them). Unmuting
    lets the watches speak again; following it again is the member's own choice."""
    if not permissions.can_mute_initiative(user, initiative):
        raise HomeError(_("Confirm your e-mail address first."))
    _set_watch(user, WatchKind.INITIATIVE, str(initiative.id), WatchLevel.MUTED if muted else None)
    if muted:
        db.session.execute(
            delete(Follow).where(Follow.user_id == user.id, Follow.initiative_id == initiative.id)
        )
    db.session.commit()


def _targets(initiative: Initiative) -> list[tuple[WatchKind, str]]:
    targets = [(WatchKind.CATEGORY, str(initiative.category_id)), (WatchKind.COUNTRY, initiative.country)]
    targets.append((WatchKind.INITIATIVE, str(initiative.id)))
    if initiative.lab_id is not None:
        targets.append((WatchKind.LAB, str(initiative.lab_id)))
    targets += [(WatchKind.TAG, str(tag.id)) for tag in initiative.tags]
    return targets


def watchers(initiative: Initiative, levels: tuple[WatchLevel, ...]) -> list[User]:
    """Members watching what the initiative is in at one of ``levels``, none of whom muted any of it."""
    matches = or_(*[(Watch.kind == kind) & (Watch.key == key) for kind, key in _targets(initiative)])
    rows = db.session.execute(select(Watch.user_id, Watch.level).where(matches)).all()
    muted = {user_id for user_id, level in rows if level == WatchLevel.MUTED}
    wanted = {user_id for user_id, level in rows if level in levels} - muted
    if not wanted:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(wanted), User.is_listed)))


def _announce_to_watchers(post) -> None:
    """Tell watchers of a new visible initiative or comment (the forum's announce hook; no commit)."""
    if isinstance(post, Comment):
        levels: tuple[WatchLevel, ...] = (WatchLevel.WATCHING,)
        initiative, kind = post.initiative, "watched-comment"
        url = forum_services.initiative_path(initiative.id, f"comment-{post.id}")
    else:
        initiative, kind = post, "watched-initiative"
        levels = (WatchLevel.WATCHING, WatchLevel.TRACKING)
        url = forum_services.initiative_path(initiative.id)
    told = {n.user_id for n in db.session.new if isinstance(n, Notification) and n.url == url}
    for user in watchers(initiative, levels):
        if user.id not in told and permissions.can_view_initiative(user, initiative):
            notify(user, kind, initiative.title, url, actor=post.author)


forum_services.register_announce_hook(_announce_to_watchers)


def state_of(user: User) -> HomeState:
    """The member's home state, made on first use (no commit)."""
    state = db.session.get(HomeState, user.id)
    if state is None:
        state = HomeState(user_id=user.id)
        db.session.add(state)
        db.session.flush()
    return state


def first_sign_in(user: User) -> bool:
    """Record a sign-in; True the first time the member signs in."""
    first = db.session.get(HomeState, user.id) is None
    state_of(user)
    db.session.commit()
    return first


def record_visit(user: User) -> HomeState:
    """A dashboard view: what is "new" is what came after the previous visit (visits are 30 minutes apart)."""
    state = state_of(user)
    now = utcnow()
    if state.last_visit_at is None or now - state.last_visit_at > VISIT_GAP:
        state.previous_visit_at = state.last_visit_at
    state.last_visit_at = now
    db.session.commit()
    return state


def mark_initiative_seen(user: User, initiative_id: int) -> None:
    """The member read the initiative: it is no longer new or unread, nor are its notifications."""
    now = utcnow()
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(InitiativeVisit).values(user_id=user.id, initiative_id=initiative_id, seen_at=now)
    db.session.execute(
        upsert.on_conflict_do_update(index_elements=["user_id", "initiative_id"], set_={"seen_at": now})
    )  # one statement, whether or not the member read it before
    path = forum_services.initiative_path(initiative_id)
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .where(or_(Notification.url == path, Notification.url.like(path + "#%")))
        .values(read_at=utcnow())
    )
    db.session.commit()


def save_profile_step(
    user: User, display_name: str, job_title: str, organization: str, country: str | None
) -> None:
    """Getting started, step one: who the member is."""
    profile = db.session.get_one(Profile, user.id)  # every account has its profile
    profile.display_name = display_name.strip()
    profile.job_title, profile.organization = job_title.strip(), organization.strip()
    profile.country = country or None
    state_of(user).onboarding_step = "labs"
    db.session.commit()


def save_labs_step(user: User, labs: list[Lab]) -> None:
    """Step two: the member joins labs (open ones at once, the others by request) and watches them."""
    from community.labs.services import LabError, join_lab

    for lab in labs:
        # The labs' own use case, committed on its own; already a member, or a closed lab: watched anyway.
        with contextlib.suppress(LabError):
            join_lab(user, lab)
        _set_watch(user, WatchKind.LAB, str(lab.id), WatchLevel.WATCHING)
    state_of(user).onboarding_step = "watch"
    db.session.commit()


def save_watch_step(user: User, categories: list[str], countries: list[str], tags: list[str]) -> None:
    """Step three: categories, countries and tags to watch (new initiatives); getting started is done."""
    wanted = [(WatchKind.CATEGORY, c) for c in categories] + [(WatchKind.COUNTRY, c) for c in countries]
    wanted += [(WatchKind.TAG, t) for t in tags]
    keys = [(kind, watch_key(kind, value)) for kind, value in wanted]  # refuses before storing anything
    for kind, key in keys:
        _set_watch(user, kind, key, WatchLevel.TRACKING)
    state = state_of(user)
    state.onboarding_done_at = utcnow()
    db.session.commit()


def skip_onboarding(user: User) -> None:
    state_of(user).onboarding_skipped_at = utcnow()
    db.session.commit()
