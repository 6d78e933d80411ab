"""Every migration runs forwards and back: upgrade, downgrade to the base, upgrade again.

It runs on a database of its own beside the suite's: a fresh SQLite file, or on PostgreSQL (when
DATABASE_URL names one) a database ``<suite's database>_round_trip`` on the same server.
"""

from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from community import create_app
from community.extensions import db
from community.search.migration_filter import include_object

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def round_trip_url(app, tmp_path):
    suite_url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if suite_url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'round_trip.db'}"
        return
    name = f"{suite_url.database}_round_trip"
    admin = suite_url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield suite_url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_every_migration_upgrades_downgrades_to_the_base_and_upgrades_again(app, round_trip_url):
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": round_trip_url})
    with other.app_context():
        try:
            upgrade()
            assert _tables() >= {"users", "initiatives", "labs", "search_documents"}
            downgrade(revision="base")
            assert _tables() == set()
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "include_object": include_object}
                )
                assert compare_metadata(context, db.metadata) == []
        finally:
            db.session.remove()
            db.engine.dispose()


def test_no_migration_imports_the_application():
    for revision in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        text = revision.read_text()
        assert "from community" not in text and "import community" not in text, revision.name
