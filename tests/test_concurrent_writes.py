"""Several gunicorn workers writing to the embedded SQLite at once: no "database is locked"."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
THREADS, PER_THREAD = 8, 12


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "COMMUNITY_INSTANCE": str(tmp_path),
        "DATABASE_URL": "sqlite:///community.db",
        "COMMUNITY_RATELIMIT_ENABLED": "false",
        "COMMUNITY_WTF_CSRF_ENABLED": "false",
        "COMMUNITY_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    flask = [sys.executable, "-m", "flask", "--app", "community"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "3",
            "--bind",
            f"127.0.0.1:{port}",
            "community:create_app()",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base, tmp_path / "community.db"
    server.terminate()
    try:
        server.wait(timeout=30)  # gunicorn waits for its workers: slow on a loaded machine
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    log.close()
    assert b"database is locked" not in (tmp_path / "gunicorn.log").read_bytes()


def _register(base: str, thread: int) -> list[int]:
    opener = urllib.request.build_opener(_NoRedirect)
    statuses = []
    for number in range(PER_THREAD):
        name = f"agent-{thread}-{number}"
        data = urllib.parse.urlencode(
            {
                "email": f"{name}@gov.example",
                "username": name,
                "password": "a-long-rare-passphrase",
                "confirm": "a-long-rare-passphrase",
            }
        ).encode()
        try:
            statuses.append(opener.open(base + "/auth/register", data=data, timeout=30).status)
        except urllib.error.HTTPError as answer:
            statuses.append(answer.code)
    return statuses


def test_workers_register_members_at_once_without_errors(gunicorn_on_sqlite):
    base, database = gunicorn_on_sqlite
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [s for batch in pool.map(lambda t: _register(base, t), range(THREADS)) for s in batch]
    assert statuses == [302] * (THREADS * PER_THREAD)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM users").fetchone()[0] == THREADS * PER_THREAD
