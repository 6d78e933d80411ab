"""The queue of what waits for a moderator, and the audit log."""

from flask import current_app, render_template, request
from flask_babel import gettext as _

from community.moderation import first_posts, queries, vetting
from community.moderation.blueprint import bp
from community.moderation.forms import AuditFilterForm, ReasonForm
from community.moderation.models import Action
from community.permissions import moderator_required


@bp.route("/")
@moderator_required
def index():
    """Open flags grouped by target, the longest-waiting first, then lab proposals."""
    return render_template(
        "moderation/index.html",
        items=queries.queue(),
        labs=queries.pending_labs(),
        applicants=vetting.pending_members(current_app.config["MODERATION_QUEUE_SIZE"]),
        held=first_posts.held_posts(current_app.config["MODERATION_QUEUE_SIZE"]),
        form=ReasonForm(),
    )


@bp.route("/audit")
@moderator_required
def audit():
    """Every action, newest first, filtered by moderator, member and action."""
    form = AuditFilterForm(request.args)
    filters = queries.AuditFilters()
    if form.validate():
        filters = queries.AuditFilters(
            moderator=form.moderator.data or "",
            member=form.member.data or "",
            action=Action(form.action.data) if form.action.data else None,
        )
    else:
        form.form_errors.append(_("These filters are not valid: the whole log is shown."))
    page = request.args.get("page", 1, type=int)
    entries = queries.audit_page(filters, max(page, 1))
    return render_template("moderation/audit.html", form=form, entries=entries, filters=filters)
