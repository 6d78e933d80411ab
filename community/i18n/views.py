"""POST /language: the header's language switcher, which works without JavaScript."""

from flask import Blueprint, abort, redirect
from flask_login import current_user

from community.auth.redirects import safe_next_url
from community.i18n import services
from community.i18n.forms import SwitchLanguageForm
from community.i18n.locales import remember_locale

bp = Blueprint("i18n", __name__)


@bp.route("/language", methods=["POST"])
def language():
    """Switch the language: a cookie for everyone, and the account's setting for a member."""
    form = SwitchLanguageForm()
    if not form.validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        services.set_language(current_user, form.locale.data)
    return remember_locale(redirect(safe_next_url(form.next.data)), form.locale.data)
