"""The moderation blueprint and what its views share: loading a target by kind and id."""

from flask import Blueprint, abort
from flask_babel import lazy_gettext as _l

from community.auth.models import AccountState, Role
from community.moderation import targets
from community.moderation.models import TargetKind

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def load_target(kind_name: str, target_id: int) -> tuple[TargetKind, object]:
    """The kind and the target named in the URL, or 404 for a forged kind or a missing target."""
    kind = targets.parse_kind(kind_name)
    target = targets.load(kind, target_id) if kind is not None else None
    if target is None:
        abort(404)
    return kind, target


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        {"KIND_LABELS": KIND_LABELS, "ROLE_LABELS": ROLE_LABELS, "STATE_LABELS": STATE_LABELS}
    )


KIND_LABELS = {
    TargetKind.INITIATIVE: _l("Initiative"),
    TargetKind.COMMENT: _l("Comment"),
    TargetKind.MEMBER: _l("Member"),
    TargetKind.LAB: _l("Lab"),
    TargetKind.EVENT: _l("Event"),
    TargetKind.TEAM_RESULT: _l("Team assessment result"),
    TargetKind.CALL: _l("Funding call"),
    TargetKind.MESSAGE: _l("Private message"),
}
ROLE_LABELS = {Role.MEMBER: _l("Member"), Role.MODERATOR: _l("Moderator"), Role.ADMIN: _l("Administrator")}
STATE_LABELS = {
    AccountState.ACTIVE: _l("Active"),
    AccountState.SUSPENDED: _l("Suspended"),
    AccountState.BANNED: _l("Banned"),
}
