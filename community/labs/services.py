"""Lab use cases: proposing, reviewing, editing, joining and leaving. Each one is one transaction."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import IO

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from community import images, permissions
from community.auth.models import User
from community.countries import all_codes
from community.extensions import db
from community.labs import covers
from community.labs.errors import LabError
from community.labs.models import (
    JoinPolicy,
    Lab,
    LabCountry,
    LabMembership,
    LabRole,
    LabStatus,
    LabTheme,
    MembershipState,
)
from community.labs.queries import membership_of
from community.mail import send_mail
from community.markdown import RENDERER_VERSION, render_markdown
from community.utils import utcnow

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Paths under /labs/ that are pages, not labs.
RESERVED_SLUGS = {"propose", "proposals", "new", "feeds", "covers"}


@dataclass
class LabDetails:
    """What a proposer or a lead says about a lab."""

    name: str
    theme: LabTheme
    short_description: str
    description: str = ""
    region: str = ""
    contact: str = ""
    join_policy: JoinPolicy = JoinPolicy.OPEN
    countries: list[str] = field(default_factory=list)


def name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def slugify(name: str) -> str:
    """'Data & Statistics Lab' -> 'data-statistics-lab'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")


def ensure_manager(actor: User, lab: Lab) -> None:
    """Refuse unless the actor leads the lab or moderates the site (adds nothing, commits nothing)."""
    if not permissions.can_manage_lab(actor, lab, membership_of(actor, lab)):
        raise LabError(_("Only the lab's leads and the moderators can do this."))


def _check_unique(name: str, slug: str, lab_id: int | None = None) -> None:
    others = select(Lab.id).where(Lab.id != lab_id) if lab_id else select(Lab.id)
    if db.session.scalar(others.where(Lab.name_key == name_key(name))):
        raise LabError(_("Another lab has this name already; choose another."), field="name")
    if db.session.scalar(others.where(Lab.slug == slug)):
        raise LabError(_("Another lab has this web address already; choose another."), field="slug")


def _commit_unique() -> None:
    """Commit; a lab with the same name or address saved a moment ago becomes a form error."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise LabError(
            _("Another lab has this name or web address already; choose another."), "name"
        ) from error


def _apply(lab: Lab, details: LabDetails) -> None:
    unknown = set(details.countries) - all_codes()
    if unknown:
        raise LabError(_("Choose countries from the list."), field="countries")
    lab.name = details.name.strip()
    lab.name_key = name_key(details.name)
    lab.theme = details.theme
    lab.short_description = details.short_description.strip()
    lab.description = details.description
    lab.description_html = str(render_markdown(details.description))
    lab.description_renderer = RENDERER_VERSION
    lab.region = details.region.strip()
    lab.contact = details.contact.strip()
    lab.join_policy = details.join_policy
    wanted = sorted(set(details.countries))
    if lab.country_codes != wanted:
        lab.countries = [LabCountry(code=code) for code in wanted]


def propose_lab(proposer: User, details: LabDetails, slug: str | None = None) -> Lab:
    """Create a proposed lab led by its proposer; it opens once a moderator approves it."""
    if not permissions.can_propose_lab(proposer):
        raise LabError(_("Confirm your e-mail address before proposing a lab."))
    slug = slug or slugify(details.name)
    if not SLUG_PATTERN.match(slug) or slug in RESERVED_SLUGS or len(slug) < 3:
        raise LabError(_("Use at least three lowercase letters, digits and hyphens."), field="slug")
    _check_unique(details.name, slug)
    lab = Lab(slug=slug, status=LabStatus.PROPOSED, proposed_by=proposer)
    _apply(lab, details)
    db.session.add(lab)
    db.session.add(LabMembership(lab=lab, user=proposer, role=LabRole.LEAD, state=MembershipState.ACTIVE))
    _commit_unique()
    return lab


def approve_lab(moderator: User, lab: Lab) -> None:
    """Open a proposed lab and tell its proposer."""
    if not permissions.can_review_lab_proposals(moderator):
        raise LabError(_("Only moderators review lab proposals."))
    if lab.status != LabStatus.PROPOSED:
        raise LabError(_("This lab is not waiting for a review any more."))
    lab.status = LabStatus.ACTIVE
    lab.latest_activity_at = utcnow()
    if lab.proposed_by is not None:
        proposer = lab.proposed_by
        send_mail(
            proposer.email,
            _l("Your lab is open"),
            "lab_approved",
            locale=proposer.locale,
            lab=lab,
            user=proposer,
        )
    db.session.commit()


def decline_lab(moderator: User, lab: Lab, reason: str) -> None:
    """Remove a proposal and send the moderator's reason to the proposer."""
    if not permissions.can_review_lab_proposals(moderator):
        raise LabError(_("Only moderators review lab proposals."))
    if lab.status != LabStatus.PROPOSED:
        raise LabError(_("This lab is not waiting for a review any more."))
    if not reason.strip():
        raise LabError(_("Tell the proposer why."), field="reason")
    proposer, name, cover = lab.proposed_by, lab.name, lab.cover
    if proposer is not None:
        send_mail(
            proposer.email,
            _l("Your lab proposal was declined"),
            "lab_declined",
            locale=proposer.locale,
            name=name,
            reason=reason.strip(),
            user=proposer,
        )
    db.session.delete(lab)  # a proposal that never opened: its name becomes free again
    db.session.commit()
    covers.remove_files(cover)


def update_lab(actor: User, lab: Lab, details: LabDetails) -> None:
    """Change what the lab page says."""
    ensure_manager(actor, lab)
    _check_unique(details.name, lab.slug, lab.id)
    _apply(lab, details)
    lab.latest_activity_at = utcnow()
    _commit_unique()


def set_lab_cover(actor: User, lab: Lab, upload: IO[bytes]) -> None:
    """Put a new cover on the lab; raises ImageError when the file is not a fit picture."""
    ensure_manager(actor, lab)
    key = covers.store(images.read_upload(upload, current_app.config["LAB_COVER_MAX_BYTES"]), lab.id)
    previous, lab.cover = lab.cover, key
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        if key != previous:
            covers.remove_files(key)
        raise
    if previous != key:
        covers.remove_files(previous)


def remove_lab_cover(actor: User, lab: Lab) -> None:
    """Take the cover off the lab and delete its files."""
    ensure_manager(actor, lab)
    previous, lab.cover = lab.cover, None
    db.session.commit()
    covers.remove_files(previous)


def set_lab_status(actor: User, lab: Lab, status: LabStatus) -> None:
    """Archive an active lab (it stays readable) or reopen an archived one."""
    if not permissions.can_change_lab_status(actor, lab) or status == LabStatus.PROPOSED:
        raise LabError(_("Only moderators archive and reopen labs."))
    lab.status = status
    db.session.commit()


def join_lab(user: User, lab: Lab) -> LabMembership:
    """Join an open lab, or ask to join one that admits by request."""
    membership = membership_of(user, lab)
    if membership is not None:
        if membership.is_active:
            raise LabError(_("You are a member of this lab already."))
        raise LabError(_("You asked to join this lab already; its leads will answer."))
    if not permissions.can_post(user):
        raise LabError(_("Confirm your e-mail address to join labs."))
    if not permissions.can_join_lab(user, lab, None):
        raise LabError(_("This lab takes no new members."))
    state = MembershipState.PENDING if lab.joins_by_request else MembershipState.ACTIVE
    membership = LabMembership(lab=lab, user=user, role=LabRole.MEMBER, state=state)
    db.session.add(membership)
    if state == MembershipState.ACTIVE:
        lab.latest_activity_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError as error:  # the same member, joining twice at once
        db.session.rollback()
        raise LabError(_("You are a member of this lab already.")) from error
    return membership


def _lock(lab: Lab) -> None:
    """Serialize changes to a lab's leads (PostgreSQL locks the row; SQLite writes one at a time)."""
    db.session.execute(select(Lab.id).where(Lab.id == lab.id).with_for_update())


def _ensure_a_lead_remains(lab: Lab, message: str) -> None:
    db.session.flush()
    leads = db.session.scalar(
        select(func.count(LabMembership.id)).where(
            LabMembership.lab_id == lab.id,
            LabMembership.role == LabRole.LEAD,
            LabMembership.state == MembershipState.ACTIVE,
        )
    )
    if not leads:
        db.session.rollback()
        raise LabError(message)


def leave_lab(user: User, lab: Lab) -> None:
    """Leave a lab, or withdraw a request to join; a lab keeps at least one lead."""
    membership = membership_of(user, lab)
    if membership is None:
        raise LabError(_("You are not a member of this lab."))
    _lock(lab)
    was_lead = membership.is_lead
    db.session.execute(delete(LabMembership).where(LabMembership.id == membership.id))
    if was_lead:
        _ensure_a_lead_remains(lab, _("You are the last lead of this lab: make another member a lead first."))
    db.session.commit()


def answer_request(actor: User, membership: LabMembership, accept: bool) -> None:
    """Admit someone who asked to join, or turn the request down."""
    ensure_manager(actor, membership.lab)
    if membership.state != MembershipState.PENDING:
        raise LabError(_("This request was answered already."))
    if accept:
        membership.state = MembershipState.ACTIVE
        membership.lab.latest_activity_at = utcnow()
    else:
        db.session.delete(membership)
    db.session.commit()


def set_member_role(actor: User, membership: LabMembership, role: LabRole) -> None:
    """Make an active member a lead, or a lead a member again (a lab keeps one lead)."""
    lab = membership.lab
    ensure_manager(actor, lab)
    if not membership.is_active:
        raise LabError(_("Answer this member's request first."))
    _lock(lab)
    membership.role = role
    if role == LabRole.MEMBER:
        _ensure_a_lead_remains(lab, _("A lab needs at least one lead: make another member a lead first."))
    db.session.commit()
