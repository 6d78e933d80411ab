"""Everyone's pages: the list, a session, a series; the organisers' forms that announce and change them."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.events import queries, reports, services
from community.events.errors import EventError
from community.events.forms import EventForm, SearchForm, SeriesForm
from community.events.views.base import bp, lab_or_none, load_event, load_organised_event, load_series
from community.forms import ActionForm, show_error
from community.i18n.zones import zone_of
from community.permissions import ensure


@bp.route("/")
def index():
    """Coming sessions (or past ones), searchable, of the network or of one lab."""
    form = SearchForm(request.args)
    q = (form.q.data or "").strip() if form.validate() else ""
    lab = lab_or_none(request.args.get("lab"))
    past = request.args.get("when") == "past"
    events = queries.listing(current_user, q=q, lab=lab, past=past)
    may_organise = services.is_organiser(current_user, lab)
    return render_template(
        "events/index.html", events=events, form=form, lab=lab, past=past, q=q, may_organise=may_organise
    )


@bp.route("/<int:event_id>")
def show(event_id: int):
    loaded = load_event(event_id)
    summary = reports.event_report(loaded.event) if loaded.event.results_published else None
    return render_template("events/show.html", loaded=loaded, event=loaded.event, summary=summary)


def _series_choices(lab):
    return queries.series_of(lab)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Announce a session of the network (moderators) or of a lab (``?lab=slug``, its leads)."""
    lab = lab_or_none(request.args.get("lab"))
    ensure(services.is_organiser(current_user, lab))
    form = EventForm(series=_series_choices(lab), timezone=zone_of(current_user))
    if request.method == "GET" and request.args.get("series", "").isdigit():
        form.series_id.data = request.args["series"]
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, lab, form.details())
        except EventError as error:
            show_error(form, error)
        else:
            flash(_("The event is announced."), "success")
            return redirect(url_for("events.show", event_id=event.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("events/edit.html", form=form, lab=lab, event=None), status


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = load_organised_event(event_id).event
    form = EventForm.for_event(event, series=_series_choices(event.lab))
    if form.validate_on_submit():
        try:
            moved = services.update_event(current_user, event, form.details())
        except EventError as error:
            show_error(form, error)
        else:
            flash(_("The event is updated."), "success")
            if moved:
                flash(
                    _("Members on the waiting list took the new places: %(count)s.", count=len(moved)), "info"
                )
            return redirect(url_for("events.show", event_id=event.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("events/edit.html", form=form, lab=event.lab, event=event), status


@bp.route("/<int:event_id>/remove", methods=["POST"])
@login_required
def remove(event_id: int):
    event = load_organised_event(event_id).event
    lab = event.lab
    if ActionForm().validate_on_submit():
        services.remove_event(current_user, event)
        flash(_("The event is removed from the calendar."), "info")
    return redirect(url_for("events.index", lab=lab.slug if lab else None))


@bp.route("/series/new", methods=["GET", "POST"])
@login_required
def new_series():
    lab = lab_or_none(request.args.get("lab"))
    ensure(services.is_organiser(current_user, lab))
    form = SeriesForm()
    if form.validate_on_submit():
        series = services.create_series(current_user, lab, form.title.data, form.description.data or "")
        flash(_("The series is created: now announce its sessions."), "success")
        return redirect(url_for("events.series", series_id=series.id))
    status = 400 if form.errors else 200
    return render_template("events/new_series.html", form=form, lab=lab), status


@bp.route("/series/<int:series_id>")
def series(series_id: int):
    series, organiser = load_series(series_id)
    sessions = [event for event in series.sessions if not event.is_hidden or organiser]
    return render_template("events/series.html", series=series, sessions=sessions, organiser=organiser)
