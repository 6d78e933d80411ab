"""One initiative: share, show, edit, its history, follow, mark useful, download its attachments."""

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.extensions import db, limiter
from community.forms import ActionForm, handle_form
from community.forum import queries, services, uploads
from community.forum.blueprint import bp, created, member_key, posting_limits
from community.forum.errors import ForumError
from community.forum.forms import CommentForm, EditInitiativeForm, InitiativeForm, new_token
from community.forum.models import Attachment, Initiative
from community.forum.vocabulary import default_language
from community.markdown import render_markdown
from community.permissions import (
    can_comment,
    can_edit_initiative,
    can_follow,
    can_view_history,
    can_view_initiative,
    ensure,
    poster_required,
)

DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def visible_initiative(initiative_id: int) -> Initiative:
    """The initiative with what its page shows, or 404 (also when it is hidden from this viewer)."""
    initiative = queries.initiative_for_page(initiative_id)
    if initiative is None or not can_view_initiative(current_user, initiative):
        abort(404)
    return initiative


def render_initiative(initiative: Initiative, form: CommentForm | None = None, preview=None, status=200):
    """The initiative's page, with the comment form as given (errors, preview) or a fresh one.

    Only those who may comment get a form: building one makes a form token, which would give every
    visitor a session and keep their page out of the shared cache.
    """
    if form is None and can_comment(current_user, initiative):
        form = CommentForm(language=default_language(current_user.locale), token=new_token())
    return render_template(
        "forum/show.html",
        initiative=initiative,
        thread=queries.thread(initiative),
        state=queries.viewer_state(current_user, initiative),
        form=form,
        preview=preview,
    ), status


def _files(form) -> list:
    return [(item.filename, item.stream) for item in (form.attachments.data or []) if item and item.filename]


def _preview(form):
    return {"body": render_markdown(form.body.data), "outcomes": render_markdown(form.outcomes.data)}


@bp.route("/initiatives/new", methods=["GET", "POST"])
@poster_required
@limiter.limit(posting_limits, methods=["POST"], key_func=member_key, deduct_when=created)
def new():
    """Share an initiative; "Preview" shows the rendered text without saving."""
    chosen = queries.category_by_slug(request.args.get("category", "")[:60])
    form = InitiativeForm(
        categories=queries.categories(),
        labs=queries.postable_labs(current_user),
        language=default_language(current_user.locale),
        category=str(chosen.id) if chosen else "",
        lab=request.args.get("lab", "")[:60],
        token=new_token(),
    )

    def save():
        initiative = services.create_initiative(current_user, form.to_data(), _files(form), form.token.data)
        flash(_("Your initiative is shared. Thank you!"), "success")
        if initiative.awaiting_approval:
            flash(str(services.HELD_MESSAGE), "info")
        return redirect(url_for("forum.show", initiative_id=initiative.id))

    return handle_form(form, save, preview=lambda: _preview(form)).or_render("forum/new.html", form=form)


@bp.route("/initiatives/<int:initiative_id>")
def show(initiative_id: int):
    return render_initiative(visible_initiative(initiative_id))


@bp.route("/initiatives/<int:initiative_id>/edit", methods=["GET", "POST"])
@login_required
def edit(initiative_id: int):
    """Let the author or a moderator change an initiative."""
    initiative = visible_initiative(initiative_id)
    ensure(can_edit_initiative(current_user, initiative))
    labs = queries.postable_labs(current_user)
    if initiative.lab is not None and initiative.lab not in labs:
        labs.append(initiative.lab)  # the lab it is in stays a choice, even for an author who left it
    form = EditInitiativeForm(categories=queries.categories(), labs=labs, obj=_form_values(initiative))
    form.remove_attachments.choices = [SelectChoice(a.id, a.filename) for a in initiative.current_attachments]

    def save():
        removed = form.remove_attachments.data or []
        services.update_initiative(initiative, current_user, form.to_data(), _files(form), removed)
        flash(_("The initiative is updated."), "success")
        return redirect(url_for("forum.show", initiative_id=initiative.id))

    submission = handle_form(form, save, preview=lambda: _preview(form))
    return submission.or_render("forum/edit.html", form=form, initiative=initiative)


def _form_values(initiative: Initiative):
    """The initiative as the form shows it."""

    values = SimpleNamespace()
    for name in ("title", "summary", "body", "outcomes", "country", "sector", "language"):
        setattr(values, name, getattr(initiative, name))
    values.category = str(initiative.category_id)
    values.lab = initiative.lab.slug if initiative.lab else ""
    values.stage = initiative.stage.value
    values.licence = initiative.licence.value
    values.sdgs = initiative.sdgs
    values.tags = ", ".join(tag.name for tag in initiative.tags)
    values.links = initiative.links
    values.remove_attachments = []
    return values


@bp.route("/initiatives/<int:initiative_id>/history")
@login_required
def history(initiative_id: int):
    initiative = visible_initiative(initiative_id)
    ensure(can_view_history(current_user, initiative))
    return render_template(
        "forum/history.html",
        initiative=initiative,
        comment=None,
        revisions=queries.revisions(initiative=initiative),
    )


@bp.route("/initiatives/<int:initiative_id>/follow", methods=["POST"])
@login_required
def follow(initiative_id: int):
    initiative = visible_initiative(initiative_id)
    ensure(can_follow(current_user, initiative))
    if ActionForm().validate_on_submit():
        services.follow(current_user, initiative)
        flash(_("You follow this initiative: we will tell you about new comments."), "success")
    return redirect(url_for("forum.show", initiative_id=initiative.id))


@bp.route("/initiatives/<int:initiative_id>/unfollow", methods=["POST"])
@login_required
def unfollow(initiative_id: int):
    initiative = visible_initiative(initiative_id)
    if ActionForm().validate_on_submit():
        services.unfollow(current_user, initiative)
        flash(_("You no longer follow this initiative."), "info")
    return redirect(url_for("forum.show", initiative_id=initiative.id))


@bp.route("/initiatives/<int:initiative_id>/useful", methods=["POST"])
@login_required
def useful(initiative_id: int):
    """Mark the initiative useful, or take the mark back."""
    initiative = visible_initiative(initiative_id)
    if ActionForm().validate_on_submit():
        try:
            services.toggle_useful(current_user, initiative=initiative)
        except ForumError as error:
            flash(error.message, "error")
    return redirect(url_for("forum.show", initiative_id=initiative.id, _anchor="initiative-actions"))


@bp.route("/initiatives/<int:initiative_id>/attachments/<int:attachment_id>")
def attachment(initiative_id: int, attachment_id: int):
    """Always a download, with the type found on upload: never rendered in the browser."""
    found = db.get_or_404(Attachment, attachment_id)
    if found.initiative_id != initiative_id or found.removed_at is not None:
        abort(404)
    if not can_view_initiative(current_user, found.initiative):
        abort(404)
    path = uploads.path_of(found.stored_name)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=found.content_type, as_attachment=True, download_name=found.filename)
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
