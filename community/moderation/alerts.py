"""Tell moderators that flags wait, per their choice: at once, once a day, or never.

Without a saved choice a moderator hears once a day, so that the queue never sits unseen.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select

from community.auth.models import AccountState, Role, User
from community.extensions import db
from community.mail import send_mail
from community.moderation.models import AlertMode, Flag, FlagState, ModeratorAlert
from community.utils import utcnow

DAY = timedelta(hours=23)  # a little under a day, so that a daily cron never skips one


def alert_mode(user: User) -> AlertMode:
    setting = db.session.get(ModeratorAlert, user.id)
    return setting.mode if setting else AlertMode.DAILY


def set_alert_mode(user: User, mode: AlertMode) -> None:
    """Save how the moderator wants to hear of waiting flags."""
    setting = db.session.get(ModeratorAlert, user.id)
    if setting is None:
        setting = ModeratorAlert(user_id=user.id)
        db.session.add(setting)
    setting.mode = mode
    db.session.commit()


def moderators_by_mode() -> list[tuple[User, AlertMode, ModeratorAlert | None]]:
    rows = db.session.execute(
        select(User, ModeratorAlert)
        .outerjoin(ModeratorAlert, ModeratorAlert.user_id == User.id)
        .where(User.role.in_((Role.MODERATOR, Role.ADMIN)), User.state == AccountState.ACTIVE)
        .where(User.confirmed_at.is_not(None))
        .order_by(User.id)
    ).all()
    return [(user, setting.mode if setting else AlertMode.DAILY, setting) for user, setting in rows]


def send_immediate_alerts(subject: str) -> int:
    """E-mail the moderators who want to know at once: queued with the flag, the caller commits."""
    sent = 0
    for user, mode, _setting in moderators_by_mode():
        if mode == AlertMode.IMMEDIATELY:
            title = _l("A new flag waits in the moderation queue")
            send_mail(user.email, title, "moderation_alert", locale=user.locale, user=user, flagged=subject)
            sent += 1
    return sent


def send_daily_alerts() -> int:
    """E-mail the moderators who chose a daily message, when flags wait; one transaction."""
    waiting = db.session.scalar(select(func.count(Flag.id)).where(Flag.state == FlagState.OPEN))
    if not waiting:
        return 0
    now, sent, mails = utcnow(), 0, []
    for user, mode, setting in moderators_by_mode():
        if mode != AlertMode.DAILY or (setting and setting.last_sent_at and setting.last_sent_at > now - DAY):
            continue
        if setting is None:
            setting = ModeratorAlert(user_id=user.id, mode=AlertMode.DAILY)
            db.session.add(setting)
        setting.last_sent_at = now
        mails.append(user)
    for user in mails:
        title = lazy_ngettext(
            "%(num)d flag waits in the moderation queue",
            "%(num)d flags wait in the moderation queue",
            waiting,
        )
        send_mail(user.email, title, "moderation_digest", locale=user.locale, user=user, count=waiting)
        sent += 1
    db.session.commit()
    return sent
