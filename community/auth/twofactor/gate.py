"""Before every request of a signed-in member: note the session's activity, and keep staff pages
behind the second step (moderators and admins must have it on, and this session must have passed it).
"""

from __future__ import annotations

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, user_logged_in

from community.auth.twofactor import sessions, twostep
from community.permissions import must_use_two_step

# Staff pages: the moderation blueprint, and the forum's category management.
STAFF_BLUEPRINTS = frozenset({"moderation"})
STAFF_PATHS = ("/moderation/", "/initiatives/manage/")
SEEN_KEY = "_seen"


def init_app(app: Flask) -> None:
    app.config.setdefault("TWO_FACTOR_REQUIRED_FOR_STAFF", True)
    app.before_request(check_request)
    user_logged_in.connect(_signed_in, app)
    app.jinja_env.globals["must_use_two_step"] = must_use_two_step


def is_staff_page() -> bool:
    return request.blueprint in STAFF_BLUEPRINTS or request.path.startswith(STAFF_PATHS)


def check_request():
    """Record activity now and then; send staff without a passed second step where they get one."""
    if request.endpoint in (None, "static") or not _carries_a_session():
        return None
    if not current_user.is_authenticated:
        return None
    _note_activity()
    if not (is_staff_page() and must_use_two_step(current_user) and _required()):
        return None
    if not twostep.has_second_factor(current_user):
        flash(_("Moderators and administrators must turn on two-step sign-in first."), "info")
        return redirect(url_for("twofactor.two_step"))
    if not sessions.passed_second_factor(current_user.session_token):
        return redirect(url_for("twofactor.confirm_session", next=request.full_path))
    return None


def _required() -> bool:
    return bool(current_app.config["TWO_FACTOR_REQUIRED_FOR_STAFF"])


def _carries_a_session() -> bool:
    cookies = request.cookies
    return bool(
        cookies.get(current_app.config["SESSION_COOKIE_NAME"])
        or cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    )


def _note_activity() -> None:
    """Write "last seen" once per five minutes per browser, not on every page."""
    now = int(time.time())
    if now - session.get(SEEN_KEY, 0) < sessions.SEEN_EVERY.total_seconds():
        return
    sessions.record_activity(current_user.session_token, request.user_agent.string)
    session[SEEN_KEY] = now


def _signed_in(_app, user, **_extra) -> None:
    """A new session: note its browser now, so the sessions page names it from the start."""
    sessions.record_activity(user.session_token, request.user_agent.string)
    session[SEEN_KEY] = int(time.time())
