"""What leads curate in a lab: resources (links and documents). One transaction each."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from community.auth.models import User
from community.extensions import db
from community.labs.errors import LabError
from community.labs.models import Lab, LabResource
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
