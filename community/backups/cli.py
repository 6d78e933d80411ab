"""``flask --app community backup DIR`` and ``flask --app community restore BACKUP``."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from community.backups import services


@click.command("backup")
@with_appcontext
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup(directory: Path) -> None:
    """Copy the database (SQLite online backup, or pg_dump) and the uploads into a new folder of DIRECTORY."""
    try:
        target = services.make_backup(directory)
    except services.BackupError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Backup written to {target}")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: the current data is replaced.")
def restore(source: Path, yes: bool) -> None:
    """Replace the database and the uploads with those of the backup folder SOURCE (stop the site first)."""
    if not yes:
        click.confirm("Replace the current database and uploads with this backup?", abort=True)
    try:
        counts = services.restore_backup(source)
    except services.BackupError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Restored {sum(counts.values())} rows in {len(counts)} tables, and the uploads.")
