"""Passkeys: add and remove them in settings; use one as the second step of signing in (JSON)."""

import json

from flask import abort, current_app, flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.services import AuthError
from community.auth.twofactor import passkeys, signin
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.views import bp
from community.extensions import limiter
from community.forms import ActionForm

REGISTER_KEY = "_passkey_register"
SIGN_IN_KEY = "_passkey_sign_in"
PASSWORDLESS_KEY = "_passkey_passwordless"


def _failed(response) -> bool:
    return response.status_code != 200


def _limits(setting: str):
    return lambda: current_app.config[setting]


def _refused(error: SecurityError | AuthError, status: int = 400):
    return jsonify(error=str(error.message)), status


@bp.route("/settings/passkeys/options", methods=["POST"])
@login_required
def passkey_register_options():
    """The options for the browser to make a new passkey."""
    try:
        options, challenge = passkeys.registration_options(current_user)
    except SecurityError as error:
        return _refused(error)
    session[REGISTER_KEY] = challenge
    return current_app.response_class(options, mimetype="application/json")


@bp.route("/settings/passkeys", methods=["POST"])
@login_required
def passkey_register():
    """Keep the passkey the browser made."""
    data = request.get_json(silent=True) or {}
    try:
        passkeys.register(
            current_user, _as_json(data.get("credential")), session.pop(REGISTER_KEY, None), data.get("name")
        )
    except SecurityError as error:
        return _refused(error)
    flash(_("Passkey added."), "success")
    return jsonify(redirect=url_for("twofactor.two_step"))


@bp.route("/settings/passkeys/<int:passkey_id>/delete", methods=["POST"])
@login_required
def passkey_delete(passkey_id: int):
    """Forget one of the member's passkeys."""
    if ActionForm().validate_on_submit():
        if not passkeys.remove(current_user, passkey_id):
            abort(404)
        flash(_("Passkey removed."), "info")
    return redirect(url_for("twofactor.two_step"))


@bp.route("/auth/two-step/passkey/options", methods=["POST"])
def passkey_sign_in_options():
    """The options for the browser to use a passkey of the account half-way through signing in."""
    user = signin.pending_user()
    if user is None:
        return jsonify(error=_("Sign in again: the second step waits only a few minutes.")), 400
    options, challenge = passkeys.authentication_options(user)
    session[SIGN_IN_KEY] = challenge
    return current_app.response_class(options, mimetype="application/json")


@bp.route("/auth/two-step/passkey", methods=["POST"])
@limiter.limit(_limits("LOGIN_LIMITS_PER_IP"), deduct_when=_failed)
@limiter.limit(_limits("LOGIN_LIMITS_PER_ACCOUNT"), key_func=signin.pending_key, deduct_when=_failed)
def passkey_sign_in():
    """A passkey's answer opens the session, as a code from the app does."""
    user = signin.pending_user()
    if user is None:
        return jsonify(error=_("Sign in again: the second step waits only a few minutes.")), 400
    data = request.get_json(silent=True) or {}
    try:
        passkeys.authenticate(user, _as_json(data.get("credential")), session.pop(SIGN_IN_KEY, None))
        return jsonify(redirect=signin.finish(user))
    except (SecurityError, AuthError) as error:
        return _refused(error)


@bp.route("/auth/passkey/options", methods=["POST"])
def passkey_passwordless_options():
    """The options for signing in with a passkey alone, from the sign-in page."""
    options, challenge = passkeys.passwordless_options()
    session[PASSWORDLESS_KEY] = challenge
    return current_app.response_class(options, mimetype="application/json")


@bp.route("/auth/passkey", methods=["POST"])
@limiter.limit(_limits("LOGIN_LIMITS_PER_IP"), deduct_when=_failed)
def passkey_passwordless():
    """A passkey that checked its owner (PIN, fingerprint) signs in without the password."""
    data = request.get_json(silent=True) or {}
    try:
        user = passkeys.authenticate(
            None, _as_json(data.get("credential")), session.pop(PASSWORDLESS_KEY, None)
        )
        return jsonify(redirect=signin.finish(user, remember=False, next_url=request.args.get("next")))
    except (SecurityError, AuthError) as error:
        return _refused(error)


def _as_json(value) -> str:
    return json.dumps(value) if isinstance(value, dict) else ""
