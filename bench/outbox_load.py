"""Load test of the mail outbox: 8 parallel writers for 60 s while SMTP refuses every connection.

Each writer is a process with its own app, registering accounts through the real form (POST
/auth/register): each registration writes a user and its confirmation message in one transaction.
Meanwhile the outbox worker keeps trying a port where nothing listens (connection refused). Then an
SMTP server (aiosmtpd) starts and the worker drains the queue. The check: every registration a writer
saw succeed is a user row and exactly one delivered message; nothing failed, nothing was sent twice.

    .venv/bin/python -m bench.outbox_load [--seconds 60] [--writers 8]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/community_prod .venv/bin/python -m bench.outbox_load

127.0.0.1 only, bounded in time; not part of the default suite (it needs aiosmtpd: pip install -e .[test]).
It uses a fresh instance folder under /tmp (and, on PostgreSQL, the database named by DATABASE_URL,
whose tables it drops and re-creates).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import tempfile
import time
from datetime import timedelta

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (throw-away accounts)


def _app():
    from community import create_app

    return create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "PAGE_CACHE_SECONDS": 0,
        }
    )


def _writer(number: int, seconds: float, results) -> None:
    app = _app()
    client = app.test_client()
    done = errors = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        name = f"w{number}-{done + errors}"
        data = {"email": f"{name}@load.example", "username": name, "password": PASSWORD, "confirm": PASSWORD}
        response = client.post("/auth/register", data=data)
        if response.status_code == 302:
            done += 1
        else:
            errors += 1
    results.put((number, done, errors))


def _worker(port: int, stop, tries) -> None:
    from community.outbox import services

    app = _app()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    app.logger.setLevel("ERROR")  # one "deferred" line per try would drown the figures
    passes = 0
    with app.app_context():
        while not stop.is_set():
            services.deliver_due()
            passes += 1
            time.sleep(0.5)
    tries.put(passes)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    os.environ["COMMUNITY_INSTANCE"] = tempfile.mkdtemp(prefix="outbox-load-")
    from flask_migrate import upgrade
    from sqlalchemy import func, select, text

    from community.auth.models import User
    from community.extensions import db
    from community.outbox import services
    from community.outbox.models import OutgoingMail

    app = _app()
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        database = db.engine.dialect.name
    port = _free_port()
    context = multiprocessing.get_context("spawn")
    results, tries, stop = context.Queue(), context.Queue(), context.Event()
    worker = context.Process(target=_worker, args=(port, stop, tries))
    worker.start()
    started = time.monotonic()
    writers = [context.Process(target=_writer, args=(n, args.seconds, results)) for n in range(args.writers)]
    for process in writers:
        process.start()
    outcomes = [results.get() for _ in writers]
    for process in writers:
        process.join()
    stop.set()
    worker.join()
    elapsed = time.monotonic() - started
    succeeded = sum(done for _, done, _ in outcomes)
    refused = sum(errors for _, _, errors in outcomes)
    passes = tries.get()

    with app.app_context():
        users = db.session.scalar(select(func.count(User.id)).where(User.email.like("%@load.example")))
        queued = db.session.scalar(select(func.count(OutgoingMail.id)))
        sent_during = db.session.scalar(
            select(func.count(OutgoingMail.id)).where(OutgoingMail.sent_at.is_not(None))
        )
        attempts = db.session.scalar(select(func.sum(OutgoingMail.attempts))) or 0
    print(f"{database}: {args.writers} writers for {args.seconds:.0f} s ({elapsed:.1f} s with start-up)")
    rate = succeeded / args.seconds
    print(f"  registrations that succeeded: {succeeded} ({rate:.1f}/s), refused answers: {refused}")
    print(f"  user rows: {users}; queued messages: {queued}; sent meanwhile: {sent_during}")
    print(f"  worker passes: {passes}; delivery attempts (all refused): {attempts}")

    from aiosmtpd.controller import Controller

    class Collector:
        received: list[str] = []

        async def handle_DATA(self, server, session, envelope):
            self.received.append(envelope.rcpt_tos[0])
            return "250 OK"

    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    drain_started = time.monotonic()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    with app.app_context():
        db.session.execute(  # the outage is over: what waits for its backoff is due now
            OutgoingMail.__table__.update().values(
                next_attempt_at=OutgoingMail.created_at - timedelta(seconds=1)
            )
        )
        db.session.commit()
        while services.waiting():
            services.deliver_due(limit=500)
        failed = db.session.scalar(
            select(func.count(OutgoingMail.id)).where(OutgoingMail.failed_at.is_not(None))
        )
    controller.stop()
    drain = time.monotonic() - drain_started
    unique = len(set(handler.received))
    print(f"  SMTP back: {len(handler.received)} in {drain:.1f} s ({unique} distinct), failed: {failed}")
    lost_rows = succeeded - users
    lost_mail = succeeded - unique
    duplicates = len(handler.received) - unique
    print(f"  lost rows: {lost_rows}; lost messages: {lost_mail}; duplicates: {duplicates}")
    if lost_rows or lost_mail or duplicates or failed or queued != users:
        raise SystemExit("FAILED: something was lost or sent twice")
    print("  OK: nothing lost")


if __name__ == "__main__":
    main()
