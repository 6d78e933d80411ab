"""What leads curate in a lab: resources (links and documents) and events. One transaction each."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from community.auth.models import User
from community.extensions import db
from community.i18n.zones import is_time_zone
from community.labs.errors import LabError
from community.labs.models import Lab, LabEvent, LabResource
from community.labs.services import ensure_manager
from community.utils import utcnow

DOCUMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt", "png", "jpg", "jpeg"}


def documents_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "labs"


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _store(upload: FileStorage) -> tuple[str, str, int]:
    """Write the document under a random name; returns (stored name, safe original name, size)."""
    original = secure_filename(upload.filename or "") or "document"
    extension = _extension(original)
    if extension not in DOCUMENT_EXTENSIONS:
        raise LabError(_("Upload a PDF, office document, CSV, text or image file."), field="document")
    data = upload.stream.read(current_app.config["LAB_DOCUMENT_MAX_BYTES"] + 1)
    if len(data) > current_app.config["LAB_DOCUMENT_MAX_BYTES"]:
        limit = current_app.config["LAB_DOCUMENT_MAX_BYTES"] // (1024 * 1024)
        raise LabError(_("The document is larger than %(limit)s MB.", limit=limit), field="document")
    if not data:
        raise LabError(_("The document is empty."), field="document")
    folder = documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{secrets.token_hex(16)}.{extension}"
    (folder / stored).write_bytes(data)
    return stored, original[:200], len(data)


def add_resource(
    actor: User,
    lab: Lab,
    title: str,
    description: str = "",
    url: str | None = None,
    document: FileStorage | None = None,
) -> LabResource:
    """Recommend a link or upload a document for the lab."""
    ensure_manager(actor, lab)
    if bool(url) == bool(document):
        raise LabError(_("Give either a link or a document."), field="url")
    resource = LabResource(
        lab=lab, title=title.strip(), description=description.strip(), added_by_id=actor.id
    )
    if document:
        resource.stored_name, resource.file_name, resource.file_size = _store(document)
    else:
        resource.url = url
    db.session.add(resource)
    lab.latest_activity_at = utcnow()
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        _unlink(resource.stored_name)  # no document is left without its row
        raise
    return resource


def _unlink(stored_name: str | None) -> None:
    if stored_name:
        (documents_folder() / stored_name).unlink(missing_ok=True)


def remove_resource(actor: User, resource: LabResource) -> None:
    """Take a resource off the lab page (its document is deleted too)."""
    ensure_manager(actor, resource.lab)
    stored_name = resource.stored_name
    db.session.delete(resource)
    db.session.commit()
    _unlink(stored_name)


@dataclass
class EventDetails:
    """An event as a lead plans it: local start and end (naive) in the named time zone."""

    title: str
    starts_local: datetime
    ends_local: datetime
    timezone: str
    description: str = ""
    online_url: str | None = None
    place: str | None = None


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def _apply(event: LabEvent, details: EventDetails) -> None:
    if not is_time_zone(details.timezone):
        raise LabError(
            _("Choose a time zone from the list, such as America/Port_of_Spain."), field="timezone"
        )
    zone = ZoneInfo(details.timezone)
    try:
        starts_at, ends_at = _to_utc(details.starts_local, zone), _to_utc(details.ends_local, zone)
    except (OverflowError, ValueError) as error:  # the first or last days of the calendar
        raise LabError(_("Choose a date between the years 1900 and 2200."), field="starts_at") from error
    if ends_at <= starts_at:
        raise LabError(_("The event must end after it starts."), field="ends_at")
    if not (details.online_url or (details.place or "").strip()):
        raise LabError(_("Give an online link, a place, or both."), field="place")
    event.title = details.title.strip()
    event.description = details.description.strip()
    event.starts_at, event.ends_at, event.timezone = starts_at, ends_at, details.timezone
    event.online_url = details.online_url or None
    event.place = (details.place or "").strip() or None


def add_event(actor: User, lab: Lab, details: EventDetails) -> LabEvent:
    """Put a meeting on the lab's calendar."""
    ensure_manager(actor, lab)
    event = LabEvent(lab=lab, added_by_id=actor.id)
    _apply(event, details)
    db.session.add(event)
    lab.latest_activity_at = utcnow()
    db.session.commit()
    return event


def update_event(actor: User, event: LabEvent, details: EventDetails) -> None:
    """Change an event: new times, place or link."""
    ensure_manager(actor, event.lab)
    _apply(event, details)
    db.session.commit()


def remove_event(actor: User, event: LabEvent) -> None:
    """Take an event off the calendar (a cancelled meeting)."""
    ensure_manager(actor, event.lab)
    db.session.delete(event)
    db.session.commit()
