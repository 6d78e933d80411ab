"""Innovation labs, their members and resources (their events live in community.events)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.markdown import RENDERER_VERSION, render_markdown
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User


class LabStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ARCHIVED = "archived"


class JoinPolicy(enum.StrEnum):
    OPEN = "open"
    BY_REQUEST = "by_request"


class LabRole(enum.StrEnum):
    MEMBER = "member"
    LEAD = "lead"


class MembershipState(enum.StrEnum):
    PENDING = "pending"
    ACTIVE = "active"


class LabTheme(enum.StrEnum):
    """Fixed themes, so that each one has a label in every language and filters stay exact."""

    AGRICULTURE = "agriculture"
    DIGITAL_IDENTITY = "digital-identity"
    DATA_STATISTICS = "data-statistics"
    SERVICE_DESIGN = "service-design"
    CLIMATE_RESILIENCE = "climate-resilience"
    HEALTH = "health"
    EDUCATION = "education"
    TOURISM = "tourism"
    OPEN_GOVERNMENT = "open-government"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(THEME_LABELS[self])


THEME_LABELS = {
    LabTheme.AGRICULTURE: _l("Agriculture and food security"),
    LabTheme.DIGITAL_IDENTITY: _l("Digital identity"),
    LabTheme.DATA_STATISTICS: _l("Data and statistics"),
    LabTheme.SERVICE_DESIGN: _l("Service design"),
    LabTheme.CLIMATE_RESILIENCE: _l("Climate resilience"),
    LabTheme.HEALTH: _l("Health"),
    LabTheme.EDUCATION: _l("Education"),
    LabTheme.TOURISM: _l("Tourism"),
    LabTheme.OPEN_GOVERNMENT: _l("Open government"),
    LabTheme.OTHER: _l("Other"),
}


class Lab(db.Model):
    __tablename__ = "labs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(
        String(120), unique=True
    )  # casefolded: names differ by more than case
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    theme: Mapped[LabTheme] = mapped_column(index=True)
    short_description: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    description_renderer: Mapped[int] = mapped_column(Integer, default=0)
    region: Mapped[str] = mapped_column(String(120), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    cover: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[LabStatus] = mapped_column(default=LabStatus.PROPOSED, index=True)
    join_policy: Mapped[JoinPolicy] = mapped_column(default=JoinPolicy.OPEN)
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    latest_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    proposed_by: Mapped[User | None] = relationship()
    countries: Mapped[list[LabCountry]] = relationship(
        back_populates="lab", cascade="all, delete-orphan", passive_deletes=True, order_by="LabCountry.code"
    )

    @property
    def country_codes(self) -> list[str]:
        return [row.code for row in self.countries]

    @property
    def description_markup(self) -> Markup:
        """The stored HTML, or a fresh rendering when the renderer changed since it was stored."""
        if self.description_renderer == RENDERER_VERSION:
            return Markup(self.description_html)  # noqa: S704 - produced by render_markdown
        return render_markdown(self.description)

    @property
    def is_active(self) -> bool:
        return self.status == LabStatus.ACTIVE

    @property
    def is_proposed(self) -> bool:
        return self.status == LabStatus.PROPOSED

    @property
    def joins_by_request(self) -> bool:
        return self.join_policy == JoinPolicy.BY_REQUEST

    def __repr__(self) -> str:
        return f"<Lab {self.slug}>"


class LabCountry(db.Model):
    """One country (ISO 3166-1 alpha-2) a lab works in; a table so the directory can filter on it."""

    __tablename__ = "lab_countries"

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)

    lab: Mapped[Lab] = relationship(back_populates="countries")


class LabMembership(db.Model):
    __tablename__ = "lab_memberships"
    __table_args__ = (UniqueConstraint("lab_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"))  # the unique index leads
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[LabRole] = mapped_column(default=LabRole.MEMBER)
    state: Mapped[MembershipState] = mapped_column(default=MembershipState.ACTIVE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lab: Mapped[Lab] = relationship()
    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.state == MembershipState.ACTIVE

    @property
    def is_lead(self) -> bool:
        return self.is_active and self.role == LabRole.LEAD


class LabResource(db.Model):
    """A link or a document that the lab's leads recommend."""

    __tablename__ = "lab_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    file_name: Mapped[str | None] = mapped_column(String(200))  # as the member named it, made safe
    stored_name: Mapped[str | None] = mapped_column(String(80))  # random name under UPLOAD_FOLDER/labs
    file_size: Mapped[int | None]
    description: Mapped[str] = mapped_column(String(1000), default="")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lab: Mapped[Lab] = relationship()

    @property
    def is_file(self) -> bool:
        return self.stored_name is not None
