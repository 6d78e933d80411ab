"""Attachments: what a file really is (by its content, not its name), and where it is kept."""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from community.forum.errors import ForumError

# Browsers sniff the first bytes: anything that looks like markup there is refused outright.
HTML_LIKE = re.compile(
    rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|a\s|img\s|div|style|\?xml)",
    re.IGNORECASE,
)
IMAGE_TYPES = {"PNG": ("image/png", {"png"}), "JPEG": ("image/jpeg", {"jpg", "jpeg"}),
               "GIF": ("image/gif", {"gif"}), "WEBP": ("image/webp", {"webp"})}  # fmt: skip
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FILES = 5


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def check(filename: str, stream: BinaryIO) -> CheckedFile:
    """Read an upload and say what it is; raise ForumError unless its content matches an allowed type."""
    name = safe_filename(filename)
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ForumError(
            _("%(name)s is larger than %(mb)d MB.", name=name, mb=limit // (1024 * 1024)), field="attachments"
        )
    if not data:
        raise ForumError(_("%(name)s is empty.", name=name), field="attachments")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    content_type, extensions = _detect(data)
    if content_type is None or extension not in extensions:
        raise ForumError(
            _(
                "%(name)s is not a PDF, CSV, XLSX, DOCX or image file, "
                "or its name does not match its content.",
                name=name,
            ),
            field="attachments",
        )
    return CheckedFile(name, content_type, data)


def _detect(data: bytes) -> tuple[str | None, set[str]]:
    if HTML_LIKE.search(data[:1024]):
        return None, set()
    if data.startswith(b"%PDF-"):
        return "application/pdf", {"pdf"}
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    image = _image(data)
    if image:
        return image
    if _is_csv(data):
        return "text/csv", {"csv"}
    return None, set()


def _office(data: bytes) -> tuple[str | None, set[str]]:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None, set()
    if "[Content_Types].xml" not in names:
        return None, set()
    if "word/document.xml" in names:
        return DOCX, {"docx"}
    if "xl/workbook.xml" in names:
        return XLSX, {"xlsx"}
    return None, set()


def _image(data: bytes) -> tuple[str, set[str]] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(image_format or "")


def _is_csv(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not HTML_LIKE.search(text.encode())


def safe_filename(filename: str | None) -> str:
    """The name shown and offered on download: no path, no control characters, at most 120 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable() and char not in '"<>:|?*').strip(" .")
    if len(name) > 120:
        stem, _dot, extension = name.rpartition(".")
        name = f"{stem[: 115 - len(extension)]}.{extension}" if stem else name[:120]
    return name or "attachment"


def folder() -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"]) / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(checked: CheckedFile) -> str:
    """Write the file under a random name; returns that name."""
    stored_name = secrets.token_hex(24)
    (folder() / stored_name).write_bytes(checked.data)
    return stored_name


def discard(stored_names: list[str]) -> None:
    """Remove files written for a transaction that did not commit."""
    for stored_name in stored_names:
        (folder() / stored_name).unlink(missing_ok=True)


def path_of(stored_name: str) -> Path:
    return folder() / stored_name
