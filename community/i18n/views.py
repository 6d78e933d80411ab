"""/language: the header's language switcher, which works without JavaScript."""

from flask import Blueprint, abort, redirect, request
from flask_login import current_user

from community.auth.redirects import safe_next_url
from community.i18n import services
from community.i18n.forms import SwitchLanguageForm
from community.i18n.locales import remember_locale

bp = Blueprint("i18n", __name__)


@bp.route("/language", methods=["GET", "POST"])
def language():
    """Switch the language: a cookie for everyone, and the account's setting for a member.

    Visitors' switcher is a GET form: it changes no data, and their pages then carry no form token, so
    they stay the same for every visitor (and are served from memory, see main/pagecache.py). Members'
    switcher POSTs with its token, since it saves their setting.
    """
    if request.method == "GET":
        form = SwitchLanguageForm(request.args, meta={"csrf": False})
        if not form.validate():
            abort(400)
    else:
        form = SwitchLanguageForm()
        if not form.validate_on_submit():
            abort(400)
        if current_user.is_authenticated:
            services.set_language(current_user, form.locale.data)
    return remember_locale(redirect(safe_next_url(form.next.data)), form.locale.data)
