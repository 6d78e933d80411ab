"""A member's profile: who they are, what they know, what they let others see."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User


class EmailVisibility(enum.StrEnum):
    MEMBERS = "members"
    NOBODY = "nobody"


class VisitorView(enum.StrEnum):
    """What someone who is not signed in sees of the profile."""

    FULL = "full"
    SUMMARY = "summary"


class Profile(db.Model):
    """One per account, created with it; deleting the account erases it."""

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    headline: Mapped[str] = mapped_column(String(160), default="")
    organization: Mapped[str] = mapped_column(String(160), default="")
    job_title: Mapped[str] = mapped_column(String(120), default="")
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    bio_html: Mapped[str] = mapped_column(Text, default="")
    bio_renderer_version: Mapped[int] = mapped_column(Integer, default=0)
    website_url: Mapped[str] = mapped_column(String(300), default="")
    linkedin_url: Mapped[str] = mapped_column(String(300), default="")
    other_url: Mapped[str] = mapped_column(String(300), default="")
    avatar_key: Mapped[str | None] = mapped_column(String(64))
    email_visibility: Mapped[EmailVisibility] = mapped_column(default=EmailVisibility.NOBODY)
    visitor_view: Mapped[VisitorView] = mapped_column(default=VisitorView.SUMMARY)
    activity_count: Mapped[int] = mapped_column(Integer, default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()
    expertise: Mapped[list[ProfileExpertise]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProfileExpertise.code"
    )
    languages: Mapped[list[ProfileLanguage]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProfileLanguage.code"
    )
    tags: Mapped[list[ProfileTag]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ProfileTag.tag"
    )

    @property
    def expertise_codes(self) -> list[str]:
        return [row.code for row in self.expertise]

    @property
    def language_codes(self) -> list[str]:
        return [row.code for row in self.languages]

    @property
    def tag_names(self) -> list[str]:
        return [row.tag for row in self.tags]

    @property
    def initials(self) -> str:
        words = [word for word in self.display_name.replace("-", " ").split() if word[:1].isalnum()]
        letters = "".join(word[0] for word in words[:2]) or self.display_name[:1]
        return letters.upper()

    @property
    def avatar_tone(self) -> int:
        """One of six background colours for the initials, stable for the member."""
        return self.user_id % 6

    def __repr__(self) -> str:
        return f"<Profile {self.user_id}>"


class ProfileExpertise(db.Model):
    """An area of expertise from the curated list (codes in profiles.vocabulary)."""

    __tablename__ = "profile_expertise"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class ProfileLanguage(db.Model):
    """A language the member speaks (ISO 639 code)."""

    __tablename__ = "profile_languages"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class ProfileTag(db.Model):
    """A free tag the member adds to their expertise, stored as written (GovTech)."""

    __tablename__ = "profile_tags"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.user_id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
