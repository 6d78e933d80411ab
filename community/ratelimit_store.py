"""Rate-limit counters in a SQLite file of the instance folder, for the ``limits`` library.

Without ``REDIS_URL`` every gunicorn worker of one machine counts in the same file, so the configured
limits hold whatever the number of workers (in-memory counters multiplied them). It needs no server:
the file is ``<instance>/ratelimits.db``, apart from the site's database so a burst of attempts never
takes its write lock. Several machines share counters through ``REDIS_URL``.

``limits`` finds this class by its scheme: ``RATELIMIT_STORAGE_URI = "sqlite:////abs/path.db"``.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time

from limits.storage import MovingWindowSupport, Storage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (key TEXT NOT NULL, at REAL NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS events_key_at ON events (key, at);
CREATE INDEX IF NOT EXISTS events_expires ON events (expires);
CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL);
"""


class SQLiteFileStorage(Storage, MovingWindowSupport):
    """Fixed-window counters and moving-window entries, each change in one immediate transaction."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self.path = (uri or "").removeprefix("sqlite:///") or ":memory:"
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._connection().executescript(_SCHEMA)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        """One connection per process and thread (gunicorn forks after the app is built)."""
        pid = os.getpid()
        if getattr(self._local, "pid", None) != pid:
            connection = sqlite3.connect(self.path, timeout=15, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection, self._local.pid = connection, pid
        return self._local.connection

    def _transaction(self):
        storage = self

        class Transaction:
            def __enter__(self):
                self.db = storage._connection()
                self.db.execute("BEGIN IMMEDIATE")  # the write lock first: no two workers interleave
                return self.db

            def __exit__(self, kind, *_):
                self.db.execute("ROLLBACK" if kind else "COMMIT")

        return Transaction()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._transaction() as db:
            row = db.execute("SELECT value, expires FROM counters WHERE key = ?", (key,)).fetchone()
            if row is None or row[1] <= now:
                value = amount
                db.execute("REPLACE INTO counters VALUES (?, ?, ?)", (key, value, now + expiry))
            else:
                value = row[0] + amount
                db.execute("UPDATE counters SET value = ? WHERE key = ?", (value, key))
        return value

    def get(self, key: str) -> int:
        row = (
            self._connection()
            .execute("SELECT value FROM counters WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expires FROM counters WHERE key = ?", (key,)).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        with self._transaction() as db:
            count = db.execute("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM counters)")
            removed = count.fetchone()[0]
            db.execute("DELETE FROM events")
            db.execute("DELETE FROM counters")
        return removed

    def clear(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM events WHERE key = ?", (key,))
            db.execute("DELETE FROM counters WHERE key = ?", (key,))

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with self._transaction() as db:
            if random.random() < 0.01:  # noqa: S311 (housekeeping, not security)
                db.execute("DELETE FROM events WHERE expires <= ?", (now,))
                db.execute("DELETE FROM counters WHERE expires <= ?", (now,))
            db.execute("DELETE FROM events WHERE key = ? AND at <= ?", (key, now - expiry))
            (count,) = db.execute("SELECT count(*) FROM events WHERE key = ?", (key,)).fetchone()
            if count + amount > limit:
                return False
            db.executemany("INSERT INTO events VALUES (?, ?, ?)", [(key, now, now + expiry)] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        count, oldest = (
            self._connection()
            .execute("SELECT count(*), min(at) FROM events WHERE key = ? AND at > ?", (key, now - expiry))
            .fetchone()
        )
        return (oldest, count) if count else (now, 0)
