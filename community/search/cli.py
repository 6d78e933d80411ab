"""`flask --app community search reindex`."""

import click
from flask.cli import AppGroup

from community.search.indexers import reindex

search = AppGroup("search", help="Maintain the search index.")


@search.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the database."""
    for kind, count in reindex().items():
        click.echo(f"{kind}: {count}")
    click.echo("Search index rebuilt.")
