"""Funding calls: the list with its filters, a call's page, posting and editing, saving."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community import permissions
from community.extensions import db
from community.forms import ActionForm, show_error
from community.funding import matching, queries, services
from community.funding.blueprint import bp
from community.funding.errors import FundingError
from community.funding.forms import CallForm, FilterForm
from community.funding.models import Call
from community.funding.services import CallData, in_zone
from community.permissions import ensure


def load_call(call_id: int) -> Call:
    """The call, or 404 when it does not exist or is hidden from this reader."""
    call = queries.load_call(call_id)
    if call is None or not permissions.can_view_call(current_user, call):
        abort(404)
    return call


@bp.route("/")
def index():
    form = FilterForm(request.args)
    filters = queries.Filters.from_values(form.valid_values())
    page = queries.page_of_calls(filters, current_user, request.args.get("page", 1, type=int))
    partner = services.is_partner(current_user)
    return render_template("funding/index.html", form=form, filters=filters, page=page, partner=partner)


@bp.route("/<int:call_id>")
def show(call_id: int):
    call = load_call(call_id)
    return render_template(
        "funding/show.html",
        call=call,
        saved=queries.is_saved(current_user, call),
        applications=queries.public_applications(call),
        matches=matching.initiatives_for_call(call),
        opens_local=in_zone(call.opens_at, call.timezone),
        closes_local=in_zone(call.closes_at, call.timezone),
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    ensure(permissions.can_post_call(current_user, services.is_partner(current_user)))
    form = CallForm()
    if form.validate_on_submit():
        try:
            call = services.create_call(current_user, call_data(form))
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("The call is published."), "success")
            return redirect(url_for("funding.show", call_id=call.id))
    return render_template("funding/form.html", form=form, call=None), 400 if form.errors else 200


@bp.route("/<int:call_id>/edit", methods=["GET", "POST"])
@login_required
def edit(call_id: int):
    call = load_call(call_id)
    ensure(permissions.can_edit_call(current_user, call))
    form = CallForm(obj=None if request.method == "POST" else _Values(call))
    if form.validate_on_submit():
        try:
            services.update_call(call, current_user, call_data(form))
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("The call is updated."), "success")
            return redirect(url_for("funding.show", call_id=call.id))
    return render_template("funding/form.html", form=form, call=call), 400 if form.errors else 200


def call_data(form: CallForm) -> CallData:
    data = {name: form[name].data for name in CallData.__dataclass_fields__ if name in form}
    data["details"], data["contact"] = data["details"] or "", data["contact"] or ""
    return CallData(**data)


class _Values:
    """An existing call as the form shows it: dates in the call's own zone."""

    def __init__(self, call: Call):
        self.__dict__.update(
            {name: getattr(call, name) for name in ("funder", "title", "summary", "details")}
        )
        self.kind, self.currency, self.timezone = call.kind.value, call.currency, call.timezone
        self.amount_min, self.amount_max = call.amount_min, call.amount_max
        self.opens = in_zone(call.opens_at, call.timezone).replace(tzinfo=None)
        self.closes = in_zone(call.closes_at, call.timezone).replace(tzinfo=None)
        self.whole_region, self.countries, self.sectors = call.whole_region, call.countries, call.sectors
        self.sdgs, self.languages = call.sdgs, call.languages
        self.apply_url, self.contact = call.apply_url, call.contact


@bp.route("/<int:call_id>/save", methods=["POST"])
@login_required
def save(call_id: int):
    call = load_call(call_id)
    ensure(permissions.can_save_call(current_user, call))
    if ActionForm().validate_on_submit():
        services.save_call(current_user, call)
        flash(_("Saved: we will remind you 7 days before the deadline."), "success")
    return redirect(url_for("funding.show", call_id=call.id))


@bp.route("/<int:call_id>/unsave", methods=["POST"])
@login_required
def unsave(call_id: int):
    call = db.get_or_404(Call, call_id)
    if ActionForm().validate_on_submit():
        services.unsave_call(current_user, call)
        flash(_("Removed from your saved calls."), "success")
    return redirect(url_for("funding.show", call_id=call.id))


@bp.route("/saved")
@login_required
def saved():
    return render_template("funding/saved.html", calls=queries.saved_calls(current_user))
