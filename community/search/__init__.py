"""Search across the network: one interface over SQLite FTS5 and PostgreSQL full text."""

from community.search import models  # noqa: F401  (the models belong to the metadata)
from community.search.indexers import init_app

__all__ = ["init_app"]
