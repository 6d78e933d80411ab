"""The dashboard's numbers, kept until the content changes, at most NETWORK_CACHE_SECONDS (300).

It follows the site's content generation (community/main/pagecache.py): every commit that writes anything
moves it, in every worker (a file's time, or Redis). A busy site writes every second, and a full count takes
most of a second at 100 times the demo data, so a reading is kept NETWORK_FRESH_SECONDS (60) whatever
happens: the numbers are at most a minute behind the writes, each filter is counted at most once a minute
per worker. The time limit rolls the windows ("the last 90 days") forward on a quiet site.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from flask import current_app

from community.network import queries
from community.network.panels import PANELS
from community.network.scope import Scope

DEFAULT_SECONDS = 300
FRESH_SECONDS = 60
CAPACITY = 200  # readings (filter combinations) kept per worker


def _kept() -> OrderedDict:
    return current_app.extensions.setdefault("network_numbers", OrderedDict())


def _generation() -> int | None:
    cache = current_app.extensions.get("page_cache")
    return cache.content_generation() if cache else None


def _remember(key: tuple, make):
    generation = _generation()
    if generation is None:  # no content generation to follow: count afresh every time
        return make()
    kept, config = _kept(), current_app.config
    found = kept.get(key)
    if found:
        age = time.monotonic() - found[1]
        current = found[0] == generation and age <= config.get("NETWORK_CACHE_SECONDS", DEFAULT_SECONDS)
        if current or age <= config.get("NETWORK_FRESH_SECONDS", FRESH_SECONDS):
            kept.move_to_end(key)
            return found[2]
    value = make()
    kept[key] = (generation, time.monotonic(), value)
    kept.move_to_end(key)
    while len(kept) > CAPACITY:
        kept.popitem(last=False)
    return value


def visible_labs() -> list[tuple[str, str]]:
    """(slug, name) of the labs the filter offers (one query, kept)."""
    return _remember(("labs",), queries.visible_labs)


def numbers(scope: Scope) -> dict[str, object]:
    """Each panel's gathered data for this reading (each panel's queries, kept)."""
    return _remember(("numbers", scope.key), lambda: {panel.key: panel.gather(scope) for panel in PANELS})
