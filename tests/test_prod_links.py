"""Issue 13.7: the first posts' link limit counts the links field and holds on edits."""

from sqlalchemy import select

from community.extensions import db
from community.forum.models import Comment, Initiative
from tests.factories import get_user, make_comment, make_initiative
from tests.forum_helpers import category_id, initiative_form

MANY = "https://a.example\nhttps://b.example\nhttps://c.example"


def _form(app, **changes) -> dict:
    with app.app_context():
        return initiative_form(category_id(), **changes)


def test_links_in_the_links_field_count_against_the_limit(app, client, signed_in_member):
    response = client.post("/initiatives/new", data=_form(app, body="No link in the text.", links=MANY))
    assert response.status_code == 400 and "at most 2 links" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Initiative)) is None


def test_an_edit_cannot_add_more_links_than_a_first_post_may_hold(app, client, signed_in_member):
    with app.app_context():
        iid = make_initiative(get_user(signed_in_member), title="Harmless").id
    body = "Now https://a.example https://b.example https://c.example"
    response = client.post(f"/initiatives/{iid}/edit", data=_form(app, title="Harmless", body=body))
    assert response.status_code == 400 and "at most 2 links" in response.get_data(as_text=True)
    response = client.post(f"/initiatives/{iid}/edit", data=_form(app, title="Harmless", links=MANY))
    assert response.status_code == 400
    with app.app_context():
        assert "https://c.example" not in (db.session.get(Initiative, iid).links or "")


def test_a_comment_edit_cannot_add_more_links_either(app, client, signed_in_member):
    with app.app_context():
        host = make_initiative(title="Host")
        cid = make_comment(host, get_user(signed_in_member), body="Plain").id
    body = "https://a.example https://b.example https://c.example"
    client.post(f"/initiatives/comments/{cid}/edit", data={"body": body})
    with app.app_context():
        assert db.session.get(Comment, cid).body == "Plain"


def test_an_edit_of_a_later_post_is_free_of_the_limit(app, client, signed_in_member, monkeypatch):
    monkeypatch.setitem(app.config, "FIRST_POSTS_LINK_LIMITED", 1)
    with app.app_context():
        make_initiative(get_user(signed_in_member), title="First")
        iid = make_initiative(get_user(signed_in_member), title="Second").id
    body = "https://a.example https://b.example https://c.example"
    response = client.post(f"/initiatives/{iid}/edit", data=_form(app, title="Second", body=body))
    assert response.status_code == 302
