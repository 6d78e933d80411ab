"""Tell members what happened: notifications on the site, e-mailed at once, in a digest, or never.

``notify`` is the one entry point for every feature (forum, moderation, labs): it adds the
notification without committing; the e-mail of a member who wants it immediately is queued in the
outbox in the same transaction, so it leaves only if the caller's transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import CursorResult, func, or_, select, true, update
from sqlalchemy.orm import joinedload

from community.auth.models import AccountState, User
from community.extensions import db
from community.mail import send_mail
from community.notifications.models import DEFAULT_EMAIL_MODE, EmailMode, Notification, NotificationSetting
from community.utils import utcnow

# kind -> message; %(actor)s is who acted, %(subject)s what it concerns. Features add theirs.
MESSAGES = {
    "comment": _l("%(actor)s commented on “%(subject)s”."),
    "reply": _l("%(actor)s replied to your comment on “%(subject)s”."),
    "mention": _l("%(actor)s mentioned you in “%(subject)s”."),
}
DIGEST_LIMIT = 50


def register_kind(kind: str, message) -> None:
    """Let another feature add a kind of notification and its (lazy-translated) message."""
    MESSAGES[kind] = message


def message_for(notification: Notification) -> str:
    """The notification as a sentence in the current language."""
    actor = display_name(notification.actor) if notification.actor else None
    return format_message(notification.kind, actor, notification.subject)


def display_name(user: User) -> str:
    """Members are named by their display name (the username while they have no profile)."""
    return user.profile.display_name if user.profile is not None else user.username


def format_message(kind: str, actor: str | None, subject: str) -> str:
    template = MESSAGES.get(kind)
    if template is None:
        return subject
    return str(template) % {"actor": actor or _("A former member"), "subject": subject}


@dataclass(frozen=True)
class _Mail:
    to: str
    locale: str | None
    kind: str
    actor: str | None
    subject: str
    url: str


def notify(user: User, kind: str, subject: str, url: str, actor: User | None = None) -> Notification | None:
    """Add a notification for ``user`` (never for the actor themself); the caller commits."""
    if actor is not None and actor.id == user.id:
        return None
    notification = Notification(user_id=user.id, actor=actor, kind=kind, subject=subject[:200], url=url[:500])
    if email_mode(user) == EmailMode.IMMEDIATELY:
        notification.emailed_at = utcnow()
        if user.confirmed_at is not None and user.state != AccountState.BANNED:
            mail = _Mail(user.email, user.locale, kind, display_name(actor) if actor else None, subject, url)
            _queue_notification_mail(mail)
    db.session.add(notification)
    return notification


def email_mode(user: User) -> EmailMode:
    setting = db.session.get(NotificationSetting, user.id)
    return setting.email_mode if setting else DEFAULT_EMAIL_MODE


def set_email_mode(user: User, mode: EmailMode) -> None:
    """Save how the member wants to hear of notifications by e-mail."""
    setting = db.session.get(NotificationSetting, user.id)
    if setting is None:
        setting = NotificationSetting(user_id=user.id)
        db.session.add(setting)
    setting.email_mode = mode
    db.session.commit()


def unread_count(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def page_of_notifications(user: User, page: int, per_page: int = 30, kind: str | None = None):
    statement = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .where(Notification.kind == kind if kind else true())
        .options(joinedload(Notification.actor).joinedload(User.profile))
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False, count=True)


@dataclass
class Group:
    """The notifications of one page that concern one initiative or conversation."""

    url: str
    items: list[Notification]

    @property
    def unread(self) -> int:
        return sum(1 for item in self.items if not item.is_read)


def grouped(notifications: list[Notification]) -> list[Group]:
    """Notifications of the same thing together, in the order of the newest of each."""
    groups: dict[str, Group] = {}
    for notification in notifications:
        base = notification.url.partition("#")[0]
        groups.setdefault(base, Group(base, [])).items.append(notification)
    return list(groups.values())


def kinds_of(user: User) -> list[str]:
    """The kinds of notification the member has, for the filter."""
    statement = select(Notification.kind).where(Notification.user_id == user.id).distinct()
    return sorted(db.session.scalars(statement))


def mark_read(user: User, notification_id: int) -> bool:
    """Mark one of the member's notifications read; False when it is not theirs."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.user_id == user.id)
        .values(read_at=func.coalesce(Notification.read_at, utcnow()))
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount > 0


def mark_all_read(user: User) -> None:
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()


def send_digests() -> int:
    """E-mail each daily-digest member what they have not been told yet; returns the number sent.

    Commits once per member, so a failure half-way leaves the members already served marked.
    """
    sent = 0
    for user in _digest_recipients():
        pending = list(
            db.session.scalars(
                select(Notification)
                .where(Notification.user_id == user.id, Notification.emailed_at.is_(None))
                .options(joinedload(Notification.actor).joinedload(User.profile))
                .order_by(Notification.created_at.desc())
            )
        )
        unread = [notification for notification in pending if notification.read_at is None]
        if unread:
            _send_digest(user, unread)
            sent += 1
        now = utcnow()
        for notification in pending:
            notification.emailed_at = now
        _setting_for(user).last_digest_at = now
        db.session.commit()
    return sent


def _digest_recipients() -> list[User]:
    mode = func.coalesce(NotificationSetting.email_mode, DEFAULT_EMAIL_MODE.value)
    pending = select(Notification.user_id).where(Notification.emailed_at.is_(None)).distinct()
    return list(
        db.session.scalars(
            select(User)
            .outerjoin(NotificationSetting, NotificationSetting.user_id == User.id)
            .where(User.id.in_(pending), User.confirmed_at.is_not(None))
            .where(User.state != AccountState.BANNED)
            .where(or_(NotificationSetting.user_id.is_(None), mode == EmailMode.DAILY.value))
            .order_by(User.id)
        )
    )


def _setting_for(user: User) -> NotificationSetting:
    setting = db.session.get(NotificationSetting, user.id)
    if setting is None:
        setting = NotificationSetting(user_id=user.id, email_mode=DEFAULT_EMAIL_MODE)
        db.session.add(setting)
    return setting


def _send_digest(user: User, unread: list[Notification]) -> None:
    send_mail(
        user.email,
        _l("Your daily digest from the network"),
        "notifications_digest",
        locale=user.locale,
        user=user,
        items=unread[:DIGEST_LIMIT],
        more=max(0, len(unread) - DIGEST_LIMIT),
        format_message=format_message,
    )


def _queue_notification_mail(mail: _Mail) -> None:
    send_mail(
        mail.to,
        _l("New on the network"),
        "notification",
        locale=mail.locale,
        mail=mail,
        format_message=format_message,
    )
