"""The second step of signing in, and confirming an open session before staff pages."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.redirects import safe_next_url
from community.auth.services import AuthError
from community.auth.twofactor import passkeys, sessions, signin, twostep
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.forms import CodeForm
from community.auth.twofactor.views import bp
from community.extensions import limiter
from community.forms import show_error


def _failed(response) -> bool:
    """Only refused codes count against the limits, as at the password step."""
    return response.status_code != 302


def _limits(setting: str):
    return lambda: current_app.config[setting]


def _session_key() -> str:
    return f"confirm-session:{current_user.get_id()}"


@bp.route("/auth/two-step", methods=["GET", "POST"])
@limiter.limit(_limits("LOGIN_LIMITS_PER_IP"), methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _limits("LOGIN_LIMITS_PER_ACCOUNT"), methods=["POST"], key_func=signin.pending_key, deduct_when=_failed
)
def second_step():
    """After the password: a code from the app or a recovery code opens the session."""
    user = signin.pending_user()
    if user is None:
        flash(_("Sign in again: the second step waits only a few minutes."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            twostep.verify_second_step(user, form.code.data)
            return redirect(signin.finish(user))
        except (SecurityError, AuthError) as error:
            show_error(form, error)
    has_passkeys = passkeys.has_passkeys(user)
    return render_template("auth/two_step.html", form=form, has_passkeys=has_passkeys), (
        400 if form.errors or form.form_errors else 200
    )


@bp.route("/auth/two-step/session", methods=["GET", "POST"])
@login_required
@limiter.limit(
    _limits("LOGIN_LIMITS_PER_ACCOUNT"), methods=["POST"], key_func=_session_key, deduct_when=_failed
)
def confirm_session():
    """A session opened before two-step sign-in was on passes the second step before staff pages."""
    next_url = request.args.get("next")
    if not twostep.has_second_factor(current_user):
        return redirect(url_for("twofactor.two_step"))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            twostep.verify_second_step(current_user, form.code.data)
        except SecurityError as error:
            show_error(form, error)
        else:
            sessions.record_activity(
                current_user.session_token, request.user_agent.string, second_factor=True
            )
            return redirect(safe_next_url(next_url))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("auth/confirm_session.html", form=form, next_url=next_url), status
