"""Queue a message (in the caller's transaction) and deliver the queue (the worker's transactions)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import delete, func, select, update

from community.extensions import db
from community.outbox.models import OutgoingMail
from community.utils import utcnow

# Errors that say the server is not there (or went away): the rest of the pass waits too.
_UNREACHABLE = (ConnectionError, TimeoutError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)


def queue(message: EmailMessage) -> OutgoingMail:
    """Add ``message`` to the outbox in the current transaction; the caller commits."""
    row = OutgoingMail(
        recipient=str(message["To"])[:254], subject=str(message["Subject"])[:255], message=bytes(message)
    )
    db.session.add(row)
    return row


@dataclass
class Pass:
    """What one pass of the worker did."""

    sent: int = 0
    deferred: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """The wait before the next try: MAIL_RETRY_BASE doubled at each failure, at most MAIL_RETRY_MAX."""
    config = current_app.config
    seconds = config["MAIL_RETRY_BASE"] * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, config["MAIL_RETRY_MAX"]))


def deliver_due(limit: int = 100) -> Pass:
    """Send the messages that are due, each in its own transaction; stop early when SMTP is unreachable."""
    done = Pass()
    ids = db.session.scalars(
        select(OutgoingMail.id)
        .where(_pending(), OutgoingMail.next_attempt_at <= utcnow())
        .order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
        .limit(limit)
    ).all()
    db.session.commit()
    for mail_id in ids:
        row = _claim(mail_id)
        if row is None:  # another worker took it
            continue
        try:
            deliver(message_from_bytes(row.message, policy=policy.default))
        except _UNREACHABLE as error:
            _retry_later(row, error, done)
            break
        except smtplib.SMTPResponseException as error:
            if error.smtp_code >= 500:  # refused for good (unknown mailbox…): kept, marked failed
                _give_up(row, error, done)
            else:
                _retry_later(row, error, done)
        except (OSError, smtplib.SMTPException) as error:
            _retry_later(row, error, done)
        else:
            row.sent_at = utcnow()
            row.last_error = None
            db.session.commit()
            done.sent += 1
    return done


def _pending():
    return OutgoingMail.sent_at.is_(None) & OutgoingMail.failed_at.is_(None)


def _claim(mail_id: int) -> OutgoingMail | None:
    """Take the message for a while (MAIL_LEASE seconds), so that two workers never send it at once."""
    now = utcnow()
    lease = now + timedelta(seconds=current_app.config["MAIL_LEASE"])
    taken = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, _pending(), OutgoingMail.next_attempt_at <= now)
        .values(next_attempt_at=lease, attempts=OutgoingMail.attempts + 1)
    ).rowcount
    db.session.commit()
    return db.session.get(OutgoingMail, mail_id) if taken else None


def _retry_later(row: OutgoingMail, error: Exception, done: Pass) -> None:
    row.last_error = _describe(error)
    if utcnow() - row.created_at > timedelta(seconds=current_app.config["MAIL_GIVE_UP_AFTER"]):
        _give_up(row, error, done)
        return
    row.next_attempt_at = utcnow() + backoff(row.attempts)
    db.session.commit()
    done.deferred += 1
    current_app.logger.warning("Mail %s to %s deferred: %s", row.id, row.recipient, row.last_error)


def _give_up(row: OutgoingMail, error: Exception, done: Pass) -> None:
    row.last_error = _describe(error)
    row.failed_at = utcnow()
    db.session.commit()
    done.failed += 1
    current_app.logger.error("Mail %s to %s failed for good: %s", row.id, row.recipient, row.last_error)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def deliver(message: EmailMessage) -> None:
    """Hand one message to the configured backend (``file`` or ``smtp``)."""
    from community.mail import BACKENDS

    BACKENDS[current_app.config["MAIL_BACKEND"]](message)


def purge_sent() -> int:
    """Forget messages delivered more than MAIL_KEEP_SENT seconds ago; one transaction."""
    before = utcnow() - timedelta(seconds=current_app.config["MAIL_KEEP_SENT"])
    removed = db.session.execute(
        delete(OutgoingMail).where(OutgoingMail.sent_at.is_not(None), OutgoingMail.sent_at < before)
    ).rowcount
    db.session.commit()
    return removed


def waiting() -> int:
    """How many messages wait to be delivered (failed ones not counted)."""
    return db.session.scalar(select(func.count(OutgoingMail.id)).where(_pending()))


def retry_failed() -> int:
    """Put the messages given up on back in the queue (after fixing the mail settings); one transaction."""
    count = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_not(None))
        .values(failed_at=None, next_attempt_at=utcnow(), created_at=utcnow())
    ).rowcount
    db.session.commit()
    return count
