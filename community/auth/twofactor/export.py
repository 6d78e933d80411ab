"""The member's data download: their second factors (never a secret) and their open sessions."""

from __future__ import annotations

from datetime import datetime

from community.auth.models import User
from community.auth.twofactor import passkeys, sessions, twostep
from community.profiles import export


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def security_data(user: User) -> dict:
    credential = twostep.credential_of(user)
    return {
        "two_step_sign_in": bool(credential and credential.is_confirmed),
        "two_step_since": _iso(credential.confirmed_at) if credential else None,
        "recovery_codes_left": twostep.recovery_codes_left(user),
        "passkeys": [
            {"name": p.name, "added_at": _iso(p.created_at), "last_used_at": _iso(p.last_used_at)}
            for p in passkeys.passkeys_of(user)
        ],
        "sessions": [
            {"device": s.device, "signed_in_at": _iso(s.signed_in_at), "last_seen_at": _iso(s.last_seen_at)}
            for s in sessions.open_sessions(user, None)
        ],
    }


export.register_section("security", security_data)
