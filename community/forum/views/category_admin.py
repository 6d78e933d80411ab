"""Moderators keep the list of forum categories: add, edit, reorder, remove."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.extensions import db
from community.forms import ActionForm, show_error
from community.forum import categories as services
from community.forum.blueprint import bp
from community.forum.errors import ForumError
from community.forum.forms import CategoryForm
from community.forum.models import Category
from community.permissions import can_manage_categories, ensure


def _details(form: CategoryForm) -> services.CategoryDetails:
    return services.CategoryDetails(
        name=form.name.data, slug=form.slug.data, description=form.description.data or ""
    )


@bp.route("/initiatives/manage/categories")
@login_required
def manage_categories():
    """The categories in order, with what a moderator may do to each."""
    ensure(can_manage_categories(current_user))
    return render_template(
        "forum/categories.html",
        categories=services.ordered(),
        counts=services.initiative_counts(),
        form=ActionForm(),
    )


@bp.route("/initiatives/manage/categories/new", methods=["GET", "POST"])
@login_required
def new_category():
    ensure(can_manage_categories(current_user))
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category = services.add_category(current_user, _details(form))
        except ForumError as error:
            show_error(form, error)
        else:
            flash(_("Category “%(name)s” added.", name=category.name), "success")
            return redirect(url_for("forum.manage_categories"))
    return render_template("forum/category_form.html", form=form, category=None)


@bp.route("/initiatives/manage/categories/<int:category_id>/edit", methods=["GET", "POST"])
@login_required
def edit_category(category_id: int):
    ensure(can_manage_categories(current_user))
    category = db.get_or_404(Category, category_id)
    form = CategoryForm(obj=category)
    if form.validate_on_submit():
        try:
            services.update_category(current_user, category, _details(form))
        except ForumError as error:
            show_error(form, error)
        else:
            flash(_("Category “%(name)s” saved.", name=category.name), "success")
            return redirect(url_for("forum.manage_categories"))
    return render_template("forum/category_form.html", form=form, category=category)


@bp.route("/initiatives/manage/categories/<int:category_id>/up", methods=["POST"])
@login_required
def move_category_up(category_id: int):
    return _move(category_id, -1)


@bp.route("/initiatives/manage/categories/<int:category_id>/down", methods=["POST"])
@login_required
def move_category_down(category_id: int):
    return _move(category_id, 1)


def _move(category_id: int, step: int):
    ensure(can_manage_categories(current_user))
    category = db.get_or_404(Category, category_id)
    if ActionForm().validate_on_submit():
        services.move_category(current_user, category, step)
        flash(_("Category “%(name)s” moved.", name=category.name), "success")
    return redirect(url_for("forum.manage_categories", _anchor=f"category-{category.id}"))


@bp.route("/initiatives/manage/categories/<int:category_id>/remove", methods=["POST"])
@login_required
def remove_category(category_id: int):
    ensure(can_manage_categories(current_user))
    category = db.get_or_404(Category, category_id)
    if ActionForm().validate_on_submit():
        name = category.name
        try:
            services.remove_category(current_user, category)
        except ForumError as error:
            flash(error.message, "error")
        else:
            flash(_("Category “%(name)s” removed.", name=name), "success")
    return redirect(url_for("forum.manage_categories"))
