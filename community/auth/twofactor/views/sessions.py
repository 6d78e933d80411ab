"""/settings/sessions: where the member is signed in; sign out any other session, or all of them."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import format_timedelta, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.twofactor import sessions
from community.auth.twofactor.errors import SecurityError
from community.auth.twofactor.views import bp
from community.forms import ActionForm
from community.utils import utcnow


@bp.route("/settings/sessions")
@login_required
def sessions_page():
    """Every open session: device, when it was last seen, which one is this."""
    open_sessions = sessions.open_sessions(current_user, current_user.session_token)
    return render_template("settings/sessions.html", open_sessions=open_sessions, ago=_ago)


def _ago(moment: datetime) -> str:
    """About how long ago: last seen is written every few minutes, so say no more than that."""
    elapsed = utcnow() - moment
    if elapsed < sessions.SEEN_EVERY:
        return _("in the last few minutes")
    return format_timedelta(-elapsed, add_direction=True)


@bp.route("/settings/sessions/<int:session_id>/end", methods=["POST"])
@login_required
def end_session(session_id: int):
    """Sign one other session out: that browser is signed out at its next request."""
    if not sessions.belongs_to(current_user, session_id):
        abort(404)
    if ActionForm().validate_on_submit():
        try:
            sessions.end_session(current_user, session_id, current_user.session_token)
        except SecurityError as error:
            flash(error.message, "info")
        else:
            flash(_("That session is signed out."), "success")
    return redirect(url_for("twofactor.sessions_page"))


@bp.route("/settings/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    """Sign out everywhere but here."""
    if ActionForm().validate_on_submit():
        ended = sessions.end_other_sessions(current_user, current_user.session_token)
        flash(
            ngettext("%(num)d other session signed out.", "%(num)d other sessions signed out.", ended),
            "success",
        )
    return redirect(url_for("twofactor.sessions_page"))
