"""Members named as people, not handles: the display name, picture or initials, position and badges.

``person(user)`` is what every byline shows of a member to the current reader; it respects the
profile's privacy (what a reader may not see of a profile is not shown in a byline either).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import inspect, select
from sqlalchemy.orm.attributes import set_committed_value

from community import permissions
from community.auth.models import User
from community.countries import country_name
from community.funding.models import PartnerOrganisation
from community.profiles.models import Profile

# Government e-mail domains of the region (a subdomain counts too); a deployment may set its own list
# with COMMUNITY_GOVERNMENT_EMAIL_DOMAINS. The membership's auto-approved domains count as well.
GOVERNMENT_EMAIL_DOMAINS = (
    "gov.ag",
    "gov.ai",
    "gov.bb",
    "gov.bs",
    "gov.bz",
    "gov.dm",
    "gov.gd",
    "gov.gy",
    "gov.jm",
    "gov.kn",
    "gov.ky",
    "gov.lc",
    "gov.ms",
    "gov.tc",
    "gov.tt",
    "gov.vc",
    "gov.vg",
    "gov.sr",
    "gov.cw",
    "gov.aw",
    "gov.sx",
    "gov.ht",
    "gob.do",
    "gov.bm",
    "caricom.org",
    "caricad.net",
)


@dataclass(frozen=True)
class Person:
    user: User
    name: str
    url: str
    profile: object
    picture: bool
    details: str
    badges: list[str] = field(default_factory=list)
    verified: bool = False


def is_government_address(email: str) -> bool:
    # The demo's addresses end in the reserved .example (gov.lc.example): nobody can register one.
    domain = email.rpartition("@")[2].lower().removesuffix(".example")
    config = current_app.config
    approved = (
        *config.get("GOVERNMENT_EMAIL_DOMAINS", GOVERNMENT_EMAIL_DOMAINS),
        *config.get("MEMBERSHIP_AUTO_APPROVED_DOMAINS", ()),
    )
    return any(domain == item or domain.endswith("." + item) for item in approved)


def is_verified_government(user: User) -> bool:
    """A confirmed address in an approved government domain."""
    return user.confirmed_at is not None and is_government_address(user.email)


def _profile(user: User):
    """The member's profile; the first byline of a page loads those of every account loaded so far."""
    state = inspect(user)
    if "profile" in state.dict or state.session is None:
        return user.profile
    waiting = [
        other
        for other in state.session.identity_map.values()
        if isinstance(other, User) and "profile" not in inspect(other).dict
    ]
    ids = [other.id for other in waiting]
    # The same query says who is a partner organisation (the funding feature's mark), for their badge.
    rows = state.session.execute(
        select(Profile, PartnerOrganisation.user_id)
        .outerjoin(PartnerOrganisation, PartnerOrganisation.user_id == Profile.user_id)
        .where(Profile.user_id.in_(ids))
    )
    found, partners = {}, set()
    for profile, partner_id in rows:
        found[profile.user_id] = profile
        if partner_id is not None:
            partners.add(profile.user_id)
    for other in waiting:
        set_committed_value(other, "profile", found.get(other.id))
        other.is_partner_organisation = other.id in partners  # not a column: known for this page only
    return user.profile


def person(user: User, viewer=None) -> Person:
    """What ``viewer`` (the current reader by default) may see of ``user`` in a byline."""
    viewer = current_user if viewer is None else viewer
    profile = _profile(user)
    full = profile is not None and permissions.can_see_full_profile(viewer, profile)
    parts = []
    if profile is not None and full:
        parts += [profile.job_title, profile.organization]
    if profile is not None and profile.country:
        parts.append(country_name(profile.country))
    return Person(
        user=user,
        name=profile.display_name if profile is not None else user.username,
        url=url_for("profiles.show", username=user.username),
        profile=profile,
        picture=full,
        details=", ".join(part for part in parts if part),
        badges=role_badges(user),
        verified=is_verified_government(user),
    )


def badges_of(user: User) -> Person:
    """Only the badges (roles, verified address) of a member, for a page that shows their profile itself."""
    return Person(user, "", "", None, False, "", role_badges(user), is_verified_government(user))


def role_badges(user: User) -> list[str]:
    badges = []
    if permissions.is_admin(user):
        badges.append(_("Admin"))
    elif permissions.is_moderator(user):
        badges.append(_("Moderator"))
    if getattr(user, "is_partner_organisation", False):
        badges.append(_("Partner organisation"))
    return badges


def name_of(user: User | None) -> str:
    """The member's display name (their username while they have no profile)."""
    if user is None:
        return _("a former member")
    profile = _profile(user)
    return profile.display_name if profile is not None else user.username
