"""Visitors' pages kept in memory until the content changes.

A visitor (no signed-in member, nothing flashed) who asks for a page another visitor with the same language
just read gets the same bytes without a query. Every commit that writes anything moves the *content
generation*; a page remembered under an older generation, or for longer than PAGE_CACHE_SECONDS, is made
again. The generation is shared by every worker: a file's modification time in the instance folder, or a
Redis counter when REDIS_URL is set (several servers). Members' pages are never kept, but the parts of
them that are the same for every reader (an initiative's card in a list) are, by the same rule:
``{% call remember_fragment("initiative-card", initiative.id) %}…{% endcall %}``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, g, has_app_context, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

from community.transactions import after_commit


class FileGeneration:
    """The modification time (ns) of a file: one stat per request, shared by the workers of one host."""

    def __init__(self, path: Path):
        self.path = path
        if not path.exists():
            self.bump()

    def current(self) -> int:
        try:
            return os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            self.bump()
            return os.stat(self.path).st_mtime_ns

    def bump(self) -> None:
        self.path.touch()
        try:
            previous = os.stat(self.path).st_mtime_ns
        except FileNotFoundError:  # another worker is bumping it too
            previous = 0
        moment = max(time.time_ns(), previous + 1)  # always forward, however fine the clock
        os.utime(self.path, ns=(moment, moment))


class RedisGeneration:
    """A counter in Redis, for several servers sharing one database."""

    KEY = "community:content-generation"

    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url)

    def current(self) -> int:
        return int(self.redis.get(self.KEY) or 0)

    def bump(self) -> None:
        self.redis.incr(self.KEY)


class BoundedStore:
    """A least-recently-used map bounded in entries and in bytes, safe for a threaded server.

    Every read and write holds one lock, so two threads never see the map half-changed (an
    ``OrderedDict`` moved or emptied by another thread raised KeyError: a 500). What does not fit is
    dropped, the least recently used first; one value larger than an eighth of the budget is not kept.
    """

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict = OrderedDict()  # key -> (size, value)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        """The keys, least recently used first (a copy: other threads may change the store meanwhile)."""
        with self._lock:
            return iter(list(self._items))

    def get(self, key):
        with self._lock:
            kept = self._items.get(key)
            if kept is None:
                return None
            self._items.move_to_end(key)
            return kept[1]

    def put(self, key, value, size: int) -> None:
        with self._lock:
            previous = self._items.pop(key, None)
            if previous is not None:
                self.bytes -= previous[0]
            if size > self.max_bytes // 8:
                return
            self._items[key] = (size, value)
            self.bytes += size
            while self._items and (self.bytes > self.max_bytes or len(self._items) > self.max_entries):
                _key, (dropped, _value) = self._items.popitem(last=False)
                self.bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0


@dataclass
class _Page:
    generation: int
    stored_at: float
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class PageCache:
    def __init__(self, app: Flask):
        self.seconds = app.config["PAGE_CACHE_SECONDS"]
        self.capacity = app.config["PAGE_CACHE_ENTRIES"]
        budget = app.config["PAGE_CACHE_MAX_BYTES"]
        # Whole pages get three quarters of the worker's budget, the fragments of members' pages the rest.
        self.pages = BoundedStore(self.capacity, budget - budget // 4)
        self.fragments = BoundedStore(self.capacity * 10, budget // 4)
        if app.config.get("REDIS_URL"):
            self.generation = RedisGeneration(app.config["REDIS_URL"])
        else:
            self.generation = FileGeneration(Path(app.instance_path) / "content-generation")

    def content_generation(self) -> int:
        """Read once per request."""
        if "page_cache_generation" not in g:
            g.page_cache_generation = self.generation.current()
        return g.page_cache_generation

    def fragment(self, key: tuple, make) -> str:
        key = (self.content_generation(), str(get_locale()), str(get_timezone()), *key)
        kept = self.fragments.get(key)
        if kept is not None and time.monotonic() - kept[0] <= self.seconds:
            return kept[1]
        html = make()
        self.fragments.put(key, (time.monotonic(), html), sys.getsizeof(html) + 200)
        return html

    def serve(self) -> Response | None:
        """Before the view: the remembered page, if this visitor may have it and it is still current."""
        if not _is_plain_visit():
            return None
        g.page_cache_key = (str(get_locale()), request.full_path)
        g.page_cache_generation = self.generation.current()
        page = self.pages.get(g.page_cache_key)
        if page is None or page.generation != g.page_cache_generation:
            return None
        if time.monotonic() - page.stored_at > self.seconds:
            return None
        g.page_cache_hit = True
        response = Response(page.body, status=page.status, headers=page.headers)
        response.headers["X-Page-Cache"] = "hit"
        return response

    def store(self, response: Response) -> Response:
        """After the view: keep a complete HTML page made for a visitor without any session."""
        if g.get("page_cache_hit") or "page_cache_key" not in g:
            return response
        if _session_cookie() is not None:  # the page may carry this visitor's own form token
            return response
        if (
            response.status_code != 200
            or response.mimetype != "text/html"
            or response.direct_passthrough
            or "Set-Cookie" in response.headers
            or session.modified
            or "no-store" in (response.headers.get("Cache-Control") or "")
        ):
            return response
        headers = [(name, value) for name, value in response.headers.items() if name != "Content-Length"]
        body = response.get_data()
        size = len(body) + sum(len(name) + len(value) for name, value in headers) + 500
        page = _Page(g.page_cache_generation, time.monotonic(), 200, headers, body)
        self.pages.put(g.page_cache_key, page, size)
        return response


def _is_plain_visit() -> bool:
    """A GET from someone signed out, with nothing flashed for them: the page is the same for all such."""
    if request.method not in ("GET", "HEAD"):
        return False
    if current_user.is_authenticated:
        return False
    return _session_cookie() is None or "_flashes" not in session


def _session_cookie() -> str | None:
    return request.cookies.get(current_app.config["SESSION_COOKIE_NAME"])


def remember_fragment(*key, caller):
    """The HTML ``caller`` makes, kept per content generation, language and time zone (see above)."""
    cache = current_app.extensions.get("page_cache")
    return cache.fragment(key, caller) if cache else caller()


def init_app(app: Flask) -> None:
    app.jinja_env.globals["remember_fragment"] = remember_fragment
    if not app.config["PAGE_CACHE_SECONDS"]:
        return
    cache = PageCache(app)
    app.extensions["page_cache"] = cache
    app.before_request(cache.serve)
    app.after_request(cache.store)


# Every write moves the generation once the outer transaction commits (not on a savepoint's release,
# not when it rolls back): see community.transactions.
@event.listens_for(Session, "after_flush")
def _note_orm_write(session, _context) -> None:
    after_commit(session, _move_generation)


@event.listens_for(Session, "do_orm_execute")
def _note_statement_write(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        after_commit(state.session, _move_generation)


def _move_generation() -> None:
    if has_app_context():
        cache = current_app.extensions.get("page_cache")
        if cache:
            cache.generation.bump()
