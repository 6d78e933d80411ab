"""/settings/tokens/: a member's personal access tokens for the API.

These pages hang on the one ``settings`` blueprint (endpoints ``settings.tokens`` …), like every
feature's settings page.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.api import services
from community.api.forms import TokenForm
from community.api.models import ApiToken
from community.extensions import db
from community.forms import handle_form
from community.permissions import can_create_api_token, ensure
from community.settings.views import bp as settings_bp  # the one settings blueprint: signed-in only


@settings_bp.route("/tokens/", methods=["GET", "POST"])
def tokens():
    """List the member's tokens and make a new one; its secret is shown on this answer only."""
    form = TokenForm()

    def save():
        ensure(can_create_api_token(current_user))
        name, expires_at = form.name.data.strip(), _end_of(form.expires_on.data)
        token, secret = services.create_token(current_user, name, form.can_write.data, expires_at)
        page = _page(TokenForm(formdata=None), new_token=token, secret=secret)
        return page, 201, {"Cache-Control": "no-store"}

    return handle_form(form, save).or_render("api/tokens.html", **_context(form))


@settings_bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    """Stop a token at once (CSRFProtect checks the form's token)."""
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    services.revoke_token(current_user, token)
    flash(_("Token “%(name)s” revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("settings.tokens"))


def _context(form: TokenForm) -> dict:
    return {
        "form": form,
        "tokens": services.tokens_of(current_user),
        "may_create": can_create_api_token(current_user),
    }


def _page(form: TokenForm, **extra):
    return render_template("api/tokens.html", **_context(form), **extra)


def _end_of(day: date | None) -> datetime | None:
    """A token given an expiry day works until that day ends (UTC)."""
    return datetime.combine(day + timedelta(days=1), time()) if day else None
