"""Date filters for templates that remember what they wrote: a list page shows the same moments to many
readers in a handful of languages and zones, and Babel's formatting is the slowest part of a card."""

from __future__ import annotations

from functools import lru_cache

import flask_babel
from flask import Flask
from flask_babel import get_locale, get_timezone

_FORMATTERS = {
    "datetimeformat": flask_babel.format_datetime,
    "dateformat": flask_babel.format_date,
    "timeformat": flask_babel.format_time,
}


@lru_cache(maxsize=20_000)
def _formatted(filter_name: str, value, format: str | None, rebase: bool, _locale: str, _zone: str) -> str:
    """The locale and zone are part of the key; the formatter reads them from the request again."""
    return _FORMATTERS[filter_name](value, format, rebase=rebase)


def _remembering(filter_name: str):
    def formatter(value, format: str | None = None, rebase: bool = True) -> str:
        return _formatted(filter_name, value, format, rebase, str(get_locale()), str(get_timezone()))

    return formatter


def init_app(app: Flask) -> None:
    for name in _FORMATTERS:
        app.jinja_env.filters[name] = _remembering(name)
