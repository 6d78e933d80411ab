"""Queue a message (in the caller's transaction) and deliver the queue (the worker's transactions)."""

from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, delete, func, select, update

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
    """Send the messages that are due through one connection, each marked sent in its own transaction;
    stop early when the SMTP server is unreachable (the rest stays due)."""
    done = Pass()
    rows = _claim(limit)
    sender = _Sender()
    try:
        for number, row in enumerate(rows):
            try:
                sender.send(message_from_bytes(row.message, policy=policy.default))
            except _UNREACHABLE as error:
                _retry_later(row, error, done)
                _release(rows[number + 1 :])
                break
            except smtplib.SMTPResponseException as error:
                _failed(row, error, done, permanent=error.smtp_code >= 500)
            except smtplib.SMTPRecipientsRefused as error:
                codes = [code for code, _text in error.recipients.values()]
                _failed(row, error, done, permanent=bool(codes) and min(codes) >= 500)
            except (OSError, smtplib.SMTPException) as error:
                _retry_later(row, error, done)
            else:
                row.sent_at = utcnow()
                row.last_error = row.lease = None
                db.session.commit()
                done.sent += 1
    finally:
        sender.close()
    return done


def _pending():
    return OutgoingMail.sent_at.is_(None) & OutgoingMail.failed_at.is_(None)


def _claim(limit: int) -> list[OutgoingMail]:
    """Take up to ``limit`` due messages for MAIL_LEASE seconds, in one statement, so that two workers
    never send the same one (a worker that dies lets its messages come due again after the lease)."""
    now, token = utcnow(), secrets.token_hex(16)
    due = (
        select(OutgoingMail.id)
        .where(_pending(), OutgoingMail.next_attempt_at <= now)
        .order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
        .limit(limit)
    )
    db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id.in_(due), _pending(), OutgoingMail.next_attempt_at <= now)
        .values(
            lease=token,
            next_attempt_at=now + timedelta(seconds=current_app.config["MAIL_LEASE"]),
            attempts=OutgoingMail.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(
        db.session.scalars(select(OutgoingMail).where(OutgoingMail.lease == token).order_by(OutgoingMail.id))
    )


def _release(rows: list[OutgoingMail]) -> None:
    """Give back the messages of this pass that were not tried: due again, no attempt counted."""
    for row in rows:
        row.next_attempt_at, row.attempts, row.lease = utcnow(), row.attempts - 1, None
    db.session.commit()


def _retry_later(row: OutgoingMail, error: Exception, done: Pass) -> None:
    row.last_error = _describe(error)
    if utcnow() - row.created_at > timedelta(seconds=current_app.config["MAIL_GIVE_UP_AFTER"]):
        _failed(row, error, done, permanent=True)
        return
    row.next_attempt_at = utcnow() + backoff(row.attempts)
    row.lease = None
    db.session.commit()
    done.deferred += 1
    current_app.logger.warning("Mail %s to %s deferred: %s", row.id, row.recipient, row.last_error)


def _failed(row: OutgoingMail, error: Exception, done: Pass, permanent: bool) -> None:
    """A refusal for good (5xx, or too old) marks the message failed, kept; any other is retried."""
    if not permanent:
        _retry_later(row, error, done)
        return
    row.last_error = _describe(error)
    row.failed_at = utcnow()
    row.lease = None
    db.session.commit()
    done.failed += 1
    current_app.logger.error("Mail %s to %s failed for good: %s", row.id, row.recipient, row.last_error)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


class _Sender:
    """Hands messages to the configured backend; over SMTP, one connection for the whole pass."""

    def __init__(self):
        self.backend = current_app.config["MAIL_BACKEND"]
        self.smtp = None

    def send(self, message: EmailMessage) -> None:
        from community.mail import BACKENDS, smtp_connection

        if self.backend != "smtp":
            BACKENDS[self.backend](message)
            return
        if self.smtp is None:
            self.smtp = smtp_connection()
        try:
            self.smtp.send_message(message)
        except BaseException:
            self.close()  # the next message starts on a fresh connection
            raise

    def close(self) -> None:
        if self.smtp is not None:
            smtp, self.smtp = self.smtp, None
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


def purge_sent() -> int:
    """Forget messages delivered more than MAIL_KEEP_SENT seconds ago; one transaction."""
    before = utcnow() - timedelta(seconds=current_app.config["MAIL_KEEP_SENT"])
    result = db.session.execute(
        delete(OutgoingMail).where(OutgoingMail.sent_at.is_not(None), OutgoingMail.sent_at < before)
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount


def waiting() -> int:
    """How many messages wait to be delivered (failed ones not counted)."""
    return db.session.scalar(select(func.count(OutgoingMail.id)).where(_pending())) or 0


def retry_failed() -> int:
    """Put the messages given up on back in the queue (after fixing the mail settings); one transaction."""
    result = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_not(None))
        .values(failed_at=None, next_attempt_at=utcnow(), created_at=utcnow())
    )
    db.session.commit()
    return cast(CursorResult, result).rowcount
