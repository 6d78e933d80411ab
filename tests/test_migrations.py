"""The migrations are the schema: every model change has its revision."""

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from community.extensions import db
from community.search.migration_filter import include_object

ROOT = Path(__file__).resolve().parent.parent


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, db.metadata) == []


def test_code_passes_the_linter():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "community", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
