"""/settings/two-step: turn two-step sign-in on with an authenticator app, see recovery codes, turn it off."""

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.twofactor import passkeys, sessions, twostep
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.forms import AppCodeForm, DisableForm
from community.auth.twofactor.views import bp
from community.extensions import limiter
from community.forms import ActionForm, show_error


def _failed(response) -> bool:
    """Refused codes and passwords count, as at sign-in: a stolen session cannot guess its way on."""
    return response.status_code == 400


def _account_key() -> str:
    return f"two-step-settings:{current_user.id}"


def _throttled(view):
    limit = limiter.limit(
        lambda: current_app.config["LOGIN_LIMITS_PER_ACCOUNT"],
        methods=["POST"],
        key_func=_account_key,
        deduct_when=_failed,
    )
    return limit(view)


@bp.route("/settings/two-step")
@login_required
def two_step():
    """Where two-step sign-in stands for the member, and what they can do about it."""
    return _overview()


def _overview(code_form=None, disable_form=None, status: int = 200):
    credential = twostep.credential_of(current_user)
    return render_template(
        "settings/two_step.html",
        credential=credential,
        enabled=credential is not None and credential.is_confirmed,
        codes_left=twostep.recovery_codes_left(current_user),
        passkey_list=passkeys.passkeys_of(current_user),
        code_form=code_form or AppCodeForm(),
        disable_form=disable_form or DisableForm(),
    ), status


@bp.route("/settings/two-step/setup", methods=["POST"])
@login_required
def setup():
    """Make a new secret and show it to be scanned."""
    if ActionForm().validate_on_submit():
        try:
            twostep.start_enrolment(current_user)
        except SecurityError as error:
            flash(error.message, "info")
            return redirect(url_for("twofactor.two_step"))
    return redirect(url_for("twofactor.confirm_setup"))


@bp.route("/settings/two-step/confirm", methods=["GET", "POST"])
@login_required
@_throttled
def confirm_setup():
    """Show the QR code and the secret; a first right code turns two-step sign-in on."""
    credential = twostep.credential_of(current_user)
    if credential is None or credential.is_confirmed:
        return redirect(url_for("twofactor.two_step"))
    form = AppCodeForm()
    if form.validate_on_submit():
        try:
            codes = twostep.confirm_enrolment(current_user, form.code.data)
        except SecurityError as error:
            show_error(form, error)
        else:
            sessions.record_activity(
                current_user.session_token, request.user_agent.string, second_factor=True
            )
            flash(_("Two-step sign-in is on."), "success")
            return _show_codes(codes)
    uri = twostep.provisioning_uri(current_user, credential)
    page = render_template(
        "settings/two_step_confirm.html", form=form, secret=credential.secret, qr=twostep.qr_svg(uri)
    )
    return _private(page, 400 if form.errors else 200)


@bp.route("/settings/two-step/recovery-codes", methods=["POST"])
@login_required
@_throttled
def recovery_codes():
    """New recovery codes after a code from the app; the old ones stop working."""
    form = AppCodeForm()
    if form.validate_on_submit():
        try:
            codes = twostep.regenerate_recovery_codes(current_user, form.code.data)
        except SecurityError as error:
            show_error(form, error)
        else:
            return _show_codes(codes)
    return _overview(code_form=form, status=400)


@bp.route("/settings/two-step/disable", methods=["POST"])
@login_required
@_throttled
def disable():
    """Turn two-step sign-in off after the password or a code."""
    form = DisableForm()
    if form.validate_on_submit():
        try:
            twostep.disable(current_user, form.secret.data)
        except SecurityError as error:
            show_error(form, error)
        else:
            flash(_("Two-step sign-in is off."), "info")
            return redirect(url_for("twofactor.two_step"))
    return _overview(disable_form=form, status=400)


def _show_codes(codes: list[str]):
    """The recovery codes, shown this once (kept nowhere but as hashes)."""
    return _private(render_template("settings/recovery_codes.html", codes=codes), 200)


def _private(page: str, status: int):
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    return response
