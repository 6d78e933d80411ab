"""The forum's blueprint and what its templates share: vocabularies, author links."""

from flask import Blueprint, current_app, request
from flask_login import current_user

from community.forum import vocabulary as v

bp = Blueprint("forum", __name__)


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        {
            "SECTORS": v.SECTORS,
            "STAGES": v.STAGES,
            "SDGS": v.SDGS,
            "CONTENT_LANGUAGES": v.CONTENT_LANGUAGES,
            "LICENCES": v.LICENCES,
        }
    )


def member_key() -> str:
    """Posting limits count per member, so an office behind one address is not blocked together."""
    return f"member:{current_user.id}" if current_user.is_authenticated else request.remote_addr or "unknown"


def posting_limits() -> str:
    return current_app.config["FORUM_POST_LIMITS"]


def created(response) -> bool:
    """Only posts that went through count against the limits (not previews nor refused forms)."""
    return response.status_code == 302
