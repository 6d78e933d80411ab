"""/ for a signed-in member (their dashboard), /welcome (getting started), /watching (what they watch)."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, user_logged_in

from community.auth.redirects import safe_next_url
from community.extensions import db
from community.forms import ActionForm
from community.forum.models import Initiative
from community.home import queries, services
from community.home.blueprint import bp
from community.home.errors import HomeError
from community.home.forms import LEVEL_LABELS, WatchForm
from community.home.models import WatchKind, WatchLevel
from community.notifications.views import register_kind_label
from community.permissions import can_mute_initiative, can_view_initiative, can_watch, ensure

register_kind_label("watched-initiative", _l("New initiatives in what you watch"))
register_kind_label("watched-comment", _l("Comments in what you watch"))


@user_logged_in.connect
def _on_sign_in(_app, user, **_extra):
    """The sign-in's flash says "Welcome" the first time (auth reads g.first_sign_in)."""
    g.first_sign_in = services.first_sign_in(user)


@bp.before_app_request
def _members_home():
    """Signed in, / is the member's dashboard; visitors keep the home page."""
    if request.endpoint == "main.index" and request.method == "GET" and current_user.is_authenticated:
        return dashboard()
    return None


@bp.after_app_request
def _get_started(response):
    """The first sign-in leads to getting started rather than to the home page."""
    home = url_for("main.index")
    first = request.endpoint == "auth.login" and g.get("first_sign_in") and not request.args.get("next")
    first = first and response.status_code == 302
    if first and response.headers.get("Location") in (home, request.host_url.rstrip("/") + home):
        response.headers["Location"] = url_for("home.welcome")
    return response


@bp.after_app_request
def _seen(response):
    """Opening an initiative's page reads it: no longer new or unread, nor its notifications."""
    opened = request.endpoint == "forum.show" and request.method == "GET" and response.status_code == 200
    if opened and current_user.is_authenticated:
        services.mark_initiative_seen(current_user, request.view_args["initiative_id"])
    return response


def dashboard():
    state = services.state_of(current_user)
    since = state.previous_visit_at if state.last_visit_at else None
    state = services.record_visit(current_user)
    return render_template(
        "home/dashboard.html",
        board=queries.dashboard(current_user, state.previous_visit_at or since),
        state=state,
        events=queries.upcoming_events(current_user),
        drafts=queries.drafts_of(current_user),
        bookmarks=queries.bookmarks_of(current_user, limit=5),
    )


@bp.route("/watching")
@login_required
def watching():
    return render_template(
        "home/watching.html", watches=queries.watches_of(current_user), labels=LEVEL_LABELS
    )


@bp.route("/watching/<kind>/<path:value>", methods=["POST"])
@login_required
def watch(kind: str, value: str):
    ensure(can_watch(current_user))
    try:
        watch_kind = WatchKind(kind)
    except ValueError:
        abort(404)
    form = WatchForm()
    if not form.validate_on_submit():
        abort(400)
    level = None if form.level.data == "none" else WatchLevel(form.level.data)
    try:
        services.set_watch(current_user, watch_kind, value, level)
    except HomeError:
        abort(404)
    flash(_("Your choice is saved.") if level else _("You no longer follow it."), "success")
    return redirect(
        safe_next_url(request.form.get("back")) if request.form.get("back") else url_for("home.watching")
    )


@bp.route("/welcome/skip", methods=["POST"])
@login_required
def skip():
    if ActionForm().validate_on_submit():
        services.skip_onboarding(current_user)
        flash(_("You can finish getting started from your home page at any time."), "info")
    return redirect(url_for("main.index"))


@bp.route("/initiatives/<int:initiative_id>/mute", methods=["POST"])
@login_required
def mute(initiative_id: int):
    """Hear no more of one initiative, or hear of it again ("muted": "no")."""
    initiative = db.get_or_404(Initiative, initiative_id)
    if not can_view_initiative(current_user, initiative):
        abort(404)
    ensure(can_mute_initiative(current_user, initiative))
    muted = request.form.get("muted") != "no"
    services.mute_initiative(current_user, initiative, muted)
    message = _("You will hear no more of this initiative.") if muted else _("You hear of it again.")
    flash(message, "success")
    return redirect(url_for("forum.show", initiative_id=initiative.id))
