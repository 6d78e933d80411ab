"""Approvals: waiting members (vetted membership) and held first posts; and the waiting page."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.models import User
from community.extensions import db
from community.moderation import first_posts, vetting
from community.moderation.blueprint import bp, load_target
from community.moderation.errors import ModerationError
from community.moderation.forms import ReasonForm
from community.permissions import is_pending, moderator_required

bp.before_app_request(vetting.keep_pending_members_waiting)


@bp.route("/waiting")
@login_required
def waiting():
    """What a waiting member sees: their account waits for a moderator."""
    if not is_pending(current_user):
        return redirect(url_for("main.index"))
    return render_template("moderation/waiting.html")


@bp.route("/applicants/<int:user_id>/<action>", methods=["POST"])
@moderator_required
def review_member(user_id: int, action: str):
    """Approve a waiting member, or decline them with the reason they will read by e-mail."""
    if action not in ("approve", "decline"):
        abort(404)
    member = db.get_or_404(User, user_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            if action == "approve":
                vetting.approve(current_user, member)
            else:
                vetting.decline(current_user, member, form.reason.data)
        except ModerationError as error:
            flash(error.message, "error")
        if action == "approve":
            flash(_("@%(name)s is approved.", name=member.username), "success")
        else:
            flash(_("@%(name)s is declined.", name=member.username), "success")
    else:
        flash(_("The reason is too long."), "error")
    return redirect(url_for("moderation.index"))


@bp.route("/first-posts/<kind>/<int:target_id>/<action>", methods=["POST"])
@moderator_required
def review_post(kind: str, target_id: int, action: str):
    """Approve a held first post (it shows now), or reject it with a reason (it stays hidden)."""
    if action not in ("approve", "reject"):
        abort(404)
    kind, post = load_target(kind, target_id)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            if action == "approve":
                first_posts.approve(current_user, kind, post)
            else:
                first_posts.reject(current_user, kind, post, form.reason.data)
        except ModerationError as error:
            flash(error.message, "error")
        flash(_("The post is approved.") if action == "approve" else _("The post stays hidden."), "success")
    else:
        flash(_("The reason is too long."), "error")
    return redirect(url_for("moderation.index"))
