"""Second factors (authenticator app, recovery codes, passkeys) and what we know of each session."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.utils import utcnow


class TotpCredential(db.Model):
    """A member's authenticator app: the shared secret, in use once a first code confirmed it."""

    __tablename__ = "totp_credentials"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    # The last 30-second step whose code was accepted: a code is good once.
    last_step: Mapped[int | None]

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(db.Model):
    """A single-use code for when the authenticator app is lost; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class Passkey(db.Model):
    """A WebAuthn credential a member registered as a second factor."""

    __tablename__ = "passkeys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)  # base64url
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]


class SessionDetail(db.Model):
    """What the sessions page shows of one open session, and whether it passed the second step."""

    __tablename__ = "session_details"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("user_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    second_factor_at: Mapped[datetime | None]
