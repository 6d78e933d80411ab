"""Fixtures: the app on the real migrations, a clean database per test, clients, members, mail."""

import email
import os
import re
import shutil
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask_migrate import upgrade
from sqlalchemy import event

from community import ROOT, create_app
from community.config import database_url
from community.extensions import db, limiter
from tests.factories import DEFAULT_PASSWORD, make_user

# Reference rows that migrations create and every install relies on survive the per-test cleanup.
KEEP_TABLES = {"alembic_version"}
# Tables where migrations also create rows (the Agriculture Innovation Lab, the forum's categories) that
# tests may change or add to: they are emptied like the others, then given back the rows the migrations made.
SEEDED_TABLES = ("labs", "categories", "search_documents")
_seeded_rows: dict[str, list[dict]] = {}


def compile_stale_catalogs() -> None:
    """What ``make catalogs`` does, for a plain ``python -m pytest``: compile each .po newer than its .mo."""
    for po in (ROOT / "community" / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        draft = mo.with_name(f".messages.{os.getpid()}.mo")
        with draft.open("wb") as target:
            write_mo(target, catalog)  # fuzzy entries left out, as pybabel compile does
        draft.replace(mo)  # atomic: a test run beside this one never reads half a file


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    compile_stale_catalogs()
    instance = tmp_path_factory.mktemp("instance")
    os.environ["COMMUNITY_INSTANCE"] = str(instance)
    if "DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = _worker_database(os.environ["DATABASE_URL"])
    app = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,  # storage is set up; the autouse fixture below switches it off
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "SITE_URL": "https://network.example",
            "NEWCOMER_POSTS_PER_HOUR": 1000,  # tests of the newcomer rule lower it
            # Staff pages need a second factor; tests/test_two_step.py turns this on and tests it.
            "TWO_FACTOR_REQUIRED_FOR_STAFF": False,
            "SQLALCHEMY_DATABASE_URI": database_url(
                os.environ.get("DATABASE_URL", "sqlite:///test.db"), Path(instance)
            ),
        }
    )
    with app.app_context():
        upgrade()  # the real migrations
        for name in SEEDED_TABLES:
            table = db.metadata.tables[name]
            _seeded_rows[name] = [dict(row._mapping) for row in db.session.execute(table.select())]
        db.session.remove()
    yield app
    _dispose_every_engine()


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker empties tables after every test: on PostgreSQL each gets a
    database of its own (the run's database name plus the worker's), made afresh."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith(("postgresql", "postgres:")):
        return url
    parts = urlsplit(url)
    base = parts.path.lstrip("/")
    if base.endswith(f"_{worker}"):
        return url
    name = f"{base}_{worker}"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _dispose_every_engine() -> None:
    """Close pooled connections of every app the suite built, before the interpreter collects them."""
    for engines in list(db._app_engines.values()):
        for engine in engines.values():
            engine.dispose()


@pytest.fixture(autouse=True)
def no_rate_limits(app):
    """Limits are off unless a test asks for ``rate_limits`` (the limiter is one global object)."""
    limiter.enabled = False
    yield
    limiter.enabled = False


@pytest.fixture
def rate_limits(app):
    """Real rate limits, counted from zero."""
    limiter.init_app(app)
    limiter.enabled = True
    limiter.reset()
    yield limiter
    limiter.reset()


def empty_tables(app) -> None:
    """Delete every row, then give back the rows the migrations made."""
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in KEEP_TABLES:
                db.session.execute(table.delete())
        for name, rows in _seeded_rows.items():
            if rows:
                db.session.execute(db.metadata.tables[name].insert(), rows)
        db.session.commit()
        db.session.remove()


@pytest.fixture(autouse=True)
def clean_tables(app):
    """Each test starts from the migrations' rows; a module that shares one data set overrides this."""
    yield
    empty_tables(app)


@pytest.fixture
def client(app):
    return app.test_client()


class Outbox:
    """The messages the file backend wrote during one test (the worker runs once before each look)."""

    def __init__(self, folder: Path, app=None):
        self.folder = folder
        self.app = app
        shutil.rmtree(folder, ignore_errors=True)

    def deliver(self) -> None:
        """What ``flask --app community worker --once`` does: send every queued message now."""
        from community.outbox.services import deliver_due

        if self.app is not None:
            with self.app.app_context():
                while deliver_due().sent:
                    pass

    @property
    def messages(self) -> list[Message]:
        self.deliver()
        if not self.folder.exists():
            return []
        return [email.message_from_bytes(path.read_bytes()) for path in sorted(self.folder.glob("*.eml"))]

    def to(self, address: str) -> list[Message]:
        return [message for message in self.messages if message["To"] == address]

    @staticmethod
    def body(message: Message) -> str:
        return message.get_payload(decode=True).decode()

    def link(self, message: Message, path_fragment: str) -> str:
        """The path of the first link in ``message`` that contains ``path_fragment``."""
        for url in re.findall(r"https?://\S+", self.body(message)):
            if path_fragment in url:
                return re.sub(r"^https?://[^/]+", "", url)
        raise AssertionError(f"no link with {path_fragment!r} in the message")


@pytest.fixture
def outbox(app):
    return Outbox(Path(app.config["MAIL_FOLDER"]), app)


@pytest.fixture
def sign_in(client):
    """Sign in through the real form; returns the response."""

    def sign_in(
        identifier: str,
        password: str = DEFAULT_PASSWORD,
        remember: bool = False,
        follow_redirects: bool = False,
        target=None,
    ):
        data = {"identifier": identifier, "password": password}
        if remember:
            data["remember"] = "y"
        return (target or client).post("/auth/login", data=data, follow_redirects=follow_redirects)

    return sign_in


@pytest.fixture
def member(app):
    """A confirmed member's username."""
    with app.app_context():
        return make_user(username="member").username


@pytest.fixture
def signed_in_member(client, sign_in, member):
    response = sign_in(member)
    assert response.status_code == 302
    return member


class QueryCounter:
    """Counts the SQL statements the app runs while active (``with count_queries() as counter``)."""

    def __init__(self, engine):
        self.engine = engine
        self.statements: list[str] = []

    def _record(self, _conn, _cursor, statement, *_args):
        self.statements.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counter: client.get(url)`` then ``counter.count``."""
    with app.app_context():
        engine = db.engine
    return lambda: QueryCounter(engine)


_browser_tests_passed = 0


def pytest_runtest_logreport(report):
    global _browser_tests_passed
    if report.when == "call" and report.passed and "e2e" in report.keywords:
        _browser_tests_passed += 1


def pytest_sessionfinish(session, exitstatus):
    """In CI (REQUIRE_E2E=1) a run in which no browser test passed is a failed run."""
    if os.environ.get("REQUIRE_E2E") and exitstatus == 0 and _browser_tests_passed == 0:
        print("\nREQUIRE_E2E is set but no browser test ran: failing.")
        session.exitstatus = 1
