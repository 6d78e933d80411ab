"""Cursor pages in a stable order (by id): what changes between two requests never shifts a page."""

from __future__ import annotations

import base64
import binascii

from sqlalchemy import Select

from community.api.problems import ApiProblem
from community.extensions import db

VERSION = "v1"


def encode(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"{VERSION}:{last_id}".encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _, number = text.partition(":")
        last_id = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        last_id, version = -1, ""
    if version != VERSION or not 0 <= last_id < 2**63:
        raise ApiProblem(
            "invalid-cursor", "The cursor is malformed: pass the next_cursor of a previous page."
        )
    return last_id


def page(statement: Select, id_column, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of ``statement`` after the cursor, and the cursor of the next page (None on the last)."""
    if cursor:
        statement = statement.where(id_column > decode(cursor))
    rows = list(db.session.scalars(statement.order_by(None).order_by(id_column).limit(limit + 1)).unique())
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], encode(getattr(rows[limit - 1], id_column.key))
