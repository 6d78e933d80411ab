"""/settings/: the member's account and preferences."""

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from community.auth import services as auth_services
from community.auth.errors import AuthError
from community.auth.forms import ChangeEmailForm, ChangePasswordForm, DeleteAccountForm
from community.extensions import limiter
from community.forms import ActionForm, show_error
from community.i18n import services as i18n_services
from community.i18n.errors import PreferenceError
from community.i18n.forms import LanguageForm, TimeZoneForm
from community.i18n.locales import remember_locale
from community.i18n.zones import zone_of

bp = Blueprint("settings", __name__, url_prefix="/settings")


@bp.before_request
@login_required
def _members_only():
    """Every settings page belongs to a signed-in member."""


@bp.route("/")
def index():
    return _overview()


def _overview(language_form: LanguageForm | None = None, zone_form: TimeZoneForm | None = None):
    """The account's facts and the language and time-zone forms, each showing what is in use now."""
    language_form = language_form or LanguageForm(locale=str(get_locale()))
    zone_form = zone_form or TimeZoneForm(timezone=zone_of(current_user))
    return render_template("settings/index.html", language_form=language_form, zone_form=zone_form)


@bp.route("/language", methods=["POST"])
def language():
    """The same choice as the header's switcher: saved on the account and in the browser's cookie."""
    form = LanguageForm()
    if form.validate_on_submit():
        try:
            i18n_services.set_language(current_user, form.locale.data)
        except PreferenceError as error:
            show_error(form, error)
        else:
            flash(_("Language saved."), "success")
            return remember_locale(redirect(url_for("settings.index")), form.locale.data)
    return _overview(language_form=form), 400


@bp.route("/timezone", methods=["POST"])
def timezone():
    form = TimeZoneForm()
    if form.validate_on_submit():
        try:
            i18n_services.set_time_zone(current_user, form.timezone.data)
        except PreferenceError as error:
            show_error(form, error)
        else:
            flash(_("Time zone saved."), "success")
            return redirect(url_for("settings.index"))
    return _overview(zone_form=form), 400


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change the password; every other session of the member ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            auth_services.change_password(current_user, form.current_password.data, form.password.data)
        except AuthError as error:
            show_error(form, error)
        else:
            login_user(current_user._get_current_object())  # the cookie now names the new session
            flash(_("Your password is changed. Other devices have been signed out."), "success")
            return redirect(url_for("settings.index"))
    return render_template("settings/password.html", form=form)


def _email_change_key() -> str:
    return f"email-change:{current_user.id}"


@bp.route("/email", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["EMAIL_CHANGE_LIMITS"], methods=["POST"], key_func=_email_change_key
)
def email():
    """Ask to move to a new address; it takes effect once confirmed from that address."""
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            auth_services.request_email_change(current_user, form.password.data, form.email.data)
        except AuthError as error:
            show_error(form, error)
        else:
            flash(
                _(
                    "We sent a confirmation link to %(email)s. Your address changes once you follow it.",
                    email=form.email.data,
                ),
                "info",
            )
            return redirect(url_for("settings.index"))
    return render_template("settings/email.html", form=form)


@bp.route("/email/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    form = ActionForm()
    if form.validate_on_submit():
        try:
            auth_services.confirm_email_change(current_user, token)
        except AuthError as error:
            return render_template("auth/token_invalid.html", message=error.message), 400
        flash(_("Your e-mail address is changed."), "success")
        return redirect(url_for("settings.index"))
    return render_template("settings/email_confirm.html", form=form, token=token)


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    """Erase the account after the password is given again."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            auth_services.delete_account(current_user, form.password.data)
        except AuthError as error:
            show_error(form, error)
        else:
            logout_user()
            session.clear()
            flash(_("Your account is deleted. Thank you for taking part."), "info")
            return redirect(url_for("main.index"))
    return render_template("settings/delete.html", form=form)
