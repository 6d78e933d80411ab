"""Actions on members: warn, suspend, ban, lift; admins change roles."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from community.auth.models import Role, User
from community.extensions import db
from community.forms import handle_form
from community.moderation import queries, services
from community.moderation.blueprint import bp
from community.moderation.errors import ModerationError
from community.moderation.forms import ReasonForm, RoleForm, SuspendForm
from community.moderation.models import Action
from community.moderation.purge import purge_account
from community.permissions import admin_required, can_act_on_member, ensure, moderator_required

DONE = {
    Action.WARN: _l("The warning is sent."),
    Action.SUSPEND: _l("The account is suspended."),
    Action.BAN: _l("The account is banned and signed out everywhere."),
    Action.LIFT: _l("The account is active again."),
}


@bp.route("/members/<int:user_id>")
@moderator_required
def member(user_id: int):
    """A member's standing, what moderators did about them, and the actions."""
    member = db.get_or_404(User, user_id)
    return render_template(
        "moderation/member.html",
        member=member,
        history=queries.history_of_member(member),
        role_form=RoleForm(role=member.role.value),
    )


@bp.route("/members/<int:user_id>/<action>", methods=["GET", "POST"])
@moderator_required
def act_on_member(user_id: int, action: str):
    """Warn, suspend, ban or lift, with the reason the member will read."""
    if action not in {done.value for done in DONE}:
        abort(404)
    member = db.get_or_404(User, user_id)
    ensure(can_act_on_member(current_user, member))
    action = Action(action)
    form = SuspendForm() if action == Action.SUSPEND else ReasonForm()

    def save():
        days = form.days.data if action == Action.SUSPEND else None
        services.act_on_member(current_user, action, member, form.reason.data, days)
        flash(str(DONE[action]), "success")
        return redirect(url_for("moderation.member", user_id=member.id))

    submission = handle_form(form, save)
    return submission.or_render("moderation/member_action.html", form=form, action=action, member=member)


_ROLE_CHANGED = {
    Role.MEMBER: lambda **names: _("@%(name)s is now a member.", **names),
    Role.MODERATOR: lambda **names: _("@%(name)s is now a moderator.", **names),
    Role.ADMIN: lambda **names: _("@%(name)s is now an administrator.", **names),
}


@bp.route("/members/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id: int):
    """Make a member a moderator, or take the role back."""
    member = db.get_or_404(User, user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            services.change_role(current_user, member, Role(form.role.data))
        except ModerationError as error:
            flash(error.message, "error")
        else:
            flash(_ROLE_CHANGED[member.role](name=member.username), "success")
    else:
        flash(_("Choose a role."), "error")
    return redirect(url_for("moderation.member", user_id=member.id))


@bp.route("/members/<int:user_id>/purge", methods=["GET", "POST"])
@admin_required
def purge(user_id: int):
    """Erase a spam account and what it posted, after a confirmation with the reason."""
    member = db.get_or_404(User, user_id)
    form = ReasonForm()

    def save():
        initiatives, comments = purge_account(current_user, member, form.reason.data)
        flash(
            _(
                "The account is erased. Initiatives removed: %(i)d; comments removed: %(c)d.",
                i=initiatives,
                c=comments,
            )
        )
        return redirect(url_for("moderation.audit"))

    return handle_form(form, save).or_render("moderation/purge.html", form=form, member=member)
