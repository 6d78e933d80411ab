"""Forum rules: flood control, counters, re-rendering, member data, activity counts."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from community import create_app
from community.extensions import db, limiter
from community.forum import queries, services
from community.forum.errors import ForumError
from community.forum.models import Comment, Initiative
from community.markdown import RENDERER_VERSION
from community.utils import utcnow
from tests.factories import get_user, make_comment, make_initiative, make_user


def test_newcomers_post_only_a_few_times_an_hour(app, monkeypatch):
    monkeypatch.setitem(app.config, "NEWCOMER_POSTS_PER_HOUR", 3)
    with app.app_context():
        newcomer = make_user()
        initiative = make_initiative(author=newcomer)
        make_comment(initiative, author=newcomer)
        make_comment(initiative, author=newcomer)
        with pytest.raises(ForumError, match="first day"):
            make_comment(initiative, author=newcomer)
        newcomer.created_at = utcnow() - timedelta(days=2)
        db.session.commit()
        make_comment(initiative, author=newcomer)  # an established member is not held back
        assert db.session.scalar(select(func.count(Comment.id))) == 3


def test_posting_routes_are_rate_limited_per_member(app, monkeypatch):
    saved = limiter.enabled
    limited = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "FORUM_POST_LIMITS": "2 per minute",
            "NEWCOMER_POSTS_PER_HOUR": 1000,
            "PASSWORD_HASH_METHOD": app.config["PASSWORD_HASH_METHOD"],
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )
    try:
        with app.app_context():
            initiative_id = make_initiative().id
            username = make_user().username
        client = limited.test_client()
        client.post("/auth/login", data={"identifier": username, "password": "correct-horse-battery-staple"})
        statuses = [
            client.post(
                f"/initiatives/{initiative_id}/comments", data={"body": f"Comment {n}", "language": "en"}
            ).status_code
            for n in range(3)
        ]
        assert statuses == [302, 302, 429]
        with app.app_context():
            assert db.session.scalar(select(func.count(Comment.id))) == 2
    finally:
        limiter.reset()
        limiter.enabled = saved
        with limited.app_context():
            db.engine.dispose()  # its own connection pool: closed, not left to the garbage collector


def test_counters_stay_exact(app):
    with app.app_context():
        initiative = make_initiative()
        first = make_comment(initiative)
        make_comment(initiative, parent=first)
        readers = [make_user() for _ in range(3)]
        for reader in readers:
            services.toggle_useful(reader, initiative=initiative)
        services.toggle_useful(readers[0], initiative=initiative)
        services.delete_comment(first, first.author)
        db.session.expire_all()
        initiative = db.session.get(Initiative, initiative.id)
        assert (initiative.comment_count, initiative.useful_count) == (1, 2)
        assert initiative.last_activity_at >= initiative.created_at


def test_stale_html_is_rendered_again_with_the_current_renderer(app):
    with app.app_context():
        initiative = make_initiative(body="**bold**")
        db.session.execute(
            update(Initiative).values(body_html="<p>old output</p>", html_version=RENDERER_VERSION - 1)
        )
        db.session.commit()
        db.session.expire_all()
        initiative = db.session.get(Initiative, initiative.id)
        assert str(initiative.html("body")) == "<p><strong>bold</strong></p>\n"


def test_services_refuse_what_the_form_would(app):
    with app.app_context():
        author = make_user()
        for field, value in (("category_id", 999999), ("country", "FR"), ("sector", "x"), ("sdgs", [18]),
                             ("language", "xx")):  # fmt: skip
            with pytest.raises(ForumError) as error:
                make_initiative(author=author, **{field: value})
            assert error.value.field == field.removesuffix("_id")
        assert db.session.scalar(select(func.count(Initiative.id))) == 0


def test_an_unconfirmed_member_cannot_post_through_the_service(app):
    with app.app_context(), pytest.raises(ForumError):
        make_initiative(author=make_user(confirmed=False))


def test_member_data_lists_what_the_forum_holds_about_a_member(app):
    import json

    with app.app_context():
        member = make_user(username="exported")
        other = make_initiative()
        mine = make_initiative(author=member, title="My case")
        make_comment(other, author=member, body="My comment")
        services.toggle_useful(member, initiative=other)
        data = queries.member_data(get_user("exported"))
        json.dumps(data)  # plain, JSON-able
        assert [i["title"] for i in data["initiatives"]] == ["My case"]
        assert [c["body"] for c in data["comments"]] == ["My comment"]
        assert data["useful_marks"][0]["initiative_id"] == other.id
        assert {f["initiative_id"] for f in data["follows"]} == {mine.id, other.id}


def test_activity_counts_initiatives_and_comments_per_member(app):
    with app.app_context():
        busy, quiet, silent = make_user(), make_user(), make_user()
        initiative = make_initiative(author=busy)
        make_comment(initiative, author=busy)
        make_comment(initiative, author=quiet)
        assert queries.activity_counts([busy.id, quiet.id, silent.id]) == {busy.id: 2, quiet.id: 1}
        assert queries.activity_counts([]) == {}
