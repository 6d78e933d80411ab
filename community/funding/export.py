"""The member's funding and partnership data in their data download."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from community.auth.models import User
from community.extensions import db
from community.forum.models import Initiative
from community.funding.models import (
    AlertSetting,
    Application,
    Call,
    Need,
    Offer,
    PartnerOrganisation,
    SavedCall,
)
from community.profiles.export import register_section


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def funding_section(user: User) -> dict:
    alert = db.session.get(AlertSetting, user.id)
    saved = db.session.scalars(select(SavedCall).where(SavedCall.user_id == user.id))
    return {
        "partner_organisation": db.session.get(PartnerOrganisation, user.id) is not None,
        "alerts": {"mode": str(alert.mode), "sectors": alert.sectors} if alert else None,
        "calls_posted": _calls(user),
        "saved_calls": [{"call_id": s.call_id, "saved_at": _iso(s.created_at)} for s in saved],
        "offers_to_join": _offers(user),
        **_initiatives(user),
    }


def _calls(user: User) -> list[dict]:
    calls = db.session.scalars(select(Call).where(Call.author_id == user.id).order_by(Call.id))
    return [
        {"id": c.id, "title": c.title, "funder": c.funder, "summary": c.summary,
         "details_markdown": c.details, "opens_at": _iso(c.opens_at), "closes_at": _iso(c.closes_at),
         "timezone": c.timezone, "hidden": c.is_hidden}
        for c in calls
    ]  # fmt: skip


def _offers(user: User) -> list[dict]:
    offers = db.session.scalars(select(Offer).where(Offer.user_id == user.id).order_by(Offer.id))
    return [
        {"initiative_id": o.initiative_id, "role": str(o.role), "message": o.message, "state": str(o.state),
         "created_at": _iso(o.created_at)}
        for o in offers
    ]  # fmt: skip


def _initiatives(user: User) -> dict:
    """What the member's own initiatives seek and which calls they apply to."""
    own = select(Initiative.id).where(Initiative.author_id == user.id)
    needs = db.session.scalars(select(Need).where(Need.initiative_id.in_(own)))
    applications = db.session.scalars(select(Application).where(Application.initiative_id.in_(own)))
    return {
        "initiatives_seek": [
            {
                "initiative_id": n.initiative_id,
                "partner_countries": n.partner_countries,
                "expertise": n.expertise,
                "cofunding_amount": n.cofunding_amount,
                "cofunding_currency": n.cofunding_currency,
                "technical_assistance": n.technical_assistance,
                "note": n.note,
            }
            for n in needs
        ],  # fmt: skip
        "applications": [
            {"initiative_id": a.initiative_id, "call_id": a.call_id, "shown_on_call": a.is_public}
            for a in applications
        ],
    }


register_section("funding", funding_section)
