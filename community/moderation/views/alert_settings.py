"""Moderators choose how they hear of waiting flags (the daily cron is in moderation/cli.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.moderation import alerts
from community.moderation.blueprint import bp
from community.moderation.forms import AlertForm
from community.moderation.models import AlertMode
from community.permissions import moderator_required


@bp.route("/alerts", methods=["GET", "POST"])
@moderator_required
def alerts_settings():
    """Choose: an e-mail at once, a daily one, or none."""
    form = AlertForm(mode=alerts.alert_mode(current_user).value)
    if form.validate_on_submit():
        alerts.set_alert_mode(current_user, AlertMode(form.mode.data))
        flash(_("Your choice is saved."), "success")
        return redirect(url_for("moderation.alerts_settings"))
    return render_template("moderation/alerts.html", form=form)
