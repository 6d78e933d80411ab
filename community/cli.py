"""Every command, registered in one place: users and seed-demo here, each feature's group from its cli.py."""

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from community import demo
from community.auth import services as auth_services
from community.auth.models import Role, User
from community.errors import ServiceError
from community.extensions import db
from community.moderation.cli import moderation
from community.notifications.cli import notifications
from community.search.cli import search

users = AppGroup("users", help="Manage accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--username", required=True)
@click.option("--password", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), default="member")
@click.option("--confirmed", is_flag=True, help="Mark the e-mail address confirmed.")
def create_user(email: str, username: str, password: str, role: str, confirmed: bool) -> None:
    """Create an account without prompts."""
    try:
        user = auth_services.create_account(email, username, password, Role(role), confirmed)
    except (ServiceError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role} {user.username}.")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when accounts exist.")
def seed_demo(if_empty: bool) -> None:
    """Fill an empty database with a living demo; refuse one that has accounts."""
    if db.session.scalar(select(func.count(User.id))):
        if if_empty:
            click.echo("The database has accounts already: no demo added.")
            return
        raise click.ClickException("The database has accounts already; seed-demo needs an empty one.")
    summary = demo.seed()
    click.echo(summary)


def init_app(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(seed_demo)
    for feature_commands in (notifications, moderation, search):
        app.cli.add_command(feature_commands)
