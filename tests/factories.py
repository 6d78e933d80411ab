"""Build rows for tests (inside an app context) through the services."""

import itertools

from sqlalchemy import select

from community.auth import services as auth_services
from community.auth.identity import username_key
from community.auth.models import Role, User
from community.extensions import db

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
