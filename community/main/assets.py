"""Static files under names that change with their content, so browsers may keep them for a year."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, current_app


def init_app(app: Flask) -> None:
    app.url_defaults(_version_static_urls)


def _version_static_urls(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        values["v"] = _fingerprint(str(Path(current_app.static_folder) / values["filename"]))


@cache
def _fingerprint(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
    except OSError:
        return "0"
