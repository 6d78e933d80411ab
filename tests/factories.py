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


def make_profile(user: User | None = None, **fields):
    """A member with a filled-in profile; ``fields`` are those of ProfileChanges."""
    from community.profiles.services import ProfileChanges, update_profile

    user = user or make_user()
    fields.setdefault("display_name", user.username)
    return update_profile(user, ProfileChanges(**fields))
