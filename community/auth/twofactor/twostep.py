"""Two-step sign-in with an authenticator app (TOTP) and single-use recovery codes.

Public functions are use cases: each checks, changes rows and commits once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from flask_babel import gettext as _
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash

from community.auth.models import User
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.models import Passkey, RecoveryCode, TotpCredential
from community.extensions import db
from community.utils import utcnow

ISSUER = "Digital Transformation Agents"
RECOVERY_CODES = 10
STEP_SECONDS = 30
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper without doubt


def credential_of(user: User) -> TotpCredential | None:
    return db.session.get(TotpCredential, user.id)


def has_second_factor(user: User) -> bool:
    """The member set up an authenticator app (passkeys come on top of it)."""
    credential = credential_of(user)
    return credential is not None and credential.is_confirmed


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        ).all()
    )


def provisioning_uri(user: User, credential: TotpCredential) -> str:
    return pyotp.TOTP(credential.secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG, drawn on the server (no script, no other host)."""
    return segno.make(uri, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)


def start_enrolment(user: User) -> TotpCredential:
    """Give the member a new secret to scan; it is not in use until a code confirms it."""
    if has_second_factor(user):
        raise SecurityError(_("Two-step sign-in is already on."))
    credential = credential_of(user) or TotpCredential(user_id=user.id, secret="")
    credential.secret = pyotp.random_base32()
    credential.last_step = None
    db.session.add(credential)
    db.session.commit()
    return credential


def confirm_enrolment(user: User, code: str) -> list[str]:
    """Turn two-step sign-in on once the app shows a right code; return the recovery codes, once."""
    credential = credential_of(user)
    if credential is None or credential.is_confirmed:
        raise SecurityError(_("Start the set-up again."))
    if not _accept_totp(credential, code):
        raise SecurityError(_("That code is not right. Check the time on your phone and try again."), "code")
    credential.confirmed_at = utcnow()
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def verify_second_step(user: User, code: str) -> None:
    """Accept a code from the app or an unused recovery code, each good once; raise otherwise."""
    credential = credential_of(user)
    if credential is None or not credential.is_confirmed:
        raise SecurityError(_("Two-step sign-in is not on for this account."))
    if not (_accept_totp(credential, code) or _use_recovery_code(user, code)):
        db.session.rollback()
        raise SecurityError(_("That code is not right, or it was used already."), "code")
    db.session.commit()


def regenerate_recovery_codes(user: User, code: str) -> list[str]:
    """Replace every recovery code after a code from the app; the old ones stop working."""
    credential = credential_of(user)
    if credential is None or not credential.is_confirmed or not _accept_totp(credential, code):
        db.session.rollback()
        raise SecurityError(_("That code is not right, or it was used already."), "code")
    codes = _new_recovery_codes(user)
    db.session.commit()
    return codes


def disable(user: User, secret: str) -> None:
    """Turn two-step sign-in off (app, recovery codes and passkeys) after the password or a code."""
    credential = credential_of(user)
    if credential is None:
        raise SecurityError(_("Two-step sign-in is not on for this account."))
    good = check_password_hash(user.password_hash, secret or "") or (
        credential.is_confirmed and (_accept_totp(credential, secret) or _use_recovery_code(user, secret))
    )
    if not good:
        db.session.rollback()
        raise SecurityError(_("Enter your password or a code from your app."), "secret")
    for model in (RecoveryCode, Passkey):
        db.session.execute(delete(model).where(model.user_id == user.id))
    db.session.delete(credential)
    db.session.commit()


def _accept_totp(credential: TotpCredential, code: str) -> bool:
    """A code of this step or its neighbours (clock drift), never one at or before the last accepted."""
    code = "".join((code or "").split())
    if len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(credential.secret)
    now = int(time.time()) // STEP_SECONDS
    for step in (now - 1, now, now + 1):
        if credential.last_step is not None and step <= credential.last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            credential.last_step = step
            return True
    return False


def _hash_code(code: str) -> str:
    normalized = "".join(ch for ch in (code or "").lower() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()


def _use_recovery_code(user: User, code: str) -> bool:
    """Mark a matching unused recovery code as used (codes are random: a plain hash is enough)."""
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash_code(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = utcnow()
    return True


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _number in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _i in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        codes.append(code)
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash_code(code)))
    return codes
