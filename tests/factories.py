"""Build rows for tests (inside an app context) through the services."""

import itertools

from sqlalchemy import select

from community.auth import services as auth_services
from community.auth.identity import username_key
from community.auth.models import Role, User
from community.extensions import db
from community.labs import services as lab_services
from community.labs.models import JoinPolicy, Lab, LabMembership, LabRole, LabTheme, MembershipState

DEFAULT_PASSWORD = "correct-horse-battery-staple"
_counter = itertools.count(1)


def make_user(
    username: str | None = None,
    email: str | None = None,
    role: Role = Role.MEMBER,
    confirmed: bool = True,
    password: str = DEFAULT_PASSWORD,
) -> User:
    number = next(_counter)
    username = username or f"agent{number}"
    email = email or f"{username}@agency{number}.gov.example"
    return auth_services.create_account(email, username, password, role, confirmed)


def get_user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username_key == username_key(username)))


def make_profile(user: User | None = None, **fields):
    """A member with a filled-in profile; ``fields`` are those of ProfileChanges."""
    from community.profiles.services import ProfileChanges, update_profile

    user = user or make_user()
    fields.setdefault("display_name", user.username)
    return update_profile(user, ProfileChanges(**fields))


AGRICULTURE = "agriculture"  # the lab the migrations create


def get_lab(slug: str = AGRICULTURE) -> Lab:
    return db.session.scalar(select(Lab).where(Lab.slug == slug))


def make_lab(
    name: str | None = None,
    lead: User | None = None,
    theme: LabTheme = LabTheme.SERVICE_DESIGN,
    countries: tuple[str, ...] = (),
    join_policy: JoinPolicy = JoinPolicy.OPEN,
    approve: bool = True,
) -> Lab:
    """A lab proposed by ``lead`` (a new member by default) and, unless told otherwise, approved."""
    number = next(_counter)
    lead = lead or make_user()
    details = lab_services.LabDetails(
        name=name or f"Lab number {number}",
        theme=theme,
        short_description=f"Short description of lab {number}.",
        description=f"## Lab {number}\n\nWhat it does.",
        region="Caribbean",
        countries=list(countries),
        join_policy=join_policy,
    )
    lab = lab_services.propose_lab(lead, details)
    if approve:
        lab_services.approve_lab(make_user(role=Role.MODERATOR), lab)
    return lab


def add_member(
    lab: Lab, user: User | None = None, role: LabRole = LabRole.MEMBER, pending: bool = False
) -> LabMembership:
    """Put a member in a lab directly (the arrangement of a test, not a use case under test)."""
    membership = LabMembership(
        lab=lab,
        user=user or make_user(),
        role=role,
        state=MembershipState.PENDING if pending else MembershipState.ACTIVE,
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def initiative_data(**fields):
    """Valid fields of an initiative, with ``fields`` changed."""
    from community.forum.forms import InitiativeData
    from community.forum.queries import category_by_slug
    from community.forum.vocabulary import Licence, Stage

    values = {
        "title": f"Initiative {next(_counter)}",
        "summary": "A short summary of the case.",
        "body": "What we did, and **why**.",
        "category_id": category_by_slug(fields.pop("category", "digital-identity")).id,
        "country": "LC",
        "sector": "public-administration",
        "stage": Stage.PILOT,
        "language": "en",
        "licence": Licence.CC_BY,
    }
    values.update(fields)
    return InitiativeData(**values)


def make_initiative(author: User | None = None, files=(), **fields):
    """Share an initiative through the service (its author is a new member unless given)."""
    from community.forum import services

    author = author or make_user()
    return services.create_initiative(author, initiative_data(**fields), files)


def make_comment(initiative, author: User | None = None, body: str | None = None, parent=None):
    from community.forum import services

    author = author or make_user()
    return services.add_comment(author, initiative, body or f"Comment {next(_counter)}", parent=parent)
