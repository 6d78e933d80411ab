"""Funding calls, partner organisations, alerts, what initiatives seek, offers to team up, applications."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.forum.models import RenderedMixin
from community.funding.vocabulary import (
    CLOSING_SOON_DAYS,
    AlertMode,
    CallKind,
    OfferState,
    PartnerRole,
    Status,
)
from community.moderation_mixins import HideableMixin
from community.utils import utcnow

if TYPE_CHECKING:
    from community.auth.models import User
    from community.forum.models import Initiative


class PartnerOrganisation(db.Model):
    """A member an admin marked as a partner organisation: they post calls, shown with a badge."""

    __tablename__ = "funding_partners"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class CallTerm(db.Model):
    """One eligible country, sector, SDG or language of a call (``facet`` says which)."""

    __tablename__ = "funding_call_terms"

    call_id: Mapped[int] = mapped_column(ForeignKey("funding_calls.id", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)


Index("ix_funding_call_terms_facet_value", CallTerm.facet, CallTerm.value)


class Call(RenderedMixin, HideableMixin, db.Model):
    __tablename__ = "funding_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    funder: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    details: Mapped[str] = mapped_column(Text, default="")
    details_html: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[CallKind] = mapped_column(default=CallKind.GRANT, index=True)
    amount_min: Mapped[int | None] = mapped_column(BigInteger)
    amount_max: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    opens_at: Mapped[datetime] = mapped_column(index=True)  # UTC
    closes_at: Mapped[datetime] = mapped_column(index=True)  # UTC
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")  # the zone the funder gave the dates in
    whole_region: Mapped[bool] = mapped_column(default=False)
    apply_url: Mapped[str] = mapped_column(String(500))
    contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    terms: Mapped[list[CallTerm]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by=(CallTerm.facet, CallTerm.value)
    )

    def values(self, facet: str) -> list[str]:
        return [term.value for term in self.terms if term.facet == facet]

    @property
    def countries(self) -> list[str]:
        return self.values("country")

    @property
    def sectors(self) -> list[str]:
        return self.values("sector")

    @property
    def sdgs(self) -> list[int]:
        return sorted(int(value) for value in self.values("sdg"))

    @property
    def languages(self) -> list[str]:
        return self.values("language")

    def is_eligible(self, country: str | None) -> bool:
        return self.whole_region or (country is not None and country in self.countries)

    def status(self, now: datetime | None = None) -> Status:
        """Follows the dates: no job has to run for a call to open or close."""
        now = now or utcnow()
        if now < self.opens_at:
            return Status.UPCOMING
        if now >= self.closes_at:
            return Status.CLOSED
        if self.closes_at - now <= timedelta(days=CLOSING_SOON_DAYS):
            return Status.CLOSING
        return Status.OPEN


class SavedCall(db.Model):
    """A member keeps a call; the reminder goes out once, seven days before its deadline."""

    __tablename__ = "funding_saved_calls"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    call_id: Mapped[int] = mapped_column(
        ForeignKey("funding_calls.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reminded_at: Mapped[datetime | None]

    call: Mapped[Call] = relationship()
    user: Mapped[User] = relationship()


class AlertSetting(db.Model):
    """How a member hears of new calls that fit their country and sectors; no row means never."""

    __tablename__ = "funding_alert_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[AlertMode] = mapped_column(default=AlertMode.NEVER)
    sectors: Mapped[list] = mapped_column(JSON, default=list)
    last_digest_at: Mapped[datetime | None]


class Need(db.Model):
    """What an initiative seeks: partner countries, expertise, co-funding, technical assistance."""

    __tablename__ = "funding_needs"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    partner_countries: Mapped[list] = mapped_column(JSON, default=list)
    expertise: Mapped[list] = mapped_column(JSON, default=list)
    cofunding_amount: Mapped[int | None] = mapped_column(BigInteger)
    cofunding_currency: Mapped[str | None] = mapped_column(String(3))
    technical_assistance: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(String(500), default="")
    seeks_partners: Mapped[bool] = mapped_column(default=False, index=True)
    seeks_funding: Mapped[bool] = mapped_column(default=False, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    initiative: Mapped[Initiative] = relationship()

    @property
    def is_empty(self) -> bool:
        return not (self.seeks_partners or self.seeks_funding or self.note)


class Offer(db.Model):
    """A member offers to join an initiative in a role; its author accepts or declines."""

    __tablename__ = "funding_offers"
    __table_args__ = (UniqueConstraint("initiative_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[PartnerRole] = mapped_column(default=PartnerRole.GOVERNMENT)
    message: Mapped[str] = mapped_column(String(1000), default="")
    state: Mapped[OfferState] = mapped_column(default=OfferState.PENDING, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    initiative: Mapped[Initiative] = relationship()
    user: Mapped[User] = relationship()


class Application(db.Model):
    """An initiative applies to a call; listed on the call's page only when its author chose so."""

    __tablename__ = "funding_applications"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True
    )
    call_id: Mapped[int] = mapped_column(
        ForeignKey("funding_calls.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    is_public: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    initiative: Mapped[Initiative] = relationship()
    call: Mapped[Call] = relationship()
