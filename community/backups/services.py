"""A consistent copy of the site's data, and putting one back.

A backup is a folder with ``manifest.json`` (when, which schema revision, how many rows in each table),
the database (``database.sqlite`` made with SQLite's online backup API, safe while the site runs; or
``database.dump`` made by ``pg_dump -Fc`` on PostgreSQL) and ``uploads.tar.gz`` (avatars, lab covers,
attachments: the instance folder's uploads). A restore puts both back, keeps the uploads it replaces
beside them, and checks every table's row count against the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL, make_url

from community.backups.errors import BackupError
from community.extensions import db

MANIFEST = "manifest.json"
UPLOADS = "uploads.tar.gz"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.dump"


def make_backup(directory: Path) -> Path:
    """Write a new backup folder under ``directory`` and return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = Path(directory) / f"community-{stamp}"
    target.mkdir(parents=True)
    url = _url()
    counts = row_counts()  # before the copy: rows written meanwhile are in the copy, never missing
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database or ""), target / SQLITE_FILE)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target / PG_FILE}", *_pg_args(url)], url)
    _pack_uploads(target / UPLOADS)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": url.get_backend_name(),
        "revision": db.session.scalar(text("SELECT version_num FROM alembic_version")),
        "rows": counts,
        "uploads": sorted(str(path) for path in _upload_files()),
    }
    db.session.rollback()
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def restore_backup(source: Path) -> dict[str, int]:
    """Replace the database and the uploads with a backup's; returns the restored row counts."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup folder: {error}") from error
    url = _url()
    if manifest["database"] != url.get_backend_name():
        raise BackupError(
            f"This backup is of a {manifest['database']} database; the site uses {url.get_backend_name()}."
        )
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old database open
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(source / SQLITE_FILE, Path(url.database or ""))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_pg_args(url),
                str(source / PG_FILE),
            ],
            url,
        )
    _unpack_uploads(source / UPLOADS)
    counts = row_counts()
    missing = {
        table: (rows, counts.get(table))
        for table, rows in manifest["rows"].items()
        if counts.get(table, 0) < rows
    }
    if missing:
        raise BackupError(f"Rows missing after the restore (expected, found): {missing}")
    return counts


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
        for table in db.metadata.sorted_tables
    }


def _url() -> URL:
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_copy(source: Path, destination: Path) -> None:
    """SQLite's online backup: a consistent copy, page by page, while others read and write."""
    if not source.exists():
        raise BackupError(f"No database at {source}.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(destination) as copy:
        origin.execute("PRAGMA busy_timeout=15000")
        copy.execute("PRAGMA busy_timeout=15000")
        origin.backup(copy)
    origin.close()
    copy.close()


def _pg_args(url: URL) -> list[str]:
    args = [f"--dbname={url.database}"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    return args


def _run(command: list[str], url: URL) -> None:
    """Run pg_dump or pg_restore, the password in the environment (never on the command line)."""
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client of the server's version "
            "(e.g. apt-get install postgresql-client)."
        )
    environment = dict(os.environ, PGPASSWORD=url.password or "", PGCONNECT_TIMEOUT="10")
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _uploads_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _upload_files() -> list[Path]:
    folder = _uploads_folder()
    if not folder.exists():
        return []
    return [path.relative_to(folder) for path in folder.rglob("*") if path.is_file()]


def _pack_uploads(archive: Path) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        folder = _uploads_folder()
        if folder.exists():
            tar.add(folder, arcname="uploads")


def _unpack_uploads(archive: Path) -> None:
    """Unpack beside the uploads, then swap: the replaced folder is kept as uploads.before-restore-…"""
    folder = _uploads_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as scratch:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(scratch, filter="data")  # no absolute paths, links out or devices
        unpacked = Path(scratch) / "uploads"
        unpacked.mkdir(exist_ok=True)
        if folder.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
            folder.rename(folder.with_name(f"{folder.name}.before-restore-{stamp}"))
        unpacked.rename(folder)
