"""Members flag initiatives, comments, profiles and labs."""

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.forms import show_error
from community.messages.services import participant_of
from community.moderation import services, targets
from community.moderation.blueprint import bp, load_target
from community.moderation.errors import ModerationError
from community.moderation.forms import FlagForm
from community.moderation.models import FlagReason, TargetKind
from community.permissions import (
    can_flag,
    can_view_call,
    can_view_comment,
    can_view_event,
    can_view_initiative,
    can_view_lab,
    can_view_member,
    can_view_round,
)

VISIBLE = {
    TargetKind.INITIATIVE: can_view_initiative,
    TargetKind.COMMENT: lambda user, comment: (
        can_view_comment(user, comment) and can_view_initiative(user, comment.initiative)
    ),
    TargetKind.MEMBER: can_view_member,
    TargetKind.LAB: can_view_lab,
    TargetKind.EVENT: can_view_event,
    TargetKind.TEAM_RESULT: lambda user, result: can_view_round(user, result, None),
    TargetKind.CALL: can_view_call,
    TargetKind.MESSAGE: lambda user, message: participant_of(user, message.conversation) is not None,
}


@bp.route("/flag/<kind>/<int:target_id>", methods=["GET", "POST"])
@login_required
def flag(kind: str, target_id: int):
    """Tell the moderators what is wrong with something."""
    kind, target = load_target(kind, target_id)
    if not VISIBLE[kind](current_user, target):
        abort(404)
    if not can_flag(current_user, target):
        abort(403)
    described = targets.describe(kind, target)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            services.flag(current_user, kind, target, FlagReason(form.reason.data), form.text.data)
        except ModerationError as error:
            show_error(form, error)
        else:
            flash(_("Thank you: the moderators will look at it."), "success")
            return redirect(described.url)
    return render_template("moderation/flag.html", form=form, described=described)
