"""Each searchable kind registers how to rebuild its part of the index."""

from collections.abc import Callable

import click
from flask import Flask
from flask.cli import AppGroup

from community.extensions import db
from community.search import engine

# kind -> function that indexes every visible thing of that kind (adds, never commits)
INDEXERS: dict[str, Callable[[], int]] = {}

search_cli = AppGroup("search", help="Maintain the search index.")


def register(kind: str, indexer: Callable[[], int]) -> None:
    INDEXERS[kind] = indexer


def reindex() -> dict[str, int]:
    """Rebuild the whole index in one transaction; returns how many things of each kind it holds."""
    counts = {}
    for kind, indexer in INDEXERS.items():
        engine.clear(kind)
        counts[kind] = indexer()
    db.session.commit()
    return counts


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the database."""
    for kind, count in reindex().items():
        click.echo(f"{kind}: {count}")
    click.echo("Search index rebuilt.")


def init_app(app: Flask) -> None:
    app.cli.add_command(search_cli)
