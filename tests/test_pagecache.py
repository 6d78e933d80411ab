"""Visitors' pages come from memory until something is written; members' pages and form tokens never do."""

import re

import pytest
import redis

from community.main.pagecache import FileGeneration, RedisGeneration
from tests.factories import make_initiative, make_user


@pytest.fixture
def case(app):
    with app.app_context():
        make_user(username="writer")
        return make_initiative(title="Fish landing registry").id


def _visit(client, path, count_queries):
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return response, counter.count


def test_a_visitors_second_visit_runs_no_query(app, case, count_queries):
    first, made = _visit(app.test_client(), f"/initiatives/{case}", count_queries)
    second, served = _visit(app.test_client(), f"/initiatives/{case}", count_queries)
    assert made > 0 and served == 0
    assert second.headers["X-Page-Cache"] == "hit" and "X-Page-Cache" not in first.headers
    assert second.get_data() == first.get_data()
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_comment_shows_to_visitors_at_once(app, client, case, sign_in, count_queries):
    visitor = app.test_client()
    _visit(visitor, f"/initiatives/{case}", count_queries)
    sign_in("writer")
    comment = {"body": "Landing data is now daily.", "language": "en"}
    client.post(f"/initiatives/{case}/comments", data=comment)
    page, queries = _visit(visitor, f"/initiatives/{case}", count_queries)
    assert queries > 0 and "Landing data is now daily." in page.get_data(as_text=True)


def test_each_language_and_query_string_is_its_own_page(app, case, count_queries):
    english = app.test_client()
    _visit(english, "/initiatives/", count_queries)
    spanish = app.test_client()
    spanish.set_cookie("locale", "es")
    page, queries = _visit(spanish, "/initiatives/", count_queries)
    assert queries > 0 and '<html lang="es">' in page.get_data(as_text=True)
    _page, queries = _visit(english, "/initiatives/?sort=newest", count_queries)
    assert queries > 0


def test_members_pages_are_never_kept_nor_served_from_memory(app, client, case, sign_in, count_queries):
    _visit(app.test_client(), f"/initiatives/{case}", count_queries)  # a visitor's copy exists
    sign_in("writer")
    page, queries = _visit(client, f"/initiatives/{case}", count_queries)
    assert queries > 0 and "Sign out" in page.get_data(as_text=True)
    again, queries = _visit(client, f"/initiatives/{case}", count_queries)
    assert queries > 0 and "X-Page-Cache" not in again.headers
    visitor_page, _ = _visit(app.test_client(), f"/initiatives/{case}", count_queries)
    assert "Sign out" not in visitor_page.get_data(as_text=True)


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_visitors_form_token_never_reaches_another_visitor(app, count_queries, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    first = app.test_client()
    first.get("/auth/login")
    mine = _token(first.get("/auth/login").get_data(as_text=True))  # the visitor's session holds a token
    other = app.test_client()
    response, queries = _visit(other, "/auth/login", count_queries)
    assert _token(response.get_data(as_text=True)) != mine and "X-Page-Cache" not in response.headers


def test_a_kept_page_expires(app, case, count_queries):
    _visit(app.test_client(), "/", count_queries)
    app.extensions["page_cache"].seconds = 0
    try:
        _page, queries = _visit(app.test_client(), "/", count_queries)
    finally:
        app.extensions["page_cache"].seconds = app.config["PAGE_CACHE_SECONDS"]
    assert queries > 0


def test_the_file_generation_moves_for_every_worker(tmp_path):
    one, other = FileGeneration(tmp_path / "generation"), FileGeneration(tmp_path / "generation")
    before = other.current()
    for _ in range(3):
        one.bump()
        assert other.current() > before
        before = other.current()


def test_the_redis_generation_moves_for_every_server():
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.fail("Redis is expected on 127.0.0.1:6379 (see README)")
    one, other = RedisGeneration(url), RedisGeneration(url)
    before = other.current()
    one.bump()
    assert other.current() == before + 1


def test_the_pages_visitors_read_most_carry_no_session_and_are_shared(app, case, monkeypatch):
    from tests.factories import get_user, make_comment, make_profile

    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)  # a form token would start a session
    with app.app_context():
        initiative = make_initiative(title="Drone surveys", lab="agriculture", author=_lab_member(app))
        make_comment(initiative, body="Which drones?")
        make_profile(get_user("writer"), headline="Fisheries data")
        initiative_id = initiative.id
    paths = ("/", "/initiatives/", f"/initiatives/{case}", f"/initiatives/{initiative_id}", "/members/",
             "/members/writer", "/labs/", "/labs/agriculture", "/search?q=drones")  # fmt: skip
    for path in paths:
        first = app.test_client().get(path)
        assert first.status_code == 200 and "Set-Cookie" not in first.headers, path
        assert app.test_client().get(path).headers.get("X-Page-Cache") == "hit", path


def _lab_member(app):
    from tests.factories import add_member, get_lab

    return add_member(get_lab(), make_user()).user


def test_members_lists_reuse_cards_until_a_write(app, client, case, sign_in):
    from community.extensions import db
    from community.forum.models import Initiative

    kept = app.extensions["page_cache"].fragments
    kept.clear()

    def cards():
        return [key for key in kept if "initiative-card" in key]

    sign_in("writer")
    assert "Fish landing registry" in client.get("/initiatives/").get_data(as_text=True)
    client.get("/initiatives/")
    assert len(cards()) == 1  # the card was made once, then reused
    client.set_cookie("locale", "fr")
    client.get("/initiatives/")
    assert len(cards()) == 2  # one per language
    with app.app_context():
        db.session.get(Initiative, case).title = "Fish landing registry, renamed"
        db.session.commit()
    assert "renamed" in client.get("/initiatives/").get_data(as_text=True)
    assert len(cards()) == 3


def test_members_home_is_kept_apart_and_follows_writes(app, client, case, sign_in, count_queries):
    sign_in("writer")
    client.get("/")
    page, _queries = _visit(client, "/", count_queries)
    assert "Your home" in page.get_data(as_text=True)  # a member's "/" is their dashboard, never kept
    visitor_page, _ = _visit(app.test_client(), "/", count_queries)
    assert "Join the network" in visitor_page.get_data(as_text=True)
    assert "Join the network" not in client.get("/").get_data(as_text=True)
    with app.app_context():
        make_initiative(title="Seaweed early warning")
    assert "Seaweed early warning" in app.test_client().get("/").get_data(as_text=True)


def test_a_kept_list_never_shows_hidden_posts_to_those_who_may_not_see_them(app, sign_in):
    from community.auth.models import Role
    from community.extensions import db

    with app.app_context():
        author = make_user(username="hider")
        make_user(username="reader")
        make_user(username="mod", role=Role.MODERATOR)
        hidden = make_initiative(author=author, title="Held back case")
        hidden.is_hidden = True
        db.session.commit()
        make_initiative(title="Open case")
    clients = {who: app.test_client() for who in ("reader", "hider", "mod")}
    for who, client in clients.items():  # every sign-in writes: all of them before the lists are kept
        sign_in(who, target=client)
    seen = {}
    for who in ("reader", "hider", "mod", "reader"):
        seen[who] = "Held back case" in clients[who].get("/initiatives/").get_data(as_text=True)
    assert seen == {"reader": False, "hider": True, "mod": True}


def test_a_kept_directory_never_shows_visitors_what_members_may_see(app, client, sign_in):
    from community.extensions import db
    from community.profiles.models import VisitorView
    from tests.factories import make_profile

    with app.app_context():
        make_user(username="reader")
        hidden = make_profile(make_user(username="quiet"), organization="Ministry of Fisheries")
        hidden.visitor_view = VisitorView.SUMMARY
        db.session.commit()
    sign_in("reader")
    assert "/members/quiet" in client.get("/members/?q=fisheries").get_data(as_text=True)
    assert "/members/quiet" not in app.test_client().get("/members/?q=fisheries").get_data(as_text=True)
    assert "/members/quiet" in client.get("/members/?q=fisheries").get_data(as_text=True)
