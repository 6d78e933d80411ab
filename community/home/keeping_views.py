"""/bookmarks and /drafts: what a member saved for later and what they are writing."""

import click
from flask import abort, before_render_template, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.extensions import db
from community.forms import ActionForm
from community.forum.models import Comment, Initiative
from community.home import keeping, queries
from community.home.blueprint import bp
from community.home.errors import HomeError
from community.home.forms import BookmarkForm
from community.home.models import Draft, DraftKind


@bp.route("/bookmarks")
@login_required
def bookmarks():
    return render_template("home/bookmarks.html", bookmarks=queries.bookmarks_of(current_user))


@bp.route("/bookmarks", methods=["POST"])
@login_required
def bookmark():
    form = BookmarkForm()
    if not form.validate_on_submit():
        abort(400)
    initiative = db.session.get(Initiative, form.initiative_id.data) or abort(404)
    comment = db.session.get(Comment, form.comment_id.data) if form.comment_id.data else None
    if form.comment_id.data and comment is None:
        abort(404)
    try:
        keeping.add_bookmark(current_user, initiative, comment, form.remind_on.data)
    except HomeError as error:
        if error.field:
            flash(error.message, "error")
            return redirect(url_for("forum.show", initiative_id=initiative.id))
        abort(404)
    flash(_("Saved for later."), "success")
    anchor = f"comment-{comment.id}" if comment else None
    return redirect(url_for("forum.show", initiative_id=initiative.id, _anchor=anchor))


@bp.route("/bookmarks/<int:bookmark_id>/remove", methods=["POST"])
@login_required
def remove_bookmark(bookmark_id: int):
    if ActionForm().validate_on_submit() and not keeping.remove_bookmark(current_user, bookmark_id):
        abort(404)
    return redirect(url_for("home.bookmarks"))


@bp.route("/drafts/<kind>", methods=["POST"])
@login_required
def save_draft(kind: str):
    """The forms' "Save draft" button (and the autosave script, which asks for JSON)."""
    try:
        draft_kind = DraftKind(kind)
    except ValueError:
        abort(404)
    initiative = None
    if draft_kind == DraftKind.COMMENT:
        initiative = db.session.get(Initiative, request.args.get("initiative_id", 0, type=int)) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    draft_id = request.form.get("draft_id", type=int)
    try:
        draft = keeping.save_draft(current_user, draft_kind, request.form, draft_id, initiative)
    except HomeError as error:
        if _wants_json():
            return jsonify(error=error.message), 400
        flash(error.message, "error")
        return redirect(request.referrer if _same_site(request.referrer) else url_for("main.index"))
    if _wants_json():
        return jsonify(id=draft.id, saved=_("Draft saved."))
    flash(_("Your draft is saved. Find it on your home page."), "success")
    return redirect(_draft_url(draft))


@bp.route("/drafts/<int:draft_id>")
@login_required
def open_draft(draft_id: int):
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.user_id != current_user.id:
        abort(404)
    return redirect(_draft_url(draft))


@bp.route("/drafts/<int:draft_id>/delete", methods=["POST"])
@login_required
def delete_draft(draft_id: int):
    if ActionForm().validate_on_submit() and not keeping.delete_draft(current_user, draft_id):
        abort(404)
    flash(_("The draft is deleted."), "success")
    return redirect(url_for("main.index"))


def _draft_url(draft: Draft) -> str:
    if draft.kind == DraftKind.COMMENT:
        return url_for(
            "forum.show", initiative_id=draft.initiative_id, draft=draft.id, _anchor="comment-form"
        )
    return url_for("forum.new", draft=draft.id)


def _same_site(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)


def _wants_json() -> bool:
    return request.headers.get("X-Autosave") == "1"


FORMS = {"forum/new.html": DraftKind.INITIATIVE, "forum/show.html": DraftKind.COMMENT}


@before_render_template.connect
def _fill_from_draft(_app, template, context, **_extra):
    """Opening a draft (?draft=<id>) fills the forum's form with it, on a GET only."""
    kind = FORMS.get(template.name)
    draft_id = request.args.get("draft", type=int) if kind else None
    if not draft_id or request.method != "GET" or not current_user.is_authenticated or "form" not in context:
        return
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.user_id != current_user.id or draft.kind != kind:
        return
    form = context["form"]
    for name, value in keeping.draft_fields(draft).items():
        if name in form and value not in ("", []):
            form[name].process_data(value if name != "category" else str(value))
    context["draft"] = draft


@bp.after_app_request
def _published(response):
    """A draft goes once what it held is published."""
    published = request.endpoint in ("forum.new", "forum.comment") and response.status_code == 302
    draft_id = request.form.get("draft_id", type=int) if published and request.method == "POST" else None
    if draft_id and current_user.is_authenticated:
        keeping.delete_draft(current_user, draft_id)
    return response


@bp.cli.command("send-reminders")
def send_reminders():
    """Notify members of their bookmarks whose reminder day has come (run daily)."""
    click.echo(f"{keeping.send_reminders()} reminders sent.")
