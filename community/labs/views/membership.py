"""Joining and leaving a lab, answering join requests, and the leads' people page."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.forms import ActionForm
from community.labs import queries, services
from community.labs.errors import LabError
from community.labs.forms import RoleForm
from community.labs.models import LabRole
from community.labs.views.base import bp, load_lab, load_managed_lab
from community.permissions import can_leave_lab


@bp.route("/<slug>/join", methods=["POST"])
@login_required
def join(slug: str):
    """Join an open lab at once, or ask to join one that admits by request."""
    lab, membership = load_lab(slug)
    if ActionForm().validate_on_submit():
        try:
            membership = services.join_lab(current_user, lab)
        except LabError as error:
            flash(error.message, "error")
        else:
            if membership.is_active:
                flash(_("Welcome to %(name)s!", name=lab.name), "success")
            else:
                flash(_("Your request is sent; a lead of the lab will answer it."), "success")
    return redirect(url_for("labs.show", slug=lab.slug))


@bp.route("/<slug>/leave", methods=["POST"])
@login_required
def leave(slug: str):
    """Leave a lab, or withdraw a request to join it."""
    lab, membership = load_lab(slug)
    if ActionForm().validate_on_submit():
        if not can_leave_lab(current_user, lab, membership):
            flash(_("You are not a member of this lab."), "error")
            return redirect(url_for("labs.show", slug=lab.slug))
        pending = not membership.is_active
        try:
            services.leave_lab(current_user, lab)
        except LabError as error:
            flash(error.message, "error")
        else:
            flash(
                _("Your request is withdrawn.") if pending else _("You left %(name)s.", name=lab.name), "info"
            )
    return redirect(url_for("labs.show", slug=lab.slug))


@bp.route("/<slug>/requests/<int:membership_id>/approve", methods=["POST"])
@login_required
def approve_request(slug: str, membership_id: int):
    """A lead admits someone who asked to join."""
    return _answer(slug, membership_id, accept=True)


@bp.route("/<slug>/requests/<int:membership_id>/decline", methods=["POST"])
@login_required
def decline_request(slug: str, membership_id: int):
    return _answer(slug, membership_id, accept=False)


def _answer(slug: str, membership_id: int, accept: bool):
    lab = load_managed_lab(slug)
    membership = queries.membership_in(lab, membership_id)
    if ActionForm().validate_on_submit():
        username = membership.user.username
        try:
            services.answer_request(current_user, membership, accept=accept)
        except LabError as error:
            flash(error.message, "error")
        else:
            if accept:
                flash(_("%(username)s is now a member of the lab.", username=username), "success")
            else:
                flash(_("The request of %(username)s is declined.", username=username), "info")
    return redirect(url_for("labs.show", slug=lab.slug) + "#requests")


@bp.route("/<slug>/people")
@login_required
def people(slug: str):
    """The leads' view of every member, where they make members leads and back."""
    lab = load_managed_lab(slug)
    return render_template(
        "labs/people.html",
        lab=lab,
        memberships=queries.memberships(lab),
        requests=queries.requests(lab),
        role_form=RoleForm(),
    )


@bp.route("/<slug>/people/<int:membership_id>/role", methods=["POST"])
@login_required
def set_role(slug: str, membership_id: int):
    lab = load_managed_lab(slug)
    membership = queries.membership_in(lab, membership_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            services.set_member_role(current_user, membership, LabRole(form.role.data))
        except LabError as error:
            flash(error.message, "error")
        else:
            flash(_("%(username)s's role is saved.", username=membership.user.username), "success")
    else:
        flash(_("Choose member or lead."), "error")
    return redirect(url_for("labs.people", slug=lab.slug))
