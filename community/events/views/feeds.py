"""Feeds: Atom of coming sessions; iCalendar of the network, a lab, a series, one session.
Also the old addresses of lab events, which now redirect here."""

from flask import Response, current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from community.events import ical, queries
from community.events.views.base import bp, lab_or_none, load_event, load_series
from community.utils import utcnow


def _ics(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/feed.atom")
def atom():
    events = queries.upcoming()
    body = render_template(
        "events/atom.xml",
        events=events,
        updated=max((event.updated_at for event in events), default=None) or utcnow(),
        site_url=current_app.config["SITE_URL"],
    )
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.route("/calendar.ics")
def network_calendar():
    return _ics(
        ical.calendar(_("Events of the network"), queries.calendar_events(network=True)), "events.ics"
    )


@bp.route("/labs/<slug>.ics")
def lab_calendar(slug: str):
    lab = lab_or_none(slug)
    name = _("Events of %(name)s", name=lab.name)
    return _ics(ical.calendar(name, queries.calendar_events(lab=lab)), f"{lab.slug}.ics")


@bp.route("/series/<int:series_id>.ics")
def series_calendar(series_id: int):
    series, _organiser = load_series(series_id)
    return _ics(
        ical.calendar(series.title, queries.calendar_events(series=series)), f"series-{series.id}.ics"
    )


@bp.route("/<int:event_id>.ics")
def event_calendar(event_id: int):
    loaded = load_event(event_id)
    return _ics(ical.calendar(loaded.event.title, [loaded.event]), f"event-{event_id}.ics")


def _legacy_routes(state) -> None:
    """The labs' former event addresses keep working (their ids were carried over)."""
    add = state.app.add_url_rule
    add(
        "/labs/<slug>/events",
        "events_legacy_lab_events",
        lambda slug: redirect(url_for("events.index", lab=slug), 301),
    )
    add("/labs/<slug>/events.ics", "events_legacy_lab_calendar",
        lambda slug: redirect(url_for("events.lab_calendar", slug=slug), 301))  # fmt: skip
    add("/labs/<slug>/events/<int:event_id>/edit", "events_legacy_edit",
        lambda slug, event_id: redirect(url_for("events.edit", event_id=event_id), 301))  # fmt: skip


bp.record_once(_legacy_routes)
