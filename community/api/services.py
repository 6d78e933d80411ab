"""Personal access tokens: create (the secret is shown once), use, revoke."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from community import permissions
from community.api.errors import TokenError
from community.api.models import ApiToken
from community.auth.models import User
from community.extensions import db
from community.utils import utc_iso, utcnow

PREFIX = "cnt_"  # says what a leaked string is, so secret scanners and people recognise it
MAX_TOKENS = 20
# "Last used" is kept to the nearest few minutes: a write per request would be a write per API call.
LAST_USED_PRECISION = timedelta(minutes=5)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, can_write: bool, expires_at: datetime | None) -> tuple[ApiToken, str]:
    """Make a token for the member; returns it and its secret, which is never shown again."""
    if not permissions.can_create_api_token(user):
        raise TokenError(_("Confirm your e-mail address before you create a token."))
    if expires_at is not None and expires_at <= utcnow():
        raise TokenError(_("Choose an expiry date in the future."), field="expires_on")
    active = select(ApiToken.id).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if len(db.session.scalars(active).all()) >= MAX_TOKENS:
        raise TokenError(
            _("You have %(count)d tokens: revoke one you no longer use first.", count=MAX_TOKENS)
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        digest=digest(secret),
        hint=secret[:10],
        can_write=can_write,
        expires_at=expires_at,
    )
    db.session.add(token)
    db.session.commit()
    return token, secret


def revoke_token(user: User, token: ApiToken) -> None:
    if token.user_id != user.id:
        raise TokenError(_("This is not your token."))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()


def tokens_of(user: User) -> list[ApiToken]:
    statement = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    return list(db.session.scalars(statement))


def token_in_use(secret: str) -> ApiToken | None:
    """The usable token with this secret, whose member may still sign in; notes when it was used."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.digest == digest(secret[:200])))
    now = utcnow()
    if token is None or not token.is_usable(now) or not permissions.can_use_api_token(token.user):
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        token.last_used_at = now
        db.session.commit()
    return token


def exported_tokens(user: User) -> list[dict]:
    """The member's tokens for their data download: what they are, never their secrets."""
    return [
        {
            "name": token.name,
            "scopes": [scope.value for scope in token.scopes],
            "created_at": utc_iso(token.created_at),
            "expires_at": utc_iso(token.expires_at),
            "last_used_at": utc_iso(token.last_used_at),
            "revoked_at": utc_iso(token.revoked_at),
        }
        for token in tokens_of(user)
    ]
