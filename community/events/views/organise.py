"""The organisers' side of a session: who registered, attendance, materials, the evaluation, reports."""

from flask import Response, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.events import queries, reports, services
from community.events.errors import EventError
from community.events.forms import AttendanceForm, MaterialForm
from community.events.views.base import bp, load_event, load_organised_event, load_series
from community.forms import ActionForm, show_error
from community.permissions import ensure


def _manage_page(loaded, material_form=None, status=200):
    return render_template(
        "events/manage.html",
        event=loaded.event,
        registrations=queries.registrations(loaded.event),
        material_form=material_form or MaterialForm(formdata=None),
        attendance_form=AttendanceForm(formdata=None),
    ), status


@bp.route("/<int:event_id>/manage")
@login_required
def manage(event_id: int):
    return _manage_page(load_organised_event(event_id))


@bp.route("/<int:event_id>/attendance", methods=["POST"])
@login_required
def attendance(event_id: int):
    loaded = load_organised_event(event_id)
    form = AttendanceForm()
    if form.validate_on_submit():
        count = services.record_attendance(current_user, loaded.event, set(form.attended.data or []))
        flash(_("Attendance is recorded: %(count)s present.", count=count), "success")
    return redirect(url_for("events.manage", event_id=event_id))


@bp.route("/<int:event_id>/check-in-code", methods=["POST"])
@login_required
def checkin_code(event_id: int):
    loaded = load_organised_event(event_id)
    if ActionForm().validate_on_submit():
        code = services.new_checkin_code(current_user, loaded.event)
        flash(_("The check-in code is %(code)s.", code=code), "success")
    return redirect(url_for("events.manage", event_id=event_id))


@bp.route("/<int:event_id>/materials", methods=["POST"])
@login_required
def add_material(event_id: int):
    loaded = load_organised_event(event_id)
    form = MaterialForm()
    if form.validate_on_submit():
        try:
            services.add_material(
                current_user, loaded.event, form.title.data, form.url.data or None, form.document.data or None
            )
        except EventError as error:
            show_error(form, error)
        else:
            flash(_("The material is added."), "success")
            return redirect(url_for("events.manage", event_id=event_id))
    return _manage_page(loaded, form, 400)


@bp.route("/<int:event_id>/materials/<int:material_id>/remove", methods=["POST"])
@login_required
def remove_material(event_id: int, material_id: int):
    loaded = load_organised_event(event_id)
    material = queries.material_in(loaded.event, material_id)
    if ActionForm().validate_on_submit():
        services.remove_material(current_user, material)
        flash(_("The material is removed."), "info")
    return redirect(url_for("events.manage", event_id=event_id))


@bp.route("/<int:event_id>/materials/<int:material_id>/document")
def document(event_id: int, material_id: int):
    """A document of the session, always as an attachment."""
    loaded = load_event(event_id)
    material = queries.material_in(loaded.event, material_id)
    if not material.is_file:
        abort(404)
    response = send_from_directory(
        services.documents_folder(), material.stored_name, as_attachment=True,
        download_name=material.file_name, max_age=0,
    )  # fmt: skip
    response.headers["Cache-Control"] = "private, no-store"
    return response


SWITCHES = {
    "close": (services.set_evaluation_closed, True),
    "reopen": (services.set_evaluation_closed, False),
    "publish": (services.set_results_published, True),
    "unpublish": (services.set_results_published, False),
}
SWITCH_MESSAGES = {
    "close": lambda: _("The evaluation is closed."),
    "reopen": lambda: _("The evaluation is open again."),
    "publish": lambda: _("The summary shows on the event's page."),
    "unpublish": lambda: _("The summary no longer shows on the event's page."),
}


@bp.route("/<int:event_id>/evaluation/<action>", methods=["POST"])
@login_required
def evaluation_switch(event_id: int, action: str):
    if action not in SWITCHES:
        abort(404)
    loaded = load_organised_event(event_id)
    if ActionForm().validate_on_submit():
        function, value = SWITCHES[action]
        function(current_user, loaded.event, value)
        flash(SWITCH_MESSAGES[action](), "success")
    return redirect(url_for("events.report", event_id=event_id))


@bp.route("/<int:event_id>/evaluations/<int:evaluation_id>/quote", methods=["POST"])
@login_required
def quote(event_id: int, evaluation_id: int):
    loaded = load_organised_event(event_id)
    evaluation = queries.evaluation_in(loaded.event, evaluation_id)
    if ActionForm().validate_on_submit():
        try:
            services.set_quoted(current_user, evaluation, request.form.get("quoted") == "1")
        except EventError as error:
            flash(str(error.message), "error")
    return redirect(url_for("events.report", event_id=event_id) + f"#evaluation-{evaluation_id}")


@bp.route("/<int:event_id>/report")
@login_required
def report(event_id: int):
    loaded = load_organised_event(event_id)
    report = reports.event_report(loaded.event)
    return render_template("events/report.html", event=loaded.event, report=report, reports=reports)


@bp.route("/series/<int:series_id>/report")
@login_required
def series_report(series_id: int):
    series, organiser = load_series(series_id)
    ensure(organiser)
    return render_template(
        "events/series_report.html", series=series, reports=reports.series_report(series), charts=reports
    )


@bp.route("/series/<int:series_id>/report.csv")
@login_required
def series_csv(series_id: int):
    series, organiser = load_series(series_id)
    ensure(organiser)
    headers = [
        _("Session"),
        _("Starts (UTC)"),
        _("Invited"),
        _("Responses"),
        _("Response rate"),
        _("Average"),
    ]
    headers += [_("Rated %(rating)s", rating=rating) for rating in reports.RATINGS]
    text = reports.csv_text(reports.series_report(series), headers)
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="series-{series.id}-report.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
