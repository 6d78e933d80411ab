"""Links to the site's pages, in a request or outside one (CLI, mail, notifications, demo seed)."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, url_for


def path_for(endpoint: str, _anchor: str | None = None, **values: Any) -> str:
    """The page's path (``/initiatives/3#comment-9``), without the request's help when there is none."""
    if has_request_context():
        path = url_for(endpoint, _external=False, **values)
    else:
        path = current_app.url_map.bind("").build(endpoint, values)
    return f"{path}#{_anchor}" if _anchor else path


def absolute_url(endpoint: str, _anchor: str | None = None, **values: Any) -> str:
    """An absolute link built on SITE_URL, never on the request's Host header: the one such builder."""
    return current_app.config["SITE_URL"] + path_for(endpoint, _anchor, **values)
