"""/settings/tokens: a member's personal access tokens for the API."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.api import services
from community.api.errors import TokenError
from community.api.forms import TokenForm
from community.api.models import ApiToken
from community.extensions import db
from community.forms import show_error
from community.permissions import can_create_api_token, ensure

bp = Blueprint("api_tokens", __name__, url_prefix="/settings/tokens")


@bp.before_request
@login_required
def _members_only():
    """Tokens belong to a signed-in member."""


@bp.route("/", methods=["GET", "POST"])
def index():
    """List the member's tokens and make a new one; its secret is shown on this answer only."""
    form = TokenForm()
    if form.validate_on_submit():
        ensure(can_create_api_token(current_user))
        try:
            token, secret = services.create_token(
                current_user, form.name.data.strip(), form.can_write.data, _end_of(form.expires_on.data)
            )
        except TokenError as error:
            show_error(form, error)
        else:
            response = _page(TokenForm(formdata=None), new_token=token, secret=secret)
            return response, 201, {"Cache-Control": "no-store"}
    return _page(form), 400 if form.errors else 200


@bp.route("/<int:token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    """Stop a token at once (CSRFProtect checks the form's token)."""
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    services.revoke_token(current_user, token)
    flash(_("Token “%(name)s” revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))


def _page(form: TokenForm, **extra):
    return render_template(
        "api/tokens.html",
        form=form,
        tokens=services.tokens_of(current_user),
        may_create=can_create_api_token(current_user),
        **extra,
    )


def _end_of(day) -> datetime | None:
    """A token given an expiry day works until that day ends (UTC)."""
    return datetime.combine(day + timedelta(days=1), time()) if day else None
