"""The blueprint that every lab route hangs on, and the loaders the routes share."""

from flask import Blueprint
from flask_login import current_user

from community.labs import queries
from community.labs.models import Lab, LabMembership
from community.permissions import can_manage_lab, can_view_lab, ensure

bp = Blueprint("labs", __name__, url_prefix="/labs")


def load_lab(slug: str) -> tuple[Lab, LabMembership | None]:
    """The lab (404 when unknown, 403 when not visible) and the current user's membership."""
    lab = queries.lab_by_slug(slug)
    ensure(can_view_lab(current_user, lab))
    return lab, queries.membership_of(current_user, lab)


def load_managed_lab(slug: str) -> Lab:
    """The lab, when the current user may manage it (403 otherwise)."""
    lab, membership = load_lab(slug)
    ensure(can_manage_lab(current_user, lab, membership))
    return lab
