"""`flask --app community notifications send-digests`, meant for cron once a day."""

import click
from flask.cli import AppGroup

from community.notifications import services

notifications = AppGroup("notifications", help="Notifications by e-mail.")


@notifications.command("send-digests")
def send_digests() -> None:
    """E-mail the daily digest to every member who chose it and has something new."""
    count = services.send_digests()
    click.echo(f"Sent {count} digest(s).")
