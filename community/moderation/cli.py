"""`flask --app community moderation send-alerts`, meant for cron once a day."""

import click
from flask.cli import AppGroup

from community.moderation import alerts

moderation = AppGroup("moderation", help="Moderators' alerts.")


@moderation.command("send-alerts")
def send_alerts() -> None:
    """E-mail the moderators who chose a daily message, when flags wait (run once a day)."""
    click.echo(f"Sent {alerts.send_daily_alerts()} alert(s).")
