"""The durable mail outbox: every outgoing message is a row, written in the transaction that causes it,
and delivered by a worker (``flask --app community worker``) with retries and exponential backoff."""

from flask import Flask

from community.outbox.cli import worker


def init_app(app: Flask) -> None:
    app.cli.add_command(worker)
