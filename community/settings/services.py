"""Preferences of the signed-in member."""

from community.auth.models import User
from community.extensions import db


def set_language(user: User, locale: str) -> None:
    user.locale = locale
    db.session.commit()
