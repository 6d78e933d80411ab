"""What the home feature gives every template: people in bylines, and the reader's standing."""

from flask_login import current_user

from community import permissions
from community.home.blueprint import bp
from community.home.people import badges_of, person


@bp.app_template_global()
def reader_is_member() -> bool:
    """Kept fragments that name members differ for visitors and members (profile privacy)."""
    return permissions.is_member(current_user)


bp.add_app_template_global(person, "person")
bp.add_app_template_global(badges_of, "badges_of")
