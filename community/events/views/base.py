"""The blueprint every event route hangs on, the loaders the routes share, and the lab page's hook."""

from __future__ import annotations

from dataclasses import dataclass

import click
from flask import Blueprint, abort
from flask_login import current_user

from community.events import queries, reminders, reports, services
from community.events.forms import CheckInForm
from community.events.models import Event, EventSeries, Registration
from community.events.registrations import registration_of
from community.labs import queries as lab_queries
from community.labs.models import Lab, LabMembership
from community.permissions import can_organise_events, can_view_event, can_view_lab, ensure
from community.utils import utcnow

bp = Blueprint("events", __name__, url_prefix="/events", cli_group="events")


@dataclass
class Loaded:
    event: Event
    membership: LabMembership | None
    organiser: bool
    registration: Registration | None


def load_event(event_id: int) -> Loaded:
    """The session (404 when unknown or hidden from the reader), with the reader's standing."""
    event = queries.event_or_404(event_id)
    if not can_view_event(current_user, event) or (event.lab and not can_view_lab(current_user, event.lab)):
        abort(404)
    membership = services.membership_of(current_user, event.lab)
    organiser = can_organise_events(current_user, event.lab, membership)
    return Loaded(event, membership, organiser, registration_of(current_user, event))


def load_organised_event(event_id: int) -> Loaded:
    loaded = load_event(event_id)
    ensure(loaded.organiser)
    return loaded


def load_series(series_id: int) -> tuple[EventSeries, bool]:
    series = queries.series_or_404(series_id)
    if series.lab is not None and not can_view_lab(current_user, series.lab):
        abort(404)
    return series, services.is_organiser(current_user, series.lab)


def lab_or_none(slug: str | None) -> Lab | None:
    """The lab named in ``?lab=``, or None for the network (404 for an unknown or hidden lab)."""
    if not slug:
        return None
    lab = lab_queries.lab_by_slug(slug)
    if lab is None or not can_view_lab(current_user, lab):
        abort(404)
    return lab


@bp.context_processor
def _event_page_globals() -> dict:
    return {"now": utcnow(), "check_in_form": CheckInForm, "reports_module": reports}


@bp.app_template_global()
def lab_events(lab: Lab) -> queries.LabEvents:
    """What the lab page's events section lists (templates/events/_lab_events.html)."""
    return queries.lab_events(lab)


@bp.cli.command("send-reminders")
def send_reminders_command() -> None:
    """E-mail tomorrow's participants (with an .ics) and invite those of ended sessions to evaluate."""
    click.echo(f"Reminders sent: {reminders.send_reminders()}")
    click.echo(f"Invitations to evaluate: {reminders.send_invitations()}")
