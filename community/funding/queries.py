"""What the funding pages, feeds and exports read: the list of calls with its filters, one call's page,
an initiative's partnership panel. Each reads a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import timedelta

from flask import current_app
from sqlalchemy import case, exists, or_, select
from sqlalchemy.orm import joinedload, selectinload

from community import permissions
from community.auth.identity import username_key
from community.auth.models import User
from community.extensions import db
from community.forum import queries as forum_queries
from community.forum.models import Initiative
from community.funding import vocabulary as v
from community.funding.models import Application, Call, CallTerm, Need, Offer, PartnerOrganisation, SavedCall
from community.permissions import Visitor
from community.profiles.models import Profile
from community.utils import utcnow

PAGE_SIZE = 20


@dataclass
class Filters:
    """The list's filters, as they appear in its URL."""

    country: str | None = None
    sector: str | None = None
    sdg: int | None = None
    kind: str | None = None
    status: str | None = None

    @classmethod
    def from_values(cls, values: dict) -> Filters:
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in values.items() if key in known and value}
        if "sdg" in data:
            data["sdg"] = int(data["sdg"])
        return cls(**data)

    def args(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value}


def visible_to(statement, viewer):
    if permissions.is_moderator(viewer):
        return statement
    if viewer.is_authenticated:
        return statement.where(or_(Call.is_hidden.is_(False), Call.author_id == viewer.id))
    return statement.where(Call.is_hidden.is_(False))


def _has(facet: str, value: str):
    return exists().where(CallTerm.call_id == Call.id, CallTerm.facet == facet, CallTerm.value == value)


def _status_condition(status: str, now):
    soon = now + timedelta(days=v.CLOSING_SOON_DAYS)
    return {
        v.Status.UPCOMING: Call.opens_at > now,
        v.Status.OPEN: (Call.opens_at <= now) & (Call.closes_at > now),
        v.Status.CLOSING: (Call.opens_at <= now) & (Call.closes_at > now) & (Call.closes_at <= soon),
        v.Status.CLOSED: Call.closes_at <= now,
    }[v.Status(status)]


def list_statement(filters: Filters, viewer):
    """Calls that match every filter: those closing soonest first, then upcoming ones, closed ones last."""
    now = utcnow()
    statement = select(Call)
    if filters.country:
        statement = statement.where(or_(Call.whole_region.is_(True), _has("country", filters.country)))
    if filters.sector:
        statement = statement.where(_has("sector", filters.sector))
    if filters.sdg:
        statement = statement.where(_has("sdg", str(filters.sdg)))
    if filters.kind:
        statement = statement.where(Call.kind == filters.kind)
    if filters.status:
        statement = statement.where(_status_condition(filters.status, now))
    rank = case((Call.closes_at <= now, 2), (Call.opens_at > now, 1), else_=0)
    still_open = case((Call.closes_at > now, Call.closes_at), else_=None)
    return visible_to(statement, viewer).order_by(rank, still_open, Call.closes_at.desc(), Call.id)


def page_of_calls(filters: Filters, viewer, page: int):
    statement = list_statement(filters, viewer).options(selectinload(Call.terms))
    return db.paginate(statement, page=page, per_page=PAGE_SIZE, max_per_page=PAGE_SIZE, error_out=False)


def calls_for_feed(limit: int = 50) -> list[Call]:
    """Newest first, as the public sees them."""
    statement = visible_to(select(Call), _nobody()).order_by(Call.created_at.desc(), Call.id.desc())
    return list(db.session.scalars(statement.options(selectinload(Call.terms)).limit(limit)))


def deadlines(limit: int = 200) -> list[Call]:
    """Calls not yet closed, soonest deadline first (the iCalendar feed)."""
    statement = visible_to(select(Call), _nobody()).where(Call.closes_at > utcnow() - timedelta(days=30))
    return list(db.session.scalars(statement.order_by(Call.closes_at).limit(limit)))


def _nobody() -> Visitor:
    return Visitor()


def export_rows(filters: Filters, viewer, site_url: str) -> list[dict]:
    statement = list_statement(filters, viewer).options(selectinload(Call.terms))
    return [
        {
            "id": call.id,
            "url": f"{site_url}/funding/{call.id}",
            "title": call.title,
            "funder": call.funder,
            "summary": call.summary,
            "kind": str(call.kind),
            "status": str(call.status()),
            "amount_min": call.amount_min,
            "amount_max": call.amount_max,
            "currency": call.currency,
            "opens_at": call.opens_at.isoformat() + "Z",
            "closes_at": call.closes_at.isoformat() + "Z",
            "timezone": call.timezone,
            "whole_region": call.whole_region,
            "countries": call.countries,
            "sectors": call.sectors,
            "sdgs": call.sdgs,
            "languages": call.languages,
            "apply_url": call.apply_url,
        }
        for call in db.session.scalars(statement.limit(current_app.config.get("FUNDING_EXPORT_LIMIT", 5000)))
    ]


def load_call(call_id: int) -> Call | None:
    statement = select(Call).where(Call.id == call_id)
    return db.session.scalar(statement.options(selectinload(Call.terms), joinedload(Call.author)))


def is_saved(user, call: Call) -> bool:
    return user.is_authenticated and db.session.get(SavedCall, (user.id, call.id)) is not None


def public_applications(call: Call) -> list[Initiative]:
    """Initiatives applying to the call whose authors chose to show it (and moderators let be)."""
    statement = (
        select(Initiative)
        .join(Application, Application.initiative_id == Initiative.id)
        .where(
            Application.call_id == call.id, Application.is_public.is_(True), Initiative.is_hidden.is_(False)
        )
        .order_by(Initiative.title)
    )
    return list(db.session.scalars(statement))


def saved_calls(user) -> list[Call]:
    statement = select(Call).join(SavedCall, SavedCall.call_id == Call.id).where(SavedCall.user_id == user.id)
    return list(db.session.scalars(statement.order_by(Call.closes_at)))


@dataclass
class Panel:
    """What the initiative's page shows about its partnerships, read in three queries."""

    need: Need | None
    offers: list[Offer]
    applications: list[Application]

    @property
    def partners(self) -> list[Offer]:
        return [offer for offer in self.offers if offer.state == v.OfferState.ACCEPTED]

    @property
    def pending(self) -> list[Offer]:
        return [offer for offer in self.offers if offer.state == v.OfferState.PENDING]

    def offer_of(self, user) -> Offer | None:
        return next(
            (offer for offer in self.offers if user.is_authenticated and offer.user_id == user.id), None
        )


def panel(initiative: Initiative) -> Panel:
    """One query for an initiative without partnerships (most); three for one with offers and calls."""
    has_offers = exists().where(Offer.initiative_id == Initiative.id)
    has_applications = exists().where(Application.initiative_id == Initiative.id)
    need, any_offer, any_application = db.session.execute(
        select(Need, has_offers, has_applications)
        .select_from(Initiative)
        .outerjoin(Need, Need.initiative_id == Initiative.id)
        .where(Initiative.id == initiative.id)
    ).one()
    offers = []
    rows = (
        ()
        if not any_offer
        else db.session.execute(
            select(Offer, Profile.country)
            .where(Offer.initiative_id == initiative.id)
            .outerjoin(Profile, Profile.user_id == Offer.user_id)
            .options(joinedload(Offer.user))
            .order_by(Offer.created_at)
        )
    )
    for offer, country in rows:
        offer.country = country  # shown beside an accepted partner's name
        offers.append(offer)
    applications = (
        []
        if not any_application
        else db.session.scalars(
            select(Application)
            .where(Application.initiative_id == initiative.id)
            .options(joinedload(Application.call))
            .order_by(Application.created_at)
        ).all()
    )
    return Panel(need, offers, list(applications))


def open_calls_for_choice(viewer) -> list[Call]:
    statement = visible_to(select(Call), viewer).where(Call.closes_at > utcnow(), Call.is_hidden.is_(False))
    return list(db.session.scalars(statement.order_by(Call.closes_at).limit(200)))


def member_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(username)))


def partner_organisations() -> list[PartnerOrganisation]:
    statement = select(PartnerOrganisation).options(joinedload(PartnerOrganisation.user))
    return list(db.session.scalars(statement.order_by(PartnerOrganisation.created_at)))


def _seeking(column):
    return lambda: select(Need.initiative_id).where(column.is_(True))


forum_queries.SEEKING.update(partners=_seeking(Need.seeks_partners), funding=_seeking(Need.seeks_funding))
