"""Accounts, their roles and states, and their open sessions."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, cast

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, and_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.utils import utcnow

if TYPE_CHECKING:
    from community.profiles.models import Profile


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class AccountState(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    BANNED = "banned"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    username: Mapped[str] = mapped_column(String(30))
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(default=Role.MEMBER)
    state: Mapped[AccountState] = mapped_column(default=AccountState.ACTIVE)
    suspended_until: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
    # None while a new account waits for a moderator (vetted membership); set for everyone else.
    approved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    locale: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(64))

    sessions: Mapped[list[UserSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    # Every byline names the member by their profile; home.people loads those of a page in one query.
    profile: Mapped[Profile | None] = relationship("Profile", uselist=False, viewonly=True, lazy="select")

    # The token of the session this object was loaded for; Flask-Login stores it as the id.
    session_token = cast("str | None", None)  # not a column: set per instance at sign-in

    def get_id(self) -> str | None:
        return self.session_token

    @hybrid_property
    def is_listed(self) -> bool:
        """Shown to others (directory, lab pages, search, mentions): confirmed, approved, not banned."""
        return (
            self.confirmed_at is not None
            and self.approved_at is not None
            and self.state != AccountState.BANNED
        )

    @is_listed.inplace.expression
    @classmethod
    def _is_listed_expression(cls):
        return and_(
            cls.confirmed_at.is_not(None), cls.approved_at.is_not(None), cls.state != AccountState.BANNED
        )

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserSession(db.Model):
    """One signed-in browser; deleting the row signs that browser out everywhere it was copied."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")
