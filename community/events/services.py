"""What organisers do: plan sessions and series, add materials, take attendance, run the evaluation.

One transaction per public function. Registration is in ``registrations``, evaluations in ``evaluations``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from community import permissions
from community.auth.models import User
from community.events.errors import EventError
from community.events.models import Evaluation, Event, EventMaterial, EventSeries, Registration
from community.extensions import db
from community.i18n.zones import is_time_zone
from community.labs.models import Lab, LabMembership
from community.utils import utcnow

DOCUMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt", "png", "jpg", "jpeg"}
CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a session
CHECKIN_EARLY = timedelta(minutes=30)  # check-in opens before the start …
CHECKIN_LATE = timedelta(hours=1)  # … and closes after the end


@dataclass
class EventDetails:
    """A session as organisers plan it: local times (naive) in the named time zone."""

    title: str
    starts_local: datetime
    ends_local: datetime
    timezone: str
    description: str = ""
    online_url: str | None = None
    place: str | None = None
    languages: list[str] = field(default_factory=list)
    capacity: int | None = None
    deadline_local: datetime | None = None
    extra_questions: str = ""
    series_id: int | None = None


def membership_of(user: User, lab: Lab | None) -> LabMembership | None:
    if lab is None or not user.is_authenticated:
        return None
    return db.session.scalar(
        select(LabMembership).where(LabMembership.lab_id == lab.id, LabMembership.user_id == user.id)
    )


def is_organiser(user: User, lab: Lab | None) -> bool:
    return permissions.can_organise_events(user, lab, membership_of(user, lab))


def ensure_organiser(user: User, lab: Lab | None) -> None:
    if not is_organiser(user, lab):
        raise EventError(_("Only the organisers can do this."))


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def _times(details: EventDetails) -> tuple[datetime, datetime, datetime | None]:
    if not is_time_zone(details.timezone):
        raise EventError(
            _("Choose a time zone from the list, such as America/Port_of_Spain."), field="timezone"
        )
    zone = ZoneInfo(details.timezone)
    try:
        starts_at, ends_at = _to_utc(details.starts_local, zone), _to_utc(details.ends_local, zone)
        deadline = _to_utc(details.deadline_local, zone) if details.deadline_local else None
    except (OverflowError, ValueError) as error:  # the first or last days of the calendar
        raise EventError(_("Choose a date between the years 1900 and 2200."), field="starts_at") from error
    if ends_at <= starts_at:
        raise EventError(_("The event must end after it starts."), field="ends_at")
    if deadline is not None and deadline > starts_at:
        raise EventError(_("Registration must close before the event starts."), field="registration_deadline")
    return starts_at, ends_at, deadline


def _series_of(details: EventDetails, lab: Lab | None) -> EventSeries | None:
    if details.series_id is None:
        return None
    series = db.session.get(EventSeries, details.series_id)
    if series is None or series.lab_id != (lab.id if lab else None):
        raise EventError(_("Choose one of this organiser's series."), field="series_id")
    return series


def _apply(event: Event, details: EventDetails) -> None:
    starts_at, ends_at, deadline = _times(details)
    if not (details.online_url or (details.place or "").strip()):
        raise EventError(_("Give an online link, a place, or both."), field="place")
    if details.capacity is not None and details.capacity < 1:
        raise EventError(_("Give a number of places of at least 1, or leave it empty."), field="capacity")
    event.series = _series_of(details, event.lab)
    event.title = details.title.strip()
    event.description = details.description.strip()
    event.starts_at, event.ends_at, event.timezone = starts_at, ends_at, details.timezone
    event.registration_deadline = deadline
    event.online_url = details.online_url or None
    event.place = (details.place or "").strip() or None
    event.languages = ",".join(details.languages)
    event.capacity = details.capacity
    event.extra_questions = "\n".join(
        line.strip() for line in details.extra_questions.splitlines() if line.strip()
    )


def create_event(actor: User, lab: Lab | None, details: EventDetails) -> Event:
    """Announce a session of the network (``lab`` None) or of a lab."""
    ensure_organiser(actor, lab)
    event = Event(lab=lab, author_id=actor.id)
    _apply(event, details)
    db.session.add(event)
    if lab is not None:
        lab.latest_activity_at = utcnow()
    db.session.commit()
    return event


def update_event(actor: User, event: Event, details: EventDetails) -> list[Registration]:
    """Change a session; when places were added, the waiting list moves up (returns who moved)."""
    from community.events.registrations import fill_places  # the registration rules live there

    ensure_organiser(actor, event.lab)
    _apply(event, details)
    moved = fill_places(event)
    db.session.commit()
    return moved


def remove_event(actor: User, event: Event) -> None:
    """Take a session off the calendar (a cancelled meeting), with its registrations and evaluations."""
    ensure_organiser(actor, event.lab)
    stored = [material.stored_name for material in event.materials if material.stored_name]
    db.session.delete(event)
    db.session.commit()
    for name in stored:
        (documents_folder() / name).unlink(missing_ok=True)


def create_series(actor: User, lab: Lab | None, title: str, description: str = "") -> EventSeries:
    """Start a programme of sessions; its sessions are announced one by one."""
    ensure_organiser(actor, lab)
    series = EventSeries(lab=lab, title=title.strip(), description=description.strip(), author_id=actor.id)
    db.session.add(series)
    db.session.commit()
    return series


def documents_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "events"


def _store(upload: FileStorage) -> tuple[str, str, int]:
    original = secure_filename(upload.filename or "") or "document"
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise EventError(_("Upload a PDF, office document, CSV, text or image file."), field="document")
    limit = current_app.config["LAB_DOCUMENT_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise EventError(
            _("The document is larger than %(limit)s MB.", limit=limit // (1024 * 1024)), field="document"
        )
    if not data:
        raise EventError(_("The document is empty."), field="document")
    folder = documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{extension}"
    (folder / stored).write_bytes(data)
    return stored, original[:200], len(data)


def add_material(
    actor: User, event: Event, title: str, url: str | None = None, document: FileStorage | None = None
) -> EventMaterial:
    """A link or a document for the session, before or after it."""
    ensure_organiser(actor, event.lab)
    if bool(url) == bool(document):
        raise EventError(_("Give either a link or a document."), field="url")
    material = EventMaterial(event=event, title=title.strip(), added_by_id=actor.id)
    if document:
        material.stored_name, material.file_name, material.file_size = _store(document)
    else:
        material.url = url
    db.session.add(material)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        if material.stored_name:
            (documents_folder() / material.stored_name).unlink(missing_ok=True)
        raise
    return material


def remove_material(actor: User, material: EventMaterial) -> None:
    ensure_organiser(actor, material.event.lab)
    stored = material.stored_name
    db.session.delete(material)
    db.session.commit()
    if stored:
        (documents_folder() / stored).unlink(missing_ok=True)


def record_attendance(actor: User, event: Event, attended_ids: set[int]) -> int:
    """Mark who attended among the registered members; returns how many did."""
    ensure_organiser(actor, event.lab)
    registrations = db.session.scalars(select(Registration).where(Registration.event_id == event.id)).all()
    count = 0
    for registration in registrations:
        registration.attended = registration.is_registered and registration.user_id in attended_ids
        count += registration.attended
    event.attendance_taken = True
    db.session.commit()
    return count


def new_checkin_code(actor: User, event: Event) -> str:
    """A short code to read out during the session: participants enter it to mark themselves present."""
    ensure_organiser(actor, event.lab)
    event.checkin_code = "".join(secrets.choice(CHECKIN_ALPHABET) for _i in range(6))
    db.session.commit()
    return event.checkin_code


def check_in(user: User, event: Event, code: str) -> None:
    """A registered participant marks themself present with the organisers' code, during the session."""
    registration = db.session.scalar(
        select(Registration).where(Registration.event_id == event.id, Registration.user_id == user.id)
    )
    if registration is None or not registration.is_registered:
        raise EventError(_("Only registered participants can check in."), field="code")
    now = utcnow()
    if now < event.starts_at - CHECKIN_EARLY or now > event.ends_at + CHECKIN_LATE:
        raise EventError(_("Check-in is open only during the session."), field="code")
    given = "".join((code or "").split()).upper()
    if not event.checkin_code or not secrets.compare_digest(given, event.checkin_code):
        raise EventError(_("This is not the session's code."), field="code")
    registration.attended = True
    event.attendance_taken = True
    db.session.commit()


def set_evaluation_closed(actor: User, event: Event, closed: bool) -> None:
    """Closed: no new evaluation, no more changes."""
    ensure_organiser(actor, event.lab)
    event.evaluation_closed = closed
    db.session.commit()


def set_results_published(actor: User, event: Event, published: bool) -> None:
    """Published: the summary (ratings and chosen quotes) shows on the event's page."""
    ensure_organiser(actor, event.lab)
    event.results_published = published
    db.session.commit()


def set_quoted(actor: User, evaluation: Evaluation, quoted: bool) -> None:
    """Choose (or drop) an answer of "what did you like?" as a quote for the published summary."""
    ensure_organiser(actor, evaluation.event.lab)
    if quoted and not evaluation.liked.strip():
        raise EventError(_("This evaluation has no answer to quote."))
    db.session.execute(update(Evaluation).where(Evaluation.id == evaluation.id).values(quoted=quoted))
    db.session.commit()
