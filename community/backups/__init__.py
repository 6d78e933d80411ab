"""Backups: ``flask --app community backup DIR`` and ``restore``: the database and the uploads."""

from flask import Flask

from community.backups.cli import backup, restore


def init_app(app: Flask) -> None:
    app.cli.add_command(backup)
    app.cli.add_command(restore)
