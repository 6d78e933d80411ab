"""Account routes: register, confirm, sign in, sign out, reset a forgotten password."""

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from community.auth import services
from community.auth.errors import AuthError
from community.auth.forms import LoginForm, NewPasswordForm, RegisterForm, ResetRequestForm
from community.auth.identity import username_key
from community.auth.redirects import safe_next_url
from community.auth.twofactor import signin as two_step_signin
from community.extensions import limiter, login_manager
from community.forms import ActionForm, show_error

bp = Blueprint("auth", __name__, url_prefix="/auth")


@login_manager.user_loader
def load_user(token: str):
    return services.load_session(token)


def _failed(response) -> bool:
    """Only refused attempts count against the sign-in limits."""
    return response.status_code != 302


def _login_account_key() -> str:
    """One bucket per account, whether it is named by e-mail address or by username."""
    identifier = request.form.get("identifier", "")
    user_id = services.account_id_for(identifier)
    if user_id is not None:
        return f"login:account:{user_id}"
    return "login:" + username_key(identifier)[:254]


def _register_address_key() -> str:
    """Every registration with one address counts, whoever sends it: its inbox gets the mail."""
    return "register:" + services.address_key(request.form.get("email", ""))


def _limit(setting: str):
    return lambda: current_app.config[setting]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_limit("REGISTER_LIMITS"), methods=["POST"])
@limiter.limit(_limit("REGISTER_LIMITS_PER_ADDRESS"), methods=["POST"], key_func=_register_address_key)
def register():
    """Open an account; the answer is the same whether or not the address is known."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            services.register(
                form.email.data, form.username.data, form.password.data, locale=_current_locale()
            )
        except AuthError as error:
            show_error(form, error)
        else:
            return redirect(url_for("auth.check_inbox"))
    return render_template("auth/register.html", form=form)


def _current_locale() -> str:
    return str(get_locale())


@bp.route("/register/check-inbox")
def check_inbox():
    return render_template("auth/check_inbox.html")


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """Show a button that confirms the address: link scanners that follow a GET change nothing."""
    form = ActionForm()
    if form.validate_on_submit():
        try:
            services.confirm_email(token)
        except AuthError as error:
            return render_template("auth/token_invalid.html", message=error.message), 400
        flash(_("Thank you: your e-mail address is confirmed."), "success")
        return redirect(url_for("main.index") if current_user.is_authenticated else url_for("auth.login"))
    return render_template("auth/confirm.html", form=form, token=token)


@bp.route("/confirm/resend", methods=["POST"])
@login_required
@limiter.limit("3 per hour", key_func=lambda: f"resend:{current_user.id}")
def resend_confirmation():
    """Send the confirmation link again to a signed-in, unconfirmed member."""
    if ActionForm().validate_on_submit() and not current_user.is_confirmed:
        services.send_confirmation(current_user)
        flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "info")
    return redirect(url_for("main.index"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_limit("LOGIN_LIMITS_PER_IP"), methods=["POST"], deduct_when=_failed)
@limiter.limit(
    _limit("LOGIN_LIMITS_PER_ACCOUNT"), methods=["POST"], key_func=_login_account_key, deduct_when=_failed
)
def login():
    """Sign in by e-mail address or username."""
    if current_user.is_authenticated:
        return redirect(safe_next_url(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.identifier.data, form.password.data)
        if user is None:
            form.form_errors.append(_("The e-mail address, username or password is not correct."))
        elif two_step_signin.second_step_needed(user):
            return two_step_signin.begin(user, form.remember.data, request.args.get("next"))
        else:
            try:
                services.start_session(user)
            except AuthError as error:
                show_error(form, error)
            else:
                session.clear()  # a fresh session at sign-in: nothing carried over
                login_user(user, remember=form.remember.data)
                first = g.get("first_sign_in", False)  # set by the home feature on the first sign-in
                welcome = _("Welcome, %(name)s.") if first else _("Welcome back, %(name)s.")
                flash(welcome % {"name": user.username}, "success")
                return redirect(safe_next_url(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """End this session for good: a copy of its cookie no longer works."""
    if ActionForm().validate_on_submit() and current_user.is_authenticated:
        services.end_session(current_user.session_token)
        logout_user()
        session.clear()
        flash(_("You are signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_limit("RESET_LIMITS"), methods=["POST"])
def reset_request():
    """Ask for a reset link; the answer never says whether the address has an account."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """Choose a new password from the e-mailed link."""
    if services.user_for_reset(token) is None:
        message = _("This reset link is invalid, used or expired. Ask for a new one.")
        return render_template("auth/token_invalid.html", message=message, reset=True), 400
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except AuthError as error:
            show_error(form, error)
        else:
            logout_user()
            session.clear()
            flash(_("Your password is changed. Sign in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, token=token)
