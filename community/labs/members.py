"""What labs add to the member pages: the directory's lab filter, a profile's labs, the data export.

Profiles knows nothing of labs: it offers registries, and this module fills them when the labs
feature is imported.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community import permissions, signals
from community.auth.models import User
from community.extensions import db
from community.labs import queries
from community.labs.models import Lab, LabMembership
from community.profiles import directory, export, sections
from community.profiles.models import Profile
from community.utils import utc_iso


def profile_labs(member: User, viewer) -> dict | None:
    """The labs the member works in, for the profile page; part of the full profile only."""
    profile = db.session.get(Profile, member.id)  # loaded by the page already: no query
    if profile is None or not permissions.can_see_full_profile(viewer, profile):
        return None
    memberships = queries.labs_joined(member)
    return {"memberships": memberships} if memberships else None


def exported_memberships(user: User) -> list[dict]:
    """Every membership, requests to join included."""
    stmt = (
        select(LabMembership)
        .join(LabMembership.lab)
        .where(LabMembership.user_id == user.id)
        .order_by(LabMembership.created_at, LabMembership.id)
    )
    return [
        {
            "lab": {"name": row.lab.name, "slug": row.lab.slug, "status": str(row.lab.status)},
            "role": str(row.role),
            "state": str(row.state),
            "joined_at": utc_iso(row.created_at),
        }
        for row in db.session.scalars(stmt)
    ]


def exported_proposals(user: User) -> list[dict]:
    """The labs the member proposed (declined proposals are deleted, so they are not here)."""
    stmt = select(Lab).where(Lab.proposed_by_id == user.id).order_by(Lab.created_at, Lab.id)
    return [
        {
            "name": lab.name,
            "slug": lab.slug,
            "theme": str(lab.theme),
            "short_description": lab.short_description,
            "status": str(lab.status),
            "proposed_at": utc_iso(lab.created_at),
        }
        for lab in db.session.scalars(stmt)
    ]


directory.register_filter(
    directory.DirectoryFilter(
        name="lab",
        label=_l("Lab"),
        any_label=_l("Any lab"),
        ignored_label=_l("lab"),
        options=queries.member_filter_options,
        members=queries.member_ids,
    )
)
sections.register_section("labs/_profile_labs.html", profile_labs)
export.register_section("lab_memberships", exported_memberships)
export.register_section("lab_proposals", exported_proposals)


def _last_lead_of(user: User) -> str | None:
    """An account that alone leads an active lab may not vanish and leave the lab unmanaged."""
    stranded = queries.labs_led_alone(user)
    if not stranded:
        return None
    names = ", ".join(lab.name for lab in stranded)
    return _l("You are the only lead of %(labs)s: make another member a lead first.", labs=names)


signals.account_deletion_requested.connect(_last_lead_of)
