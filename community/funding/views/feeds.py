"""The calls as open data (CSV, JSON), an Atom feed of new calls and an iCalendar feed of deadlines."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC

from flask import Response, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from icalendar import Calendar, Event

from community.extensions import limiter
from community.funding import queries
from community.funding.blueprint import bp
from community.funding.forms import FilterForm
from community.utils import utcnow

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.route("/export.<any(csv, json):fmt>")
@limiter.limit("30 per hour")
def export(fmt: str):
    """The list, with its filters, as CSV or JSON."""
    filters = queries.Filters.from_values(FilterForm(request.args).valid_values())
    rows = queries.export_rows(filters, current_user, current_app.config["SITE_URL"])
    if fmt == "json":
        body = json.dumps({"calls": rows, "count": len(rows)}, ensure_ascii=False, indent=1)
        response = Response(body, mimetype="application/json")
    else:
        response = Response(_csv(rows), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="funding-calls.{fmt}"'
    return response


def _csv(rows: list[dict]) -> str:
    """Lists joined with "; "; a cell that starts like a formula gets a leading apostrophe."""
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@bp.route("/feed.atom")
def feed():
    calls = queries.calls_for_feed()
    site = current_app.config["SITE_URL"]
    body = render_template(
        "funding/feed.xml",
        calls=calls,
        site_url=site,
        self_url=site + url_for("funding.feed"),
        page_url=site + url_for("funding.index"),
        updated=max((call.edited_at or call.created_at for call in calls), default=None) or utcnow(),
    )
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.route("/deadlines.ics")
def deadlines():
    """Each call's deadline as an event a calendar can subscribe to."""
    site = current_app.config["SITE_URL"]
    calendar = Calendar()
    calendar.add("prodid", "-//Network of Digital Transformation Agents//Funding deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Funding deadlines"))
    for call in queries.deadlines():
        event = Event()
        event.add("uid", f"funding-call-{call.id}@{site.split('://')[-1]}")
        event.add("summary", _("Deadline: %(title)s", title=call.title))
        event.add("dtstart", call.closes_at.replace(tzinfo=UTC))
        event.add("dtend", call.closes_at.replace(tzinfo=UTC))
        event.add("dtstamp", (call.edited_at or call.created_at).replace(tzinfo=UTC))
        event.add("description", f"{call.funder}: {call.summary}")
        event.add("url", site + url_for("funding.show", call_id=call.id))
        calendar.add_component(event)
    return Response(calendar.to_ical(), mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="funding-deadlines.ics"'})  # fmt: skip
