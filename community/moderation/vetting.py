"""Vetted membership: new accounts wait for a moderator, unless their confirmed address is in an
approved domain. Declining erases the waiting account (it never posted) and e-mails the reason."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from community import permissions, signals
from community.auth.models import User
from community.extensions import db
from community.mail import send_mail
from community.moderation.errors import ModerationError
from community.moderation.models import Action, AuditEntry, TargetKind
from community.notifications.services import notify, register_kind
from community.urls import path_for
from community.utils import utcnow

register_kind("membership-approved", _l("Welcome, %(subject)s: your membership is approved"))

# What a waiting member may still open: signing in and out, their address, the waiting page, the language.
OPEN_TO_PENDING = ("static", "moderation.waiting", "main.accessibility", "main.healthz", "i18n.language")
OPEN_BLUEPRINTS_TO_PENDING = ("auth",)


def in_approved_domain(email: str) -> bool:
    """The address's domain, or one of its parent domains, is in MEMBERSHIP_AUTO_APPROVED_DOMAINS."""
    domain = email.rpartition("@")[2].lower()
    return any(
        domain == approved or domain.endswith("." + approved)
        for approved in current_app.config["MEMBERSHIP_AUTO_APPROVED_DOMAINS"]
    )


def on_account_event(user: User, event: str) -> None:
    """auth's hook: a new account waits when vetting is on; an approved domain's confirmed address passes."""
    if event == "registered" and current_app.config["MEMBERSHIP_VETTING"]:
        user.approved_at = None
    elif event == "confirmed" and user.approved_at is None and in_approved_domain(user.email):
        user.approved_at = utcnow()
        db.session.flush()
        _record(None, Action.APPROVE, user, _("confirmed address in an approved domain"))


signals.account_changed.connect(on_account_event)


def pending_members(limit: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.approved_at.is_(None)).order_by(User.created_at, User.id).limit(limit)
        )
    )


def approve(moderator: User, member: User) -> None:
    """Let a waiting member in; they are notified (and e-mailed) that they can take part."""
    _check(moderator, member)
    member.approved_at = utcnow()
    notify(member, "membership-approved", f"@{member.username}", path_for("main.index"), actor=moderator)
    _record(moderator, Action.APPROVE, member, "")
    subject = _l("Your membership is approved")
    send_mail(member.email, subject, "membership_approved", locale=member.locale, user=member)
    db.session.commit()


def decline(moderator: User, member: User, reason: str) -> None:
    """Refuse a waiting account: the reason is e-mailed, the account erased, the log keeps @username."""
    _check(moderator, member)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Give a reason: the applicant will read it."), field="reason")
    email, locale, username = member.email, member.locale, member.username
    _record(moderator, Action.DECLINE, member, reason)
    subject = _l("Your membership request")
    send_mail(email, subject, "membership_declined", locale=locale, username=username, reason=reason)
    db.session.delete(member)
    db.session.commit()


def _check(moderator: User, member: User) -> None:
    if not permissions.is_moderator(moderator):
        raise ModerationError(_("Only moderators review new members."))
    if not permissions.is_pending(member):
        raise ModerationError(_("This account is not waiting for approval."))


def _record(moderator: User | None, action: Action, member: User, reason: str) -> None:
    db.session.add(
        AuditEntry(
            moderator_id=moderator.id if moderator else None,
            action=action,
            target_kind=TargetKind.MEMBER,
            target_id=member.id,
            member_id=member.id,
            summary=f"@{member.username}"[:200],
            reason=reason,
        )
    )


def keep_pending_members_waiting():
    """Before each request: a waiting member sees the waiting page, nothing more (403 elsewhere)."""
    endpoint = request.endpoint or ""
    if not permissions.is_pending(current_user) or endpoint in OPEN_TO_PENDING:
        return None
    if endpoint.partition(".")[0] in OPEN_BLUEPRINTS_TO_PENDING:
        return None
    return render_template("moderation/waiting.html"), 403
