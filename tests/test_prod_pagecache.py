"""Issue 13.9: the visitors' page cache is safe under threads and bounded in bytes."""

import sys
import threading

import pytest

from community.main.pagecache import BoundedStore
from tests.factories import make_initiative, make_user


@pytest.fixture
def cases(app):
    with app.app_context():
        author = make_user(username="writer")
        return [make_initiative(author, title=f"Case number {n}").id for n in range(12)]


def test_the_store_keeps_within_its_bytes_and_drops_the_least_recently_used():
    store = BoundedStore(max_entries=100, max_bytes=1000)
    for number in range(10):
        store.put(number, f"page {number}", 100)
        store.get(0)  # page 0 is read all the time: it stays
    assert store.bytes <= 1000 and len(store) == 10
    store.put("big", "x", 120)
    assert store.bytes <= 1000 and store.get(0) is not None and store.get(1) is None
    store.put("huge", "x" * 10, 200)  # more than an eighth of the budget: not kept
    assert store.get("huge") is None


def test_pages_stay_within_the_configured_bytes(app, cases, monkeypatch):
    cache = app.extensions["page_cache"]
    visitor = app.test_client()
    largest = max(len(visitor.get(f"/initiatives/{case}").get_data()) for case in cases)
    budget = 8 * (largest + 2000)  # room for about eight of the twelve pages
    monkeypatch.setattr(cache, "pages", BoundedStore(1000, budget))
    for case in cases:
        visitor.get(f"/initiatives/{case}?again")
    assert cache.pages.bytes <= budget
    assert 0 < len(cache.pages) < len(cases)  # the oldest were dropped to stay within the budget
    assert visitor.get(f"/initiatives/{cases[-1]}?again").headers.get("X-Page-Cache") == "hit"


def test_the_default_budget_is_a_setting(app):
    cache = app.extensions["page_cache"]
    budget = app.config["PAGE_CACHE_MAX_BYTES"]
    assert cache.pages.max_bytes + cache.fragments.max_bytes == budget


def test_threads_reading_and_evicting_at_once_never_fail(app, cases, monkeypatch):
    cache = app.extensions["page_cache"]
    # Two pages for twelve: evictions all the time.
    monkeypatch.setattr(cache, "pages", BoundedStore(2, 10 * 1024 * 1024))
    monkeypatch.setattr(cache, "fragments", BoundedStore(3, 1024 * 1024))
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to meet every race
    failures, statuses = [], []

    def visit(offset: int) -> None:
        client = app.test_client()
        try:
            for number in range(40):
                response = client.get(f"/initiatives/{cases[(number + offset) % len(cases)]}")
                statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 (the failure is what the test reports)
            failures.append(repr(error))

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert failures == [] and set(statuses) == {200} and len(statuses) == 8 * 40
    assert len(cache.pages) <= 2
