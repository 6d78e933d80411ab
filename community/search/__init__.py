"""Search across the network: one interface over SQLite FTS5 and PostgreSQL full text."""

from flask import Flask

from community.search import indexers, models, sync  # noqa: F401  (models: metadata; sync: events)
from community.search.documents import register_all
from community.search.views import bp

__all__ = ["bp", "init_app"]


def init_app(app: Flask) -> None:
    register_all()
