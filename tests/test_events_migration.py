"""Migration 1701 on a database with data: the labs' events become sessions, nothing lost, ids kept."""

import os
from datetime import datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from community import create_app
from community.config import database_url
from community.extensions import db


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the kind the suite runs on: a SQLite file, or a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'upgrade.db'}"
        return
    import psycopg

    name = f"upgrade_1701_{os.getpid()}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield database_url(url.rsplit("/", 1)[0] + f"/{name}", tmp_path)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_lab_events_are_carried_over_to_the_events_table_with_their_ids(fresh_database):
    url = fresh_database
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SITE_URL": "https://network.example"})
    with app.app_context():
        upgrade(revision="1001")
        with db.engine.begin() as connection:
            now = datetime(2026, 1, 1, 12, 0)
            connection.execute(
                sa.text(
                    "INSERT INTO users (id, email, username, username_key, password_hash, role, state,"
                    " created_at, password_changed_at, confirmed_at) VALUES (7, 'lead@example.org',"
                    " 'lead', 'lead', 'x', 'MEMBER', 'ACTIVE', :now, :now, :now)"
                ),
                {"now": now},
            )
            lab_id = connection.execute(sa.text("SELECT id FROM labs WHERE slug = 'agriculture'")).scalar()
            for event_id, title, place, url_ in (
                (5, "Kick-off", "Kingston", None),
                (9, "Registries", None, "https://meet.example.org/a"),
            ):
                connection.execute(
                    sa.text(
                        "INSERT INTO lab_events (id, lab_id, title, description, starts_at, ends_at,"
                        " timezone, online_url, place, added_by_id, created_at, updated_at)"
                        " VALUES (:id, :lab, :title, 'Agenda; one, two', :start, :end, 'America/Jamaica',"
                        " :url, :place, 7, :now, :now)"
                    ),
                    {"id": event_id, "lab": lab_id, "title": title, "start": datetime(2030, 3, 5, 19),
                     "end": datetime(2030, 3, 5, 21), "url": url_, "place": place, "now": now},
                )  # fmt: skip
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT id, lab_id, title, description, starts_at, timezone, online_url, place,"
                    " author_id, series_id, is_hidden FROM events ORDER BY id"
                )
            ).all()
            assert "lab_events" not in sa.inspect(connection).get_table_names()
        assert [row.id for row in rows] == [5, 9]
        kick_off, registries = rows
        assert kick_off.title == "Kick-off" and kick_off.place == "Kingston" and kick_off.lab_id == lab_id
        assert kick_off.description == "Agenda; one, two" and kick_off.timezone == "America/Jamaica"
        assert str(kick_off.starts_at).startswith("2030-03-05 19:00")
        assert kick_off.author_id == 7 and kick_off.series_id is None and not kick_off.is_hidden
        assert registries.online_url == "https://meet.example.org/a" and registries.place is None
    client = app.test_client()
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Kick-off" in page and "Registries" in page  # the lab page shows them through the new model
    assert client.get("/labs/agriculture/events/9/edit").headers["Location"].endswith("/events/9/edit")
    with app.app_context():
        downgrade(revision="1001")  # and back: the lab's events return to their table
        with db.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT id FROM lab_events ORDER BY id")).scalars().all() == [
                5,
                9,
            ]
        db.engine.dispose()
