"""Each searchable kind registers how to rebuild its part of the index."""

from collections.abc import Callable

from community.extensions import db
from community.search import engine

# kind -> function that indexes every visible thing of that kind (adds, never commits)
INDEXERS: dict[str, Callable[[], int]] = {}


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
