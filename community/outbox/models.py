"""One outgoing e-mail, kept until it is delivered (and a while after, then purged)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.utils import utcnow


class OutgoingMail(db.Model):
    __tablename__ = "outgoing_mail"
    __table_args__ = (
        Index("ix_outgoing_mail_due", "sent_at", "failed_at", "next_attempt_at"),
        Index("ix_outgoing_mail_lease", "lease"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    # The whole RFC 5322 message as it will be sent: rendered once, in the recipient's language.
    message: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    # The pass of a worker that holds the message while it sends it (until next_attempt_at).
    lease: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None]
    # Set when the server refused the message for good, or it kept failing for MAIL_GIVE_UP_AFTER.
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
