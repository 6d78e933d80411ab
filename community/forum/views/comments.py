"""Comments on an initiative: post, reply, edit, delete, mark useful, see their history."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.extensions import db, limiter
from community.forms import ActionForm, handle_form
from community.forum import queries, services
from community.forum.blueprint import bp, created, member_key, posting_limits
from community.forum.errors import ForumError
from community.forum.forms import CommentForm, EditCommentForm, new_token
from community.forum.models import Comment
from community.forum.views.initiatives import render_initiative, visible_initiative
from community.forum.vocabulary import default_language
from community.markdown import render_markdown
from community.permissions import (
    can_comment,
    can_delete_comment,
    can_edit_comment,
    can_view_comment,
    can_view_history,
    can_view_initiative,
    ensure,
)


def _visible_comment(comment_id: int) -> Comment:
    comment = db.get_or_404(Comment, comment_id)
    if not can_view_initiative(current_user, comment.initiative) or not can_view_comment(
        current_user, comment
    ):
        abort(404)
    return comment


def _to_comment(comment: Comment):
    return redirect(
        url_for("forum.show", initiative_id=comment.initiative_id, _anchor=f"comment-{comment.id}")
    )


@bp.route("/initiatives/<int:initiative_id>/comments", methods=["POST"])
@login_required
@limiter.limit(posting_limits, key_func=member_key, deduct_when=created)
def comment(initiative_id: int):
    """Post a comment; "Preview" shows it rendered on the page without saving."""
    initiative = visible_initiative(initiative_id)
    ensure(can_comment(current_user, initiative))
    form = CommentForm()

    def save():
        posted = services.add_comment(
            current_user, initiative, form.body.data, form.language.data, token=form.token.data
        )
        return _posted(posted, _("Your comment is posted."))

    submission = handle_form(form, save, preview=lambda: render_markdown(form.body.data))
    if submission.response is not None:
        return submission.response
    return render_initiative(initiative, form, preview=submission.preview, status=submission.status)


def _posted(posted: Comment, message: str):
    flash(message if not posted.awaiting_approval else str(services.HELD_MESSAGE), "success")
    return _to_comment(posted)


@bp.route("/initiatives/<int:initiative_id>/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@login_required
@limiter.limit(posting_limits, methods=["POST"], key_func=member_key, deduct_when=created)
def reply(initiative_id: int, comment_id: int):
    """Reply to a comment on a page of its own: works without JavaScript, one form per page."""
    parent = _visible_comment(comment_id)
    if parent.initiative_id != initiative_id or parent.deleted_at is not None:
        abort(404)  # a removed comment's words are not quoted on a reply page
    ensure(can_comment(current_user, parent.initiative))
    form = CommentForm(language=default_language(current_user.locale), token=new_token())

    def save():
        posted = services.add_comment(
            current_user,
            parent.initiative,
            form.body.data,
            form.language.data,
            parent=parent,
            token=form.token.data,
        )
        return _posted(posted, _("Your reply is posted."))

    submission = handle_form(form, save, preview=lambda: render_markdown(form.body.data))
    return submission.or_render("forum/reply.html", form=form, parent=parent)


@bp.route("/initiatives/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
def edit_comment(comment_id: int):
    comment = _visible_comment(comment_id)
    ensure(can_edit_comment(current_user, comment))
    form = EditCommentForm(obj=comment)

    def save():
        services.edit_comment(comment, current_user, form.body.data)
        flash(_("Your comment is updated."), "success")
        return _to_comment(comment)

    submission = handle_form(form, save, preview=lambda: render_markdown(form.body.data))
    return submission.or_render("forum/edit_comment.html", form=form, comment=comment)


@bp.route("/initiatives/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@login_required
def delete_comment(comment_id: int):
    """Ask, then remove the comment: a placeholder stays in the thread."""
    comment = _visible_comment(comment_id)
    ensure(can_delete_comment(current_user, comment))
    form = ActionForm()
    if form.validate_on_submit():
        services.delete_comment(comment, current_user)
        flash(_("Your comment is removed."), "info")
        return _to_comment(comment)
    return render_template("forum/delete_comment.html", form=form, comment=comment)


@bp.route("/initiatives/comments/<int:comment_id>/useful", methods=["POST"])
@login_required
def comment_useful(comment_id: int):
    comment = _visible_comment(comment_id)
    if ActionForm().validate_on_submit():
        try:
            services.toggle_useful(current_user, comment=comment)
        except ForumError as error:
            flash(error.message, "error")
    return _to_comment(comment)


@bp.route("/initiatives/comments/<int:comment_id>/history")
@login_required
def comment_history(comment_id: int):
    comment = _visible_comment(comment_id)
    ensure(can_view_history(current_user, comment))
    return render_template(
        "forum/history.html",
        initiative=comment.initiative,
        comment=comment,
        revisions=queries.revisions(comment=comment),
    )
