"""What the lab pages read: a fixed number of queries per page, whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import aliased, contains_eager, joinedload, selectinload

from community.auth.models import User
from community.extensions import db
from community.labs.models import (
    Lab,
    LabCountry,
    LabMembership,
    LabResource,
    LabRole,
    LabStatus,
    LabTheme,
    MembershipState,
)

LABS_PER_PAGE = 24
MEMBERS_SHOWN = 30
RESOURCES_SHOWN = 100
REQUESTS_SHOWN = 50
_LISTED = (User.is_listed,)


def lab_by_slug(slug: str) -> Lab | None:
    """The lab at /labs/<slug> whatever its status, or None: the one lookup (callers ask the rules)."""
    return db.session.scalar(
        select(Lab)
        .where(Lab.slug == slug[:60])
        .options(joinedload(Lab.countries), joinedload(Lab.proposed_by))
    )


def membership_of(user, lab: Lab) -> LabMembership | None:
    """The member's membership of the lab in any state, or None (for a visitor too): the one lookup."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(LabMembership).where(LabMembership.lab_id == lab.id, LabMembership.user_id == user.id)
    )


def _active_labs():
    return select(Lab).where(Lab.status == LabStatus.ACTIVE)


def directory(theme: LabTheme | None, country: str | None, page: int) -> Pagination:
    """Active labs, most recently active first, with their countries."""
    stmt = _active_labs().options(selectinload(Lab.countries))
    if theme:
        stmt = stmt.where(Lab.theme == theme)
    if country:
        stmt = stmt.where(Lab.countries.any(LabCountry.code == country))
    stmt = stmt.order_by(Lab.latest_activity_at.desc(), Lab.id)
    return db.paginate(stmt, page=page, per_page=LABS_PER_PAGE, error_out=False)


def member_counts(labs: list[Lab]) -> dict[int, int]:
    """Active members per lab, in one query."""
    if not labs:
        return {}
    rows = db.session.execute(
        select(LabMembership.lab_id, func.count(LabMembership.id))
        .where(
            LabMembership.lab_id.in_([lab.id for lab in labs]), LabMembership.state == MembershipState.ACTIVE
        )
        .group_by(LabMembership.lab_id)
    )
    return {lab_id: count for lab_id, count in rows}


def active_labs_with_counts(limit: int) -> list[tuple[Lab, int]]:
    """The most recently active labs with their number of active members, in one query."""
    members = (
        select(func.count(LabMembership.id))
        .where(LabMembership.lab_id == Lab.id, LabMembership.state == MembershipState.ACTIVE)
        .correlate(Lab)
        .scalar_subquery()
    )
    stmt = _active_labs().add_columns(members).order_by(Lab.latest_activity_at.desc(), Lab.id).limit(limit)
    return [(lab, count) for lab, count in db.session.execute(stmt)]


def labs_joined(user: User) -> list[LabMembership]:
    """The member's active memberships of active labs, with their labs, by lab name."""
    stmt = (
        select(LabMembership)
        .join(LabMembership.lab)
        .options(contains_eager(LabMembership.lab))
        .where(
            LabMembership.user_id == user.id,
            LabMembership.state == MembershipState.ACTIVE,
            Lab.status == LabStatus.ACTIVE,
        )
        .order_by(Lab.name_key)
    )
    return list(db.session.scalars(stmt))


def member_filter_options(wanted: str) -> list[tuple[str, str]]:
    """(slug, name) of the active labs, and of ``wanted`` when it is archived: the directory's lab filter."""
    stmt = select(Lab.slug, Lab.name).where(
        (Lab.status == LabStatus.ACTIVE) | ((Lab.status == LabStatus.ARCHIVED) & (Lab.slug == wanted))
    )
    return [(slug, name) for slug, name in db.session.execute(stmt.order_by(Lab.name_key))]


def member_ids(slug: str):
    """The SELECT of the ids of the lab's active members (leads included)."""
    return (
        select(LabMembership.user_id)
        .join(LabMembership.lab)
        .where(Lab.slug == slug, LabMembership.state == MembershipState.ACTIVE)
    )


def directory_countries() -> list[str]:
    """The countries that active labs work in, for the filter."""
    return list(
        db.session.scalars(select(LabCountry.code).join(Lab).where(Lab.status == LabStatus.ACTIVE).distinct())
    )


@dataclass
class LabPage:
    leads: list[LabMembership]
    members: list[LabMembership]
    member_count: int
    resources: list[LabResource]
    requests: list[LabMembership] = field(default_factory=list)


def _people(lab: Lab, state: MembershipState, role: LabRole | None = None):
    """Memberships whose members the rest of the site lists (confirmed, not banned)."""
    stmt = (
        select(LabMembership)
        .join(LabMembership.user)
        .options(joinedload(LabMembership.user))
        .where(LabMembership.lab_id == lab.id, LabMembership.state == state, *_LISTED)
    )
    return stmt.where(LabMembership.role == role) if role else stmt


def labs_led_alone(user: User) -> list[Lab]:
    """Active labs where ``user`` is the only active lead."""
    other = aliased(LabMembership)
    other_leads = (
        select(other.id)
        .where(
            other.lab_id == Lab.id,
            other.role == LabRole.LEAD,
            other.state == MembershipState.ACTIVE,
            other.user_id != user.id,
        )
        .correlate(Lab)
        .exists()
    )
    return list(
        db.session.scalars(
            select(Lab)
            .join(LabMembership, LabMembership.lab_id == Lab.id)
            .where(
                LabMembership.user_id == user.id,
                LabMembership.role == LabRole.LEAD,
                LabMembership.state == MembershipState.ACTIVE,
                Lab.status == LabStatus.ACTIVE,
                ~other_leads,
            )
        )
    )


def leads(lab: Lab) -> list[LabMembership]:
    return list(
        db.session.scalars(_people(lab, MembershipState.ACTIVE, LabRole.LEAD).order_by(User.username))
    )


def _active_people(lab: Lab) -> tuple[list[LabMembership], list[LabMembership], int]:
    """Leads and newest members (up to MEMBERS_SHOWN of each role) and how many there are: one query."""
    newest_first = (LabMembership.created_at.desc(), LabMembership.id.desc())
    ranked = (
        select(
            LabMembership.id,
            func.row_number().over(partition_by=LabMembership.role, order_by=newest_first).label("rank"),
            func.count().over().label("total"),
        )
        .join(LabMembership.user)
        .where(LabMembership.lab_id == lab.id, LabMembership.state == MembershipState.ACTIVE, *_LISTED)
        .subquery()
    )
    rows = db.session.execute(
        select(LabMembership, ranked.c.total)
        .join(ranked, ranked.c.id == LabMembership.id)
        .where(ranked.c.rank <= MEMBERS_SHOWN)
        .options(joinedload(LabMembership.user))
        .order_by(*newest_first)
    ).all()
    people = [membership for membership, _total in rows]
    leads = sorted((m for m in people if m.role == LabRole.LEAD), key=lambda m: m.user.username)
    members = [m for m in people if m.role == LabRole.MEMBER]
    return leads, members, rows[0].total if rows else 0


def lab_page(lab: Lab, with_requests: bool) -> LabPage:
    """Everything the lab page shows besides the lab itself."""
    leads, members, member_count = _active_people(lab)
    page = LabPage(
        leads=leads,
        members=members,
        member_count=member_count,
        resources=resources(lab),
    )
    if with_requests:
        page.requests = requests(lab)
    return page


def requests(lab: Lab) -> list[LabMembership]:
    """Pending requests to join, oldest first."""
    stmt = _people(lab, MembershipState.PENDING).order_by(LabMembership.created_at, LabMembership.id)
    return list(db.session.scalars(stmt.limit(REQUESTS_SHOWN)))


def memberships(lab: Lab) -> list[LabMembership]:
    """Every active member, leads first, for the leads' people page."""
    stmt = _people(lab, MembershipState.ACTIVE).order_by(
        LabMembership.role, User.username
    )  # "lead" sorts before "member"
    return list(db.session.scalars(stmt))


def resources(lab: Lab) -> list[LabResource]:
    stmt = select(LabResource).where(LabResource.lab_id == lab.id)
    return list(db.session.scalars(stmt.order_by(LabResource.created_at.desc()).limit(RESOURCES_SHOWN)))


def proposals() -> list[Lab]:
    """Labs waiting for a moderator, oldest first."""
    stmt = (
        select(Lab)
        .where(Lab.status == LabStatus.PROPOSED)
        .options(selectinload(Lab.countries), joinedload(Lab.proposed_by))
        .order_by(Lab.created_at, Lab.id)
    )
    return list(db.session.scalars(stmt))


def membership_in(lab: Lab, membership_id: int) -> LabMembership:
    """A membership of this lab, or 404 (an id from another lab is not found here)."""
    return db.first_or_404(
        select(LabMembership).where(LabMembership.id == membership_id, LabMembership.lab_id == lab.id)
    )


def resource_in(lab: Lab, resource_id: int) -> LabResource:
    return db.first_or_404(
        select(LabResource).where(LabResource.id == resource_id, LabResource.lab_id == lab.id)
    )
