"""Issue 13.2: without REDIS_URL the limits hold across workers (one SQLite file of counters)."""

import multiprocessing
import os

from limits import parse
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from community.ratelimit_store import SQLiteFileStorage
from tests.factories import make_user


def test_the_default_store_is_a_file_in_the_instance_folder(app):
    assert (
        app.config["RATELIMIT_STORAGE_URI"] == f"sqlite:///{os.path.join(app.instance_path, 'ratelimits.db')}"
    )


def test_two_storages_on_one_file_count_together(tmp_path):
    uri = f"sqlite:///{tmp_path / 'limits.db'}"
    first, second = (
        MovingWindowRateLimiter(SQLiteFileStorage(uri)),
        MovingWindowRateLimiter(SQLiteFileStorage(uri)),
    )
    limit = parse("5 per minute")
    allowed = [limiter.hit(limit, "login", "alice") for limiter in (first, second) * 4]
    assert allowed.count(True) == 5 and allowed[5:] == [False] * 3
    assert first.get_window_stats(limit, "login", "alice").remaining == 0
    assert second.test(limit, "login", "bob")
    fixed = [FixedWindowRateLimiter(SQLiteFileStorage(uri)) for _ in range(2)]
    assert [fixed[n % 2].hit(limit, "fixed") for n in range(6)] == [True] * 5 + [False]


def _attempts(database_uri: str, storage_uri: str, count: int, results) -> None:
    """One "gunicorn worker": its own process and app, failing to sign in ``count`` times."""
    from community import create_app

    app = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": database_uri,
            "RATELIMIT_STORAGE_URI": storage_uri,
            "RATELIMIT_ENABLED": True,
        }
    )
    client = app.test_client()
    codes = []
    for attempt in range(count):
        identifier = "target" if attempt % 2 else "target@gov.example"
        response = client.post(
            "/auth/login",
            data={"identifier": identifier, "password": "wrong-password!"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{attempt}"},
        )
        codes.append(response.status_code)
    results.put(codes)


def test_two_worker_processes_share_the_sign_in_limit(app, tmp_path):
    with app.app_context():
        make_user(username="target", email="target@gov.example")
    storage = f"sqlite:///{tmp_path / 'ratelimits.db'}"
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    args = (app.config["SQLALCHEMY_DATABASE_URI"], storage, 5, results)
    workers = [context.Process(target=_attempts, args=args) for _ in range(2)]
    for worker in workers:
        worker.start()
    codes = [code for _ in workers for code in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=30)
    # Ten wrong passwords from two workers: five pass (LOGIN_LIMITS_PER_ACCOUNT), the rest are refused
    # (each worker counting alone let all ten through). Only failures count, so Flask-Limiter tests before
    # the answer and counts after it: two attempts at the very same moment may both pass the fifth.
    assert 5 <= codes.count(200) <= 6 and codes.count(200) + codes.count(429) == 10
