"""Moderation use cases: flagging, acting on content and members, roles.

Each public function is one use case and one transaction, which also holds its audit entry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.models import AccountState, Role, User, UserSession
from community.extensions import db
from community.forum.models import Category, Initiative
from community.forum.services import recount
from community.i18n.locales import datetime_for
from community.mail import mail_locale
from community.moderation import alerts, targets
from community.moderation.errors import ModerationError
from community.moderation.models import Action, AuditEntry, Flag, FlagReason, FlagState, TargetKind
from community.notifications.services import notify, register_kind
from community.urls import path_for
from community.utils import utcnow

register_kind("moderation-hidden", _l("The moderators hid your post %(subject)s"))
register_kind("moderation-restored", _l("The moderators restored your post %(subject)s"))
register_kind("moderation-warned", _l("A moderator sent you a warning: %(subject)s"))
register_kind("moderation-suspended", _l("Your account is suspended: %(subject)s"))
register_kind("moderation-banned", _l("Your account is banned: %(subject)s"))
register_kind("moderation-lifted", _l("Your account is active again: %(subject)s"))

HIDEABLE = {
    TargetKind.INITIATIVE,
    TargetKind.COMMENT,
    TargetKind.EVENT,
    TargetKind.TEAM_RESULT,
    TargetKind.CALL,
    TargetKind.MESSAGE,
}
CONTENT_ACTIONS = {
    # action: (kinds it applies to, the attribute it sets, the value, is a reason required)
    Action.HIDE: (HIDEABLE, "is_hidden", True, True),
    Action.RESTORE: (HIDEABLE, "is_hidden", False, False),
    Action.LOCK: ({TargetKind.INITIATIVE}, "is_locked", True, False),
    Action.UNLOCK: ({TargetKind.INITIATIVE}, "is_locked", False, False),
    Action.PIN: ({TargetKind.INITIATIVE}, "is_pinned", True, False),
    Action.UNPIN: ({TargetKind.INITIATIVE}, "is_pinned", False, False),
}
MEMBER_ACTIONS = (Action.WARN, Action.SUSPEND, Action.BAN, Action.LIFT)
ALREADY = {
    Action.HIDE: _l("This is already hidden."),
    Action.RESTORE: _l("This is not hidden."),
    Action.LOCK: _l("This initiative is already closed for comments."),
    Action.UNLOCK: _l("This initiative is not closed for comments."),
    Action.PIN: _l("This initiative is already pinned."),
    Action.UNPIN: _l("This initiative is not pinned."),
}


def flag(reporter: User, kind: TargetKind, target, reason: FlagReason, text: str = "") -> Flag:
    """Report something to the moderators; reporting it again changes nothing."""
    if not permissions.can_flag(reporter, target):
        raise ModerationError(_("You cannot flag this."))
    text = (text or "").strip()
    if reason == FlagReason.OTHER and not text:
        raise ModerationError(_("Say what is wrong."), field="text")
    earlier = _flag_of(reporter, kind, target.id)
    if earlier is not None:
        return earlier
    new = Flag(reporter_id=reporter.id, target_kind=kind, target_id=target.id, reason=reason, text=text)
    try:
        with db.session.begin_nested():
            db.session.add(new)
    except IntegrityError:  # the same member's other request got there first
        earlier = _flag_of(reporter, kind, target.id)
        assert earlier is not None
        return earlier
    open_flags = _open_flag_count(kind, target.id)
    _hide_when_flagged_enough(kind, target, open_flags)
    if open_flags == 1:  # it just entered the queue: the alerts are queued with the flag
        alerts.send_immediate_alerts(f"{targets.describe(kind, target).title} ({reason.label})")
    db.session.commit()
    return new


def act_on_content(moderator: User, action: Action, kind: TargetKind, target, reason: str = "") -> None:
    """Hide, restore, lock, unlock, pin or unpin an initiative or a comment."""
    rule = CONTENT_ACTIONS.get(action)
    if rule is None or kind not in rule[0]:
        raise ModerationError(_("This action does not apply here."))
    kinds, attribute, value, needs_reason = rule
    described = targets.describe(kind, target)
    _check_may_moderate(moderator, described.owner)
    reason = _reason(reason, needs_reason)
    if getattr(target, attribute) == value:
        raise ModerationError(ALREADY[action])
    setattr(target, attribute, value)
    if attribute == "is_hidden":
        target.awaiting_approval = False
        target.hidden_at = utcnow() if value else None
        target.hidden_by_id = moderator.id if value else None
        if kind == TargetKind.COMMENT:
            db.session.flush()
            recount(target.initiative)
        kind_of_notice = "moderation-hidden" if value else "moderation-restored"
        _notify(described.owner, kind_of_notice, _subject(described.title, reason), described.url, moderator)
    resolution = FlagState.DISMISSED if action == Action.RESTORE else FlagState.ACTIONED
    _resolve_flags(kind, target.id, resolution)
    _record(moderator, action, kind, target.id, described.owner, described.title, reason)
    db.session.commit()


def dismiss_flags(moderator: User, kind: TargetKind, target, reason: str = "") -> int:
    """Close the open flags on a target without acting on it; returns how many."""
    if not permissions.is_moderator(moderator):
        raise ModerationError(_("Only moderators review flags."))
    described = targets.describe(kind, target)
    count = _resolve_flags(kind, target.id, FlagState.DISMISSED)
    if not count:
        raise ModerationError(_("There is no open flag on this."))
    _record(
        moderator, Action.DISMISS, kind, target.id, described.owner, described.title, _reason(reason, False)
    )
    db.session.commit()
    return count


def move_initiative(moderator: User, initiative: Initiative, category: Category, reason: str = "") -> None:
    """Put an initiative in another category."""
    _check_may_moderate(moderator, initiative.author)
    if category.id == initiative.category_id:
        raise ModerationError(_("The initiative is already in this category."), field="category")
    summary = f"{initiative.title} → {category.name}"
    initiative.category_id = category.id
    _record(moderator, Action.MOVE, TargetKind.INITIATIVE, initiative.id, initiative.author, summary, reason)
    db.session.commit()


def act_on_member(moderator: User, action: Action, member: User, reason: str = "", days: int | None = None):
    """Warn, suspend for ``days``, ban, or lift a suspension or a ban; the member is told why."""
    if action not in MEMBER_ACTIONS:
        raise ModerationError(_("This action does not apply here."))
    if not permissions.can_act_on_member(moderator, member):
        raise ModerationError(_("You cannot act on this account."))
    reason = _reason(reason, action != Action.LIFT)
    url = path_for("profiles.show", username=member.username)
    if action == Action.WARN:
        _notify(member, "moderation-warned", reason, url, moderator)
    elif action == Action.SUSPEND:
        _suspend(member, days)
        assert member.suspended_until is not None  # _suspend set it
        until = datetime_for(member, member.suspended_until)  # in the member's language and time zone
        _notify(member, "moderation-suspended", f"{reason} ({until})", url, moderator)
    elif action == Action.BAN:
        if member.state == AccountState.BANNED:
            raise ModerationError(_("This account is already banned."))
        _notify(member, "moderation-banned", reason, url, moderator)  # before the ban stops its e-mail
        member.state = AccountState.BANNED
        member.suspended_until = None
        db.session.execute(delete(UserSession).where(UserSession.user_id == member.id))
    else:
        if member.state == AccountState.ACTIVE:
            raise ModerationError(_("This account is neither suspended nor banned."))
        member.state = AccountState.ACTIVE
        member.suspended_until = None
        with force_locale(mail_locale(member.locale)):  # stored text, read by the member
            notice = reason or _("restored by the moderators")
        _notify(member, "moderation-lifted", notice, url, moderator)
    if action != Action.LIFT:
        _resolve_flags(TargetKind.MEMBER, member.id, FlagState.ACTIONED)
    _record(moderator, action, TargetKind.MEMBER, member.id, member, f"@{member.username}", reason)
    db.session.commit()


def change_role(admin: User, member: User, role: Role) -> None:
    """Make a member a moderator, or a moderator a member again."""
    if not permissions.can_change_role(admin, member) or Role.ADMIN in (role, member.role):
        raise ModerationError(_("You cannot change this member's role."))
    if member.role == role:
        raise ModerationError(_("The member already has this role."))
    member.role = role
    action = Action.PROMOTE if role == Role.MODERATOR else Action.DEMOTE
    _record(admin, action, TargetKind.MEMBER, member.id, member, f"@{member.username}", "")
    db.session.commit()


def _flag_of(reporter: User, kind: TargetKind, target_id: int) -> Flag | None:
    return db.session.scalar(
        select(Flag).where(
            Flag.reporter_id == reporter.id, Flag.target_kind == kind, Flag.target_id == target_id
        )
    )


def _open_flag_count(kind: TargetKind, target_id: int) -> int:
    db.session.flush()
    return (
        db.session.scalar(
            select(func.count(Flag.id)).where(
                Flag.target_kind == kind, Flag.target_id == target_id, Flag.state == FlagState.OPEN
            )
        )
        or 0
    )


def _hide_when_flagged_enough(kind: TargetKind, target, open_flags: int) -> None:
    """Content that enough distinct members flagged is hidden at once, until a moderator reviews it."""
    if kind not in HIDEABLE or target.is_hidden:
        return
    if open_flags < current_app.config["MODERATION_AUTO_HIDE_FLAGS"]:
        return
    target.is_hidden = True
    target.hidden_at = utcnow()
    if kind == TargetKind.COMMENT:
        db.session.flush()
        recount(target.initiative)
    described = targets.describe(kind, target)
    reason = _("flagged by %(count)d members, waiting for a moderator", count=open_flags)
    _notify(described.owner, "moderation-hidden", _subject(described.title, reason), described.url, None)
    _record(None, Action.AUTO_HIDE, kind, target.id, described.owner, described.title, reason)


def _check_may_moderate(moderator: User, owner: User | None) -> None:
    if not permissions.can_moderate_content(moderator, owner):
        raise ModerationError(_("You cannot act on this."))


def _reason(reason: str | None, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ModerationError(_("Give a reason: the member will read it."), field="reason")
    return reason


def _suspend(member: User, days: int | None) -> None:
    limit = current_app.config["MODERATION_MAX_SUSPENSION_DAYS"]
    if member.state == AccountState.BANNED:
        raise ModerationError(_("This account is banned: lift the ban first."))
    if permissions.is_suspended(member):
        raise ModerationError(_("This account is already suspended."))
    if days is None or not 1 <= days <= limit:
        raise ModerationError(_("Suspend for 1 to %(limit)d days.", limit=limit), field="days")
    member.state = AccountState.SUSPENDED
    member.suspended_until = utcnow() + timedelta(days=days)


def _subject(title: str, reason: str) -> str:
    return f"“{title}” — {reason}" if reason else f"“{title}”"


def _notify(member: User | None, kind: str, subject: str, url: str, moderator: User | None) -> None:
    if member is not None:
        notify(member, kind, subject, url, actor=moderator)


def _resolve_flags(kind: TargetKind, target_id: int, state: FlagState) -> int:
    result = db.session.execute(
        update(Flag)
        .where(Flag.target_kind == kind, Flag.target_id == target_id, Flag.state == FlagState.OPEN)
        .values(state=state, resolved_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    return cast(CursorResult, result).rowcount


def _record(moderator, action: Action, kind: TargetKind, target_id: int, member, summary: str, reason: str):
    db.session.add(
        AuditEntry(
            moderator_id=moderator.id if moderator else None,
            action=action,
            target_kind=kind,
            target_id=target_id,
            member_id=member.id if member else None,
            summary=summary[:200],
            reason=reason,
        )
    )
