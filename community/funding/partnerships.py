"""What initiatives seek, offers to team up, and applications to calls: the partnership use cases.

Like ``services``, each public function is one use case and one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community import countries, permissions
from community.auth.models import User
from community.extensions import db
from community.forum.models import Follow, Initiative
from community.funding import vocabulary as v
from community.funding.errors import FundingError
from community.funding.models import Application, Call, Need, Offer
from community.funding.services import check_amounts, path
from community.notifications import services as notifications
from community.profiles.vocabulary import EXPERTISE
from community.utils import utcnow

notifications.register_kind("funding_offer", _l("%(actor)s offers to join “%(subject)s”."))
notifications.register_kind("funding_accepted", _l("%(actor)s accepted you as a partner of “%(subject)s”."))
notifications.register_kind("funding_declined", _l("%(actor)s declined your offer to join “%(subject)s”."))


@dataclass
class NeedData:
    partner_countries: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    cofunding_amount: int | None = None
    cofunding_currency: str | None = None
    technical_assistance: bool = False
    note: str = ""


def set_needs(user: User, initiative: Initiative, data: NeedData) -> Need:
    """Say what the initiative seeks; an empty form says it seeks nothing."""
    if not permissions.can_manage_needs(user, initiative):
        raise FundingError(_l("You cannot change what this initiative seeks."))
    if set(data.partner_countries) - countries.all_codes():
        raise FundingError(_l("Choose countries from the list."), field="partner_countries")
    if set(data.expertise) - set(EXPERTISE):
        raise FundingError(_l("Choose expertise from the list."), field="expertise")
    check_amounts(data.cofunding_amount, None)
    if data.cofunding_amount and not v.is_currency(data.cofunding_currency):
        raise FundingError(_l("Choose a currency from the list (ISO 4217)."), field="cofunding_currency")
    need = db.session.get(Need, initiative.id) or Need(initiative_id=initiative.id)
    db.session.add(need)
    need.partner_countries = sorted(set(data.partner_countries))
    need.expertise = sorted(set(data.expertise))
    need.cofunding_amount = data.cofunding_amount or None
    need.cofunding_currency = data.cofunding_currency if data.cofunding_amount else None
    need.technical_assistance = data.technical_assistance
    need.note = data.note.strip()[:500]
    need.seeks_partners = bool(need.partner_countries or need.expertise or need.technical_assistance)
    need.seeks_funding = bool(need.cofunding_amount)
    db.session.commit()
    return need


def offer_to_join(user: User, initiative: Initiative, role: str, message: str) -> Offer:
    """Offer to partner with an initiative; its author hears of it."""
    existing = db.session.scalar(
        select(Offer).where(Offer.initiative_id == initiative.id, Offer.user_id == user.id)
    )
    if existing is not None:
        raise FundingError(_l("You have offered to join this initiative already."))
    if not permissions.can_offer_to_join(user, initiative, None):
        raise FundingError(_l("You cannot offer to join this initiative."))
    if role not in set(v.PartnerRole):
        raise FundingError(_l("Choose a role from the list."), field="role")
    offer = Offer(
        initiative_id=initiative.id, user_id=user.id, role=v.PartnerRole(role), message=message.strip()
    )
    db.session.add(offer)
    if initiative.author is not None:
        url = path("forum.show", initiative_id=initiative.id) + "#partners"
        notifications.notify(initiative.author, "funding_offer", initiative.title, url, actor=user)
    db.session.commit()
    return offer


def decide_offer(user: User, offer: Offer, accept: bool) -> Offer:
    """The author accepts (the partner then follows the initiative's comments) or declines an offer."""
    if not permissions.can_decide_offer(user, offer):
        raise FundingError(_l("You cannot answer this offer."))
    offer.state = v.OfferState.ACCEPTED if accept else v.OfferState.DECLINED
    offer.decided_at = utcnow()
    initiative = offer.initiative
    if accept and db.session.get(Follow, (offer.user_id, initiative.id)) is None:
        db.session.add(Follow(user_id=offer.user_id, initiative_id=initiative.id))
    url = path("forum.show", initiative_id=initiative.id) + "#partners"
    kind = "funding_accepted" if accept else "funding_declined"
    notifications.notify(offer.user, kind, initiative.title, url, actor=user)
    db.session.commit()
    return offer


def apply_to_call(user: User, initiative: Initiative, call: Call, is_public: bool) -> Application:
    """Say the initiative applies to a call, shown on the call's page when ``is_public``."""
    if not permissions.can_manage_needs(user, initiative) or not permissions.can_view_call(user, call):
        raise FundingError(_l("You cannot link this initiative to that call."))
    if call.is_hidden:
        raise FundingError(_l("Choose a call from the list."), field="call")
    application = db.session.get(Application, (initiative.id, call.id))
    if application is None:
        application = Application(initiative_id=initiative.id, call_id=call.id)
        db.session.add(application)
    application.is_public = is_public
    db.session.commit()
    return application


def withdraw_application(user: User, initiative: Initiative, call_id: int) -> None:
    if not permissions.can_manage_needs(user, initiative):
        raise FundingError(_l("You cannot change this initiative."))
    application = db.session.get(Application, (initiative.id, call_id))
    if application is not None:
        db.session.delete(application)
    db.session.commit()
