"""What the home feature gives every template: people in bylines, and the reader's standing."""

from flask_login import current_user

from community import permissions
from community.home import queries
from community.home.blueprint import bp
from community.home.forms import LEVEL_LABELS
from community.home.people import badges_of, person


@bp.app_template_global()
def reader_is_member() -> bool:
    """Kept fragments that name members differ for visitors and members (profile privacy)."""
    return permissions.is_member(current_user)


bp.add_app_template_global(person, "person")
bp.add_app_template_global(badges_of, "badges_of")


@bp.app_template_global()
def watch_level(kind: str, value: str):
    """The reader's level on a lab, category or tag (by its slug or name), or None."""
    return queries.watch_level(current_user, kind, value) if current_user.is_authenticated else None


bp.add_app_template_global(LEVEL_LABELS, "watch_labels")


@bp.app_template_global()
def initiative_muted(user, initiative) -> bool:
    """Whether the member muted this initiative (one query, on its page only)."""
    return queries.is_muted(user, initiative)
