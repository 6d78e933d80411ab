"""The sign-in's second step: the password opened the account, a code (or passkey) opens the session.

Between the two steps the browser's signed session cookie holds who is half-way, for a few minutes;
no session row exists yet, so nothing is signed in until the second step passes.
"""

from __future__ import annotations

import time

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user

from community.auth import services as auth_services
from community.auth.models import User
from community.auth.redirects import safe_next_url
from community.auth.twofactor import sessions, twostep
from community.extensions import db

PENDING_KEY = "_two_step"
PENDING_SECONDS = 600


def second_step_needed(user: User) -> bool:
    return twostep.has_second_factor(user)


def begin(user: User, remember: bool, next_url: str | None):
    """Remember who passed the password, and ask for the second step."""
    session.clear()
    session[PENDING_KEY] = {"uid": user.id, "remember": bool(remember), "next": next_url, "at": time.time()}
    return redirect(url_for("twofactor.second_step"))


def pending_user() -> User | None:
    """The account half-way through signing in on this browser, while the few minutes last."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return db.session.get(User, pending.get("uid"))


def pending_key() -> str:
    pending = session.get(PENDING_KEY)
    return f"two-step:{pending.get('uid') if isinstance(pending, dict) else request.remote_addr}"


def finish(user: User, remember: bool | None = None, next_url: str | None = None) -> str:
    """Open the session that passed both steps; return where to go next. Raises AuthError if banned.

    After the password the choices made then apply; a passkey alone passes ``remember`` and ``next_url``.
    """
    pending = session.get(PENDING_KEY) or {"remember": remember, "next": next_url}
    token = auth_services.start_session(user)
    session.clear()  # a fresh session at sign-in: nothing carried over
    login_user(user, remember=bool(pending.get("remember")))
    sessions.record_activity(token, request.user_agent.string, second_factor=True)
    flash(_("Welcome back, %(name)s.", name=user.username), "success")
    return safe_next_url(pending.get("next"))
