"""The ceiling: a bare Flask view that renders 50 joined rows of the bench database through Jinja.

No extension, no session, no login: a plain SQLAlchemy engine on the same database (DATABASE_URL, or
the SQLite file in COMMUNITY_INSTANCE, with the app's pragmas) and one template. Served by the same
gunicorn settings as the app (bench/run.py), it is the most this machine serves for such a page: the
app's pages are compared with it.

    COMMUNITY_INSTANCE=/tmp/bench .venv/bin/gunicorn -w 2 -b 127.0.0.1:8001 bench.ceiling:app
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template
from sqlalchemy import DateTime, create_engine, event, text

from community.config import database_url

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("COMMUNITY_INSTANCE") or ROOT / "instance")
# The latest initiatives with their authors: the shape of a list page, at its simplest.
ROWS = text(
    "SELECT i.id, i.title, i.summary, i.country, i.comment_count, i.last_activity_at,"
    " u.username, p.display_name, p.organization"
    " FROM initiatives i JOIN users u ON u.id = i.author_id JOIN profiles p ON p.user_id = u.id"
    " ORDER BY i.last_activity_at DESC LIMIT 50"
).columns(last_activity_at=DateTime)

engine = create_engine(database_url(os.environ.get("DATABASE_URL"), INSTANCE), pool_pre_ping=True)
if engine.dialect.name == "sqlite":

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=15000", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()


app = Flask(__name__, template_folder=str(Path(__file__).parent / "templates"))


@app.route("/")
def index():
    with engine.connect() as connection:
        rows = connection.execute(ROWS).all()
    return render_template("ceiling.html", rows=rows)


@app.route("/healthz")
def healthz():
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok", "database": "ok"}
