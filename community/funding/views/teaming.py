"""Partnerships around an initiative: what it seeks, offers to join, applications to calls, who could help."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community import permissions
from community.extensions import db
from community.forms import ActionForm, show_error
from community.forum.models import Initiative
from community.funding import matching, partnerships, queries
from community.funding.blueprint import bp
from community.funding.errors import FundingError
from community.funding.forms import ApplicationForm, NeedForm, OfferForm
from community.funding.models import Call, Need, Offer
from community.funding.partnerships import NeedData
from community.permissions import ensure


def load_initiative(initiative_id: int) -> Initiative:
    initiative = db.get_or_404(Initiative, initiative_id)
    if not permissions.can_view_initiative(current_user, initiative):
        abort(404)
    return initiative


def _back(initiative: Initiative):
    return redirect(url_for("forum.show", initiative_id=initiative.id) + "#partners")


@bp.route("/initiatives/<int:initiative_id>/needs", methods=["GET", "POST"])
@login_required
def needs(initiative_id: int):
    initiative = load_initiative(initiative_id)
    ensure(permissions.can_manage_needs(current_user, initiative))
    form = NeedForm(obj=db.session.get(Need, initiative.id))
    if form.validate_on_submit():
        try:
            fields = {name: form[name].data for name in NeedData.__dataclass_fields__}
            partnerships.set_needs(current_user, initiative, NeedData(**fields))
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("What the initiative seeks is saved."), "success")
            return _back(initiative)
    return render_template(
        "funding/needs.html", form=form, initiative=initiative
    ), 400 if form.errors else 200


@bp.route("/initiatives/<int:initiative_id>/offer", methods=["GET", "POST"])
@login_required
def offer(initiative_id: int):
    initiative = load_initiative(initiative_id)
    ensure(permissions.can_post(current_user) and not permissions.is_author(current_user, initiative))
    form = OfferForm()
    if form.validate_on_submit():
        try:
            partnerships.offer_to_join(current_user, initiative, form.role.data, form.message.data)
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("Your offer is sent to the author."), "success")
            return _back(initiative)
    return render_template(
        "funding/offer.html", form=form, initiative=initiative
    ), 400 if form.errors else 200


@bp.route("/offers/<int:offer_id>/accept", methods=["POST"])
@login_required
def accept(offer_id: int):
    return _decide(offer_id, accept=True)


@bp.route("/offers/<int:offer_id>/decline", methods=["POST"])
@login_required
def decline(offer_id: int):
    return _decide(offer_id, accept=False)


def _decide(offer_id: int, accept: bool):
    """Only the initiative's author answers an offer (403 for anyone else)."""
    offer = db.get_or_404(Offer, offer_id)
    ensure(permissions.is_author(current_user, offer.initiative))
    if ActionForm().validate_on_submit():
        try:
            partnerships.decide_offer(current_user, offer, accept)
        except FundingError as error:
            flash(error.message, "error")
        else:
            flash(_("Partner accepted.") if accept else _("Offer declined."), "success")
    return _back(offer.initiative)


@bp.route("/initiatives/<int:initiative_id>/apply", methods=["GET", "POST"])
@login_required
def apply(initiative_id: int):
    initiative = load_initiative(initiative_id)
    ensure(permissions.can_manage_needs(current_user, initiative))
    form = ApplicationForm()
    form.call.choices = [(call.id, call.title) for call in queries.open_calls_for_choice(current_user)]
    if form.validate_on_submit():
        call = db.session.get(Call, form.call.data)
        try:
            partnerships.apply_to_call(current_user, initiative, call, form.is_public.data)
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("The initiative is listed as applying to this call."), "success")
            return _back(initiative)
    return render_template(
        "funding/apply.html", form=form, initiative=initiative
    ), 400 if form.errors else 200


@bp.route("/initiatives/<int:initiative_id>/applications/<int:call_id>/withdraw", methods=["POST"])
@login_required
def withdraw(initiative_id: int, call_id: int):
    initiative = load_initiative(initiative_id)
    ensure(permissions.can_manage_needs(current_user, initiative))
    if ActionForm().validate_on_submit():
        partnerships.withdraw_application(current_user, initiative, call_id)
        flash(_("The application is removed."), "success")
    return _back(initiative)


@bp.route("/initiatives/<int:initiative_id>/matches")
def matches(initiative_id: int):
    """Members who could help and similar initiatives elsewhere, each with the reasons."""
    initiative = load_initiative(initiative_id)
    need = db.session.get(Need, initiative.id)
    if need is None or not need.seeks_partners:
        abort(404)
    helpers = matching.helpers_for(initiative, need) if permissions.is_member(current_user) else []
    similar = matching.similar_initiatives(initiative)
    return render_template("funding/matches.html", initiative=initiative, helpers=helpers, similar=similar)
