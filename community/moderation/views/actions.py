"""One-click actions on content from the queue: hide, restore, lock, pin, dismiss, move."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from community.extensions import db
from community.forms import handle_form, show_error
from community.forum import queries as forum_queries
from community.forum.models import Category, Initiative
from community.moderation import services, targets
from community.moderation.blueprint import bp, load_target
from community.moderation.errors import ModerationError
from community.moderation.forms import MoveForm, ReasonForm
from community.moderation.models import Action
from community.permissions import moderator_required

DONE = {
    Action.HIDE: _l("Hidden: members no longer see it."),
    Action.RESTORE: _l("Restored: members see it again."),
    Action.LOCK: _l("The initiative is closed for comments."),
    Action.UNLOCK: _l("The initiative is open for comments again."),
    Action.PIN: _l("The initiative is pinned."),
    Action.UNPIN: _l("The initiative is no longer pinned."),
    Action.DISMISS: _l("The flags are dismissed."),
}


@bp.route(
    "/<kind>/<int:target_id>/<action>",
    methods=["GET", "POST"],
)
@moderator_required
def act(kind: str, target_id: int, action: str):
    """Act on a flagged (or any) target; the queue posts here, a missing reason comes back to a form."""
    if action not in {done.value for done in DONE}:
        abort(404)
    kind, target = load_target(kind, target_id)
    action = Action(action)
    described = targets.describe(kind, target)
    form = ReasonForm()

    def save():
        if action == Action.DISMISS:
            services.dismiss_flags(current_user, kind, target, form.reason.data)
        else:
            services.act_on_content(current_user, action, kind, target, form.reason.data)
        flash(str(DONE[action]), "success")
        return redirect(url_for("moderation.index"))

    submission = handle_form(form, save)
    return submission.or_render("moderation/act.html", form=form, action=action, described=described)


@bp.route("/initiative/<int:initiative_id>/move", methods=["GET", "POST"])
@moderator_required
def move(initiative_id: int):
    """Put an initiative in the category where it belongs."""
    initiative = db.get_or_404(Initiative, initiative_id)
    form = MoveForm(category=initiative.category_id)
    form.category.choices = [SelectChoice(c.id, c.name) for c in forum_queries.categories()]
    if form.validate_on_submit():
        category = db.session.get(Category, form.category.data)
        if category is None:
            abort(400)
        try:
            services.move_initiative(current_user, initiative, category, form.reason.data)
        except ModerationError as error:
            show_error(form, error)
        else:
            flash(_("The initiative is moved to %(name)s.", name=category.name), "success")
            return redirect(url_for("forum.show", initiative_id=initiative.id))
    described = targets.describe(targets.TargetKind.INITIATIVE, initiative)
    return render_template("moderation/move.html", form=form, described=described)
