"""The directory, a lab's page, proposing a lab, editing it, and the moderators' proposals queue."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.forms import ActionForm, show_error
from community.forum import queries as forum_queries
from community.labs import queries, services
from community.labs.errors import LabError
from community.labs.forms import DeclineLabForm, LabFilterForm, LabForm, ProposeLabForm
from community.labs.models import LabStatus
from community.labs.views.base import bp, load_lab
from community.labs.views.covers import edit_page
from community.permissions import (
    can_change_lab_status,
    can_manage_lab,
    can_propose_lab,
    ensure,
    moderator_required,
)

LAB_INITIATIVES_SHOWN = 10


@bp.route("/")
def index():
    """Active labs, filtered by theme and country (both in the URL)."""
    form = LabFilterForm(request.args, queries.directory_countries())
    theme, country = form.filters()
    page = queries.directory(theme, country, request.args.get("page", 1, type=int))
    counts = queries.member_counts(page.items)
    return render_template(
        "labs/index.html", page=page, counts=counts, form=form, theme=theme, country=country
    )


@bp.route("/<slug>")
def show(slug: str):
    lab, membership = load_lab(slug)
    manages = can_manage_lab(current_user, lab, membership)
    details = queries.lab_page(lab, with_requests=manages)
    return render_template(
        "labs/show.html",
        lab=lab,
        membership=membership,
        page=details,
        manages=manages,
        initiatives=forum_queries.lab_initiatives(lab, limit=LAB_INITIATIVES_SHOWN),
    )


@bp.route("/propose", methods=["GET", "POST"])
@login_required
def propose():
    """Any confirmed member proposes a lab; moderators review it."""
    ensure(can_propose_lab(current_user))
    form = ProposeLabForm()
    if form.validate_on_submit():
        try:
            lab = services.propose_lab(current_user, form.details(), form.slug.data or None)
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("Thank you: your proposal waits for a moderator. We will write to you."), "success")
            return redirect(url_for("labs.show", slug=lab.slug))
    return render_template("labs/propose.html", form=form)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    lab, membership = load_lab(slug)
    ensure(can_manage_lab(current_user, lab, membership))
    form = LabForm(obj=lab, countries=lab.country_codes)  # a submitted form overrides these
    if form.validate_on_submit():
        try:
            services.update_lab(current_user, lab, form.details())
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The lab page is updated."), "success")
            return redirect(url_for("labs.show", slug=lab.slug))
    return edit_page(lab, form)


@bp.route("/<slug>/archive", methods=["POST"])
@login_required
def archive(slug: str):
    """Archive an active lab: its page stays readable, it takes no new members (moderators)."""
    return _set_status(slug, LabStatus.ARCHIVED, _("The lab is archived."))


@bp.route("/<slug>/reopen", methods=["POST"])
@login_required
def reopen(slug: str):
    return _set_status(slug, LabStatus.ACTIVE, _("The lab is open again."))


def _set_status(slug: str, status: LabStatus, done: str):
    lab, _membership = load_lab(slug)
    ensure(can_change_lab_status(current_user, lab))
    if ActionForm().validate_on_submit():
        services.set_lab_status(current_user, lab, status)
        flash(done, "success")
    return redirect(url_for("labs.show", slug=lab.slug))


@bp.route("/proposals")
@moderator_required
def proposals():
    return render_template("labs/proposals.html", labs=queries.proposals())


@bp.route("/<slug>/approve", methods=["POST"])
@moderator_required
def approve(slug: str):
    lab, _membership = load_lab(slug)
    if ActionForm().validate_on_submit():
        try:
            services.approve_lab(current_user, lab)
        except LabError as error:
            flash(error.message, "error")
        else:
            flash(_("%(name)s is open.", name=lab.name), "success")
    return redirect(url_for("labs.proposals"))


@bp.route("/<slug>/decline", methods=["GET", "POST"])
@moderator_required
def decline(slug: str):
    """Decline a proposal with a reason that the proposer receives by e-mail."""
    lab, _membership = load_lab(slug)
    if lab.status != LabStatus.PROPOSED:
        flash(_("This lab is not waiting for a review any more."), "error")
        return redirect(url_for("labs.proposals"))
    form = DeclineLabForm()
    if form.validate_on_submit():
        try:
            services.decline_lab(current_user, lab, form.reason.data)
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The proposal is declined and its author informed."), "success")
            return redirect(url_for("labs.proposals"))
    return render_template("labs/decline.html", form=form, lab=lab)
