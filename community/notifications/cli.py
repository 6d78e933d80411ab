"""`flask --app community notifications send-digests`, meant for cron once a day."""

import click
from flask import current_app
from flask.cli import AppGroup

from community.notifications import services

notifications = AppGroup("notifications", help="Notifications by e-mail.")


@notifications.command("send-digests")
def send_digests() -> None:
    """E-mail the daily digest to every member who chose it and has something new."""
    # The e-mails link to pages of the site: build those links as for a request to SITE_URL.
    with current_app.test_request_context("/", base_url=current_app.config["SITE_URL"]):
        count = services.send_digests()
    click.echo(f"Sent {count} digest(s).")
