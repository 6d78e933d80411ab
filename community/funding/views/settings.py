"""A member's funding alerts (in the notification settings) and the admins' list of partner organisations."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.models import User
from community.extensions import db
from community.forms import ActionForm, show_error
from community.funding import queries, services
from community.funding.blueprint import bp
from community.funding.errors import FundingError
from community.funding.forms import AlertForm, PartnerForm
from community.permissions import admin_required


@bp.route("/alerts", methods=["GET", "POST"])
@login_required
def alerts():
    setting = services.alert_setting(current_user)
    form = AlertForm(mode=setting.mode.value, sectors=setting.sectors)
    if form.validate_on_submit():
        try:
            services.set_alerts(current_user, form.mode.data, form.sectors.data or [])
        except FundingError as error:
            show_error(form, error)
        else:
            flash(_("Your funding alerts are saved."), "success")
            return redirect(url_for("funding.alerts"))
    return render_template("funding/alerts.html", form=form), 400 if form.errors else 200


@bp.route("/partners", methods=["GET", "POST"])
@admin_required
def partners():
    form = PartnerForm()
    if form.validate_on_submit():
        member = queries.member_by_username(form.username.data)
        if member is None:
            form.username.errors.append(_("No member has this username."))
        else:
            try:
                services.mark_partner(current_user, member, True)
            except FundingError as error:
                show_error(form, error)
            else:
                flash(_("%(name)s is marked as a partner organisation.", name=member.username), "success")
                return redirect(url_for("funding.partners"))
    marked = queries.partner_organisations()
    return render_template("funding/partners.html", form=form, partners=marked), 400 if form.errors else 200


@bp.route("/partners/<int:user_id>/remove", methods=["POST"])
@admin_required
def remove_partner(user_id: int):
    member = db.get_or_404(User, user_id)
    if ActionForm().validate_on_submit():
        services.mark_partner(current_user, member, False)
        flash(_("The mark is removed."), "success")
    return redirect(url_for("funding.partners"))
