"""``flask --app community worker``: deliver the outbox, forever (systemd) or once (cron, tests)."""

from __future__ import annotations

import signal
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from community.extensions import db
from community.outbox import services


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Deliver what is due, then stop (for cron and tests).")
@click.option("--interval", type=float, default=None, help="Seconds between passes (MAIL_WORKER_INTERVAL).")
@click.option("--retry-failed", is_flag=True, help="Queue again the messages given up on, then go on.")
def worker(once: bool, interval: float | None, retry_failed: bool) -> None:
    """Deliver queued e-mail with retries and exponential backoff; nothing is lost while SMTP is down."""
    if retry_failed:
        click.echo(f"{services.retry_failed()} message(s) queued again.")
    interval = current_app.config["MAIL_WORKER_INTERVAL"] if interval is None else interval
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    last_purge = 0.0
    while True:
        done = services.deliver_due()
        if done.sent or done.deferred or done.failed or once:
            click.echo(f"sent {done.sent}, deferred {done.deferred}, failed {done.failed}")
        if time.monotonic() - last_purge > 3600:
            services.purge_sent()
            last_purge = time.monotonic()
        db.session.remove()
        if once or stopping:
            return
        if done.sent and not done.deferred:
            continue  # more may be due at once
        _sleep(interval, stopping)


def _sleep(seconds: float, stopping: list) -> None:
    end = time.monotonic() + seconds
    while not stopping and time.monotonic() < end:
        time.sleep(min(0.2, end - time.monotonic()) if end > time.monotonic() else 0)
