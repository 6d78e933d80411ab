"""Matching that explains itself: each suggestion comes with its reasons, in words.

Every function reads a fixed number of queries (candidates are bounded, then scored in Python), and
members are suggested only when the directory lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from community.auth.models import User
from community.countries import country_name
from community.extensions import db
from community.forum import vocabulary as fv
from community.forum.models import Initiative, InitiativeGoal
from community.funding.models import Call, Need, Offer
from community.labs.models import LabMembership, MembershipState
from community.profiles.models import Profile, ProfileExpertise
from community.profiles.vocabulary import EXPERTISE, language_name

CANDIDATES = 300
SHOWN = 6


@dataclass
class Match:
    thing: object
    reasons: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def because(self) -> str:
        return "; ".join(self.reasons)


def _best(matches: list[Match]) -> list[Match]:
    kept = [match for match in matches if match.score > 0]
    return sorted(kept, key=lambda match: -match.score)[:SHOWN]


def initiatives_for_call(call: Call) -> list[Match]:
    """Visible initiatives seeking funding in an eligible country, ranked by shared sectors and SDGs."""
    statement = (
        select(Initiative)
        .join(Need, Need.initiative_id == Initiative.id)
        .where(Need.seeks_funding.is_(True), Initiative.is_hidden.is_(False))
        .options(selectinload(Initiative.goals))
        .order_by(Initiative.last_activity_at.desc())
        .limit(CANDIDATES)
    )
    if not call.whole_region:
        statement = statement.where(Initiative.country.in_(call.countries or [""]))
    matches = []
    for initiative in db.session.scalars(statement):
        eligible = _("%(country)s is eligible", country=country_name(initiative.country))
        match = Match(initiative, [eligible], 1)
        if initiative.sector in call.sectors:
            match.reasons.append(str(fv.SECTORS[initiative.sector]).lower())
            match.score += 3
        for sdg in sorted(set(initiative.sdgs) & set(call.sdgs)):
            match.reasons.append(_("SDG %(number)d", number=sdg))
            match.score += 2
        matches.append(match)
    return _best(matches)


def helpers_for(initiative: Initiative, need: Need) -> list[Match]:
    """Listed members who could help: expertise or a country sought, the initiative's lab, its language."""
    profiles, in_lab = _helper_candidates(initiative, need)
    return _best([_helper_match(profile, initiative, need, in_lab) for profile in profiles])


def _helper_candidates(initiative: Initiative, need: Need) -> tuple[list[Profile], set[int]]:
    """Listed members, not the author nor those who offered already, with one reason at least."""
    wanted_expertise = exists().where(
        ProfileExpertise.profile_id == Profile.user_id, ProfileExpertise.code.in_(need.expertise or [""])
    )
    lab_members = select(LabMembership.user_id).where(
        LabMembership.lab_id == (initiative.lab_id or -1), LabMembership.state == MembershipState.ACTIVE
    )
    taken = select(Offer.user_id).where(Offer.initiative_id == initiative.id)
    reasons = or_(
        wanted_expertise, Profile.country.in_(need.partner_countries or [""]), User.id.in_(lab_members)
    )
    statement = (
        select(Profile)
        .join(Profile.user)
        .where(User.is_listed, User.id != (initiative.author_id or -1), User.id.not_in(taken), reasons)
        .options(
            contains_eager(Profile.user), selectinload(Profile.expertise), selectinload(Profile.languages)
        )
        .order_by(Profile.activity_count.desc(), User.id)
        .limit(CANDIDATES)
    )
    profiles = list(db.session.scalars(statement))
    in_lab = set(db.session.scalars(lab_members)) if initiative.lab_id else set()
    return profiles, in_lab


def _helper_match(profile: Profile, initiative: Initiative, need: Need, in_lab: set[int]) -> Match:
    match = Match(profile)
    for code in sorted({e.code for e in profile.expertise} & set(need.expertise)):
        match.reasons.append(str(EXPERTISE[code]))
        match.score += 3
    if profile.country and profile.country in need.partner_countries:
        match.reasons.append(_("from %(country)s", country=country_name(profile.country)))
        match.score += 2
    if profile.user_id in in_lab:
        match.reasons.append(_("a member of the %(lab)s lab", lab=initiative.lab.name))
        match.score += 1
    if initiative.language in {language.code for language in profile.languages}:
        match.reasons.append(_("speaks %(language)s", language=language_name(initiative.language)))
    return match


def similar_initiatives(initiative: Initiative) -> list[Match]:
    """Visible initiatives in other countries sharing the sector or an SDG."""
    goals = select(InitiativeGoal.initiative_id).where(InitiativeGoal.sdg.in_(initiative.sdgs or [0]))
    statement = (
        select(Initiative)
        .where(Initiative.is_hidden.is_(False), Initiative.id != initiative.id)
        .where(Initiative.country != initiative.country)
        .where(or_(Initiative.sector == initiative.sector, Initiative.id.in_(goals)))
        .options(selectinload(Initiative.goals))
        .order_by(Initiative.last_activity_at.desc())
        .limit(CANDIDATES)
    )
    matches = []
    for other in db.session.scalars(statement):
        match = Match(other, [country_name(other.country)])
        if other.sector == initiative.sector:
            match.reasons.append(str(fv.SECTORS[other.sector]).lower())
            match.score += 3
        for sdg in sorted(set(other.sdgs) & set(initiative.sdgs)):
            match.reasons.append(_("SDG %(number)d", number=sdg))
            match.score += 2
        matches.append(match)
    return _best(matches)
