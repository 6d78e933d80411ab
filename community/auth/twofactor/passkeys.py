"""Passkeys (WebAuthn) as a second factor, on top of the authenticator app.

The browser's signed session cookie keeps each ceremony's challenge between the options and the answer.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from community.auth.models import User
from community.auth.twofactor import twostep
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.models import Passkey
from community.extensions import db
from community.utils import utcnow

RP_NAME = "Digital Transformation Agents"
MAX_PASSKEYS = 10


def _relying_party() -> tuple[str, str]:
    """The site's host name (the RP id) and origin, from SITE_URL: never from the request's Host."""
    parts = urlsplit(current_app.config["SITE_URL"])
    return parts.hostname or "localhost", f"{parts.scheme}://{parts.netloc}"


def passkeys_of(user: User) -> list[Passkey]:
    return list(
        db.session.scalars(select(Passkey).where(Passkey.user_id == user.id).order_by(Passkey.created_at))
    )


def has_passkeys(user: User) -> bool:
    return db.session.scalar(select(Passkey.id).where(Passkey.user_id == user.id).limit(1)) is not None


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id)) for p in passkeys_of(user)]


def registration_options(user: User) -> tuple[str, str]:
    """The options the browser needs to make a passkey (JSON), and the challenge to keep."""
    if not twostep.has_second_factor(user):
        raise SecurityError(_("Turn on two-step sign-in with an authenticator app first."))
    rp_id, _origin = _relying_party()
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=RP_NAME,
        user_name=user.username,
        user_id=str(user.id).encode(),
        exclude_credentials=_descriptors(user),
        # Kept on the device when it can: such a passkey also signs in without the password.
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def register(user: User, credential: str, challenge: str | None, name: str) -> Passkey:
    """Keep the passkey the browser made, once its answer checks out."""
    if not challenge or not twostep.has_second_factor(user):
        raise SecurityError(_("Start adding the passkey again."))
    if len(passkeys_of(user)) >= MAX_PASSKEYS:
        raise SecurityError(_("You have as many passkeys as an account may keep."))
    rp_id, origin = _relying_party()
    try:
        verified = verify_registration_response(
            credential=_parsed(credential),
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as error:
        raise SecurityError(_("The passkey could not be checked. Try again.")) from error
    passkey = Passkey(
        user_id=user.id,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        name=(name or "").strip()[:60] or _("Passkey"),
    )
    db.session.add(passkey)
    db.session.commit()
    return passkey


def authentication_options(user: User) -> tuple[str, str]:
    """The options the browser needs to use one of the member's passkeys, and the challenge to keep."""
    rp_id, _origin = _relying_party()
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def passwordless_options() -> tuple[str, str]:
    """Options for signing in with a passkey alone: the device offers the ones it keeps for this site."""
    rp_id, _origin = _relying_party()
    options = generate_authentication_options(
        rp_id=rp_id, user_verification=UserVerificationRequirement.REQUIRED
    )
    return options_to_json(options), bytes_to_base64url(options.challenge)


def authenticate(user: User | None, credential: str, challenge: str | None) -> User:
    """Accept the answer when one of the member's passkeys signed it; raise otherwise.

    With ``user`` None (no password first) any member's passkey counts, and the device must have
    checked the person (PIN, fingerprint)."""
    data = _parsed(credential)
    query = select(Passkey).where(Passkey.credential_id == str(data.get("id", "")))
    passkey = db.session.scalar(query if user is None else query.where(Passkey.user_id == user.id))
    if passkey is None or not challenge:
        raise SecurityError(_("That passkey is not one of this account's."))
    _check_answer(passkey, data, challenge, require_user_verification=user is None)
    return db.session.get(User, passkey.user_id)


def _check_answer(passkey: Passkey, data: dict, challenge: str, require_user_verification: bool) -> None:
    rp_id, origin = _relying_party()
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=require_user_verification,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as error:
        raise SecurityError(_("The passkey could not be checked. Try again.")) from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    db.session.commit()


def remove(user: User, passkey_id: int) -> bool:
    """Forget one of the member's passkeys; False when it is not theirs."""
    passkey = db.session.get(Passkey, passkey_id)
    if passkey is None or passkey.user_id != user.id:
        return False
    db.session.delete(passkey)
    db.session.commit()
    return True


def _parsed(credential: str) -> dict:
    try:
        data = json.loads(credential or "")
    except ValueError as error:
        raise SecurityError(_("The passkey could not be checked. Try again.")) from error
    if not isinstance(data, dict):
        raise SecurityError(_("The passkey could not be checked. Try again."))
    return data
