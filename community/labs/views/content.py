"""What leads curate: resources and events; the documents and the calendar feed everyone reads."""

from flask import Response, abort, current_app, flash, redirect, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.forms import ActionForm, show_error
from community.i18n.zones import zone_of
from community.labs import content, ical, queries
from community.labs.errors import LabError
from community.labs.forms import SUGGESTED_TIME_ZONES, EventForm, ResourceForm
from community.labs.views.base import bp, load_lab, load_managed_lab
from community.urls import absolute_url


@bp.route("/<slug>/resources", methods=["GET", "POST"])
@login_required
def resources(slug: str):
    """The leads' list of resources, with the form that adds one."""
    lab = load_managed_lab(slug)
    form = ResourceForm()
    if form.validate_on_submit():
        try:
            content.add_resource(
                current_user,
                lab,
                form.title.data,
                form.description.data or "",
                form.url.data or None,
                form.document.data,
            )
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The resource is added."), "success")
            return redirect(url_for("labs.resources", slug=lab.slug))
    return render_template("labs/resources.html", lab=lab, form=form, resources=queries.resources(lab))


@bp.route("/<slug>/resources/<int:resource_id>/remove", methods=["POST"])
@login_required
def remove_resource(slug: str, resource_id: int):
    lab = load_managed_lab(slug)
    resource = queries.resource_in(lab, resource_id)
    if ActionForm().validate_on_submit():
        content.remove_resource(current_user, resource)
        flash(_("The resource is removed."), "info")
    return redirect(url_for("labs.resources", slug=lab.slug))


@bp.route("/<slug>/resources/<int:resource_id>/document")
def document(slug: str, resource_id: int):
    """Download a document that the leads uploaded (always as an attachment, never shown inline)."""
    lab, _membership = load_lab(slug)
    resource = queries.resource_in(lab, resource_id)
    if not resource.is_file:
        abort(404)  # links are shown as links: no redirect from our address to anywhere
    response = send_from_directory(
        content.documents_folder(),
        resource.stored_name,
        as_attachment=True,
        download_name=resource.file_name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"  # a removed document must not linger in caches
    return response


@bp.route("/<slug>/events", methods=["GET", "POST"])
@login_required
def events(slug: str):
    """The leads' calendar, with the form that adds an event."""
    lab = load_managed_lab(slug)
    form = EventForm(timezone=zone_of(current_user))
    if form.validate_on_submit():
        try:
            content.add_event(current_user, lab, form.details())
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The event is on the lab's calendar."), "success")
            return redirect(url_for("labs.events", slug=lab.slug))
    return render_template(
        "labs/events.html", lab=lab, form=form, events=queries.events(lab), time_zones=SUGGESTED_TIME_ZONES
    )


@bp.route("/<slug>/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit_event(slug: str, event_id: int):
    lab = load_managed_lab(slug)
    event = queries.event_in(lab, event_id)
    form = EventForm.for_event(event)  # a submitted form overrides these
    if form.validate_on_submit():
        try:
            content.update_event(current_user, event, form.details())
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The event is updated."), "success")
            return redirect(url_for("labs.events", slug=lab.slug))
    return render_template(
        "labs/edit_event.html", lab=lab, event=event, form=form, time_zones=SUGGESTED_TIME_ZONES
    )


@bp.route("/<slug>/events/<int:event_id>/remove", methods=["POST"])
@login_required
def remove_event(slug: str, event_id: int):
    lab = load_managed_lab(slug)
    event = queries.event_in(lab, event_id)
    if ActionForm().validate_on_submit():
        content.remove_event(current_user, event)
        flash(_("The event is removed from the calendar."), "info")
    return redirect(url_for("labs.events", slug=lab.slug))


@bp.route("/<slug>/events.ics")
def calendar(slug: str):
    """The lab's events as an iCalendar feed that calendar apps subscribe to."""
    lab, _membership = load_lab(slug)
    text = ical.calendar(
        lab, queries.events(lab), current_app.config["SITE_URL"], absolute_url("labs.show", slug=lab.slug)
    )
    response = Response(text, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{lab.slug}.ics"'
    return response
