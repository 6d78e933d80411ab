"""The blueprint that every lab route hangs on, and the loaders the routes share."""

from flask import Blueprint, abort
from flask_login import current_user

from community.labs import queries
from community.labs.models import Lab, LabMembership
from community.permissions import can_manage_lab, can_view_lab, ensure

bp = Blueprint("labs", __name__, url_prefix="/labs")


def load_lab(slug: str) -> tuple[Lab, LabMembership | None]:
    """The lab (404 when unknown or not visible to this user, as everywhere) and their membership."""
    lab = queries.lab_by_slug(slug)
    if lab is None or not can_view_lab(current_user, lab):
        abort(404)
    return lab, queries.membership_of(current_user, lab)


def load_managed_lab(slug: str) -> Lab:
    """The lab, when the current user may manage it (403 otherwise)."""
    lab, membership = load_lab(slug)
    ensure(can_manage_lab(current_user, lab, membership))
    return lab
