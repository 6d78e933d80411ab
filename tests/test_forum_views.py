"""The forum through HTTP: share, show, edit, comment, reply, react, follow, download."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from community.auth.models import Role
from community.extensions import db
from community.forum.models import Attachment, Comment, Follow, Initiative
from community.notifications.models import Notification
from tests.factories import get_user, make_comment, make_initiative, make_user
from tests.forum_helpers import CSV, HTML, PDF, category_id, initiative_form, office, png


@pytest.fixture
def sign_in_as(client, sign_in):
    """Sign out whoever is signed in, then sign in as ``username``."""

    def switch(username: str):
        client.post("/auth/logout")
        return sign_in(username)

    return switch


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_visitors_read_the_list_but_must_sign_in_to_share(app, client):
    with app.app_context():
        make_initiative(title="Digital birth certificates")
    page = client.get("/initiatives/")
    assert page.status_code == 200 and "Digital birth certificates" in page.get_data(as_text=True)
    response = client.get("/initiatives/new")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_an_unconfirmed_member_may_not_share(app, client, sign_in):
    with app.app_context():
        make_user(username="newbie", confirmed=False)
    sign_in("newbie")
    assert client.get("/initiatives/new").status_code == 403


def test_a_member_shares_an_initiative_with_its_fields_and_an_attachment(app, client, signed_in_member):
    with app.app_context():
        data = initiative_form(category_id())
    data["attachments"] = [(io.BytesIO(PDF), "report.pdf"), (io.BytesIO(png()), "map.png")]
    response = client.post("/initiatives/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        initiative = db.session.scalar(select(Initiative))
        assert response.location.endswith(f"/initiatives/{initiative.id}")
        assert initiative.author.username == signed_in_member
        assert initiative.category.slug == "agriculture" and initiative.country == "LC"
        assert initiative.sdgs == [2, 9] and [t.name for t in initiative.tags] == ["farmers", "registry"]
        assert "<strong>registry</strong>" in initiative.body_html
        assert initiative.link_list == ["https://agriculture.gov.lc.example/registry"]
        assert initiative.licence.value == "cc-by-4.0"
        assert [(a.filename, a.content_type) for a in initiative.attachments] == [
            ("report.pdf", "application/pdf"),
            ("map.png", "image/png"),
        ]
        assert db.session.get(Follow, (initiative.author_id, initiative.id)) is not None
        url = f"/initiatives/{initiative.id}"
    page = client.get(url).get_data(as_text=True)
    for text in (
        "A registry of farmers",
        "Saint Lucia",
        "2. Zero hunger",
        "CC BY 4.0",
        "report.pdf",
        "#farmers",
    ):
        assert text in page


def test_preview_renders_without_saving(app, client, signed_in_member):
    with app.app_context():
        data = initiative_form(category_id(), body="Some *emphasis* here", preview="1")
    response = client.post("/initiatives/new", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<em>emphasis</em>" in page and "Nothing is saved yet" in page
    with app.app_context():
        assert _count(Initiative) == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters"),
        ({"body": "   "}, "This field is required"),
        ({"category": "999999"}, "Not a valid choice"),
        ({"category": "not-a-number"}, "Not a valid choice"),
        ({"sdgs": ["18"]}, "not a valid choice"),
        ({"sdgs": ["two"]}, "Invalid choice"),
        ({"country": "FR"}, "Not a valid choice"),
        ({"stage": "finished"}, "Not a valid choice"),
        ({"licence": "wtfpl"}, "Not a valid choice"),
        ({"links": "javascript:alert(1)"}, "Each line must be one web address"),
        ({"tags": ",".join(f"tag{n}" for n in range(9))}, "at most 8 tags"),
    ],
)
def test_bad_initiative_input_is_refused_next_to_the_field(app, client, signed_in_member, changes, message):
    with app.app_context():
        data = initiative_form(category_id(), **changes)
    response = client.post("/initiatives/new", data=data)
    assert response.status_code == 400
    assert message.lower() in response.get_data(as_text=True).lower()
    with app.app_context():
        assert _count(Initiative) == 0


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (HTML, "report.pdf"),
        (HTML, "data.csv"),
        (b"name,value\n<script>alert(1)</script>,1\n", "data.csv"),
        (PDF, "photo.png"),
        (png(), "report.pdf"),
        (b"MZ\x90\x00\x03binary", "tool.exe"),
        (b"a,b\n1,\x00\x00", "data.csv"),
        (b"<svg onload=alert(1)></svg>", "chart.svg"),
        (b"PK\x03\x04not really a zip", "sheet.xlsx"),
        (office("docx"), "sheet.xlsx"),
        (b"", "empty.pdf"),
    ],
)
def test_attachments_with_a_lying_name_or_markup_are_refused(app, client, signed_in_member, content, name):
    with app.app_context():
        data = initiative_form(category_id())
        folder = Path(app.config["UPLOAD_FOLDER"]) / "attachments"
        before = set(folder.glob("*")) if folder.exists() else set()
    data["attachments"] = [(io.BytesIO(content), name)]
    response = client.post("/initiatives/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    with app.app_context():
        assert _count(Initiative) == 0 and _count(Attachment) == 0
        assert (set(folder.glob("*")) if folder.exists() else set()) == before


def test_an_attachment_over_the_size_limit_is_refused(app, client, signed_in_member, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1024)
    with app.app_context():
        data = initiative_form(category_id())
    data["attachments"] = [(io.BytesIO(PDF + b"0" * 2000), "big.pdf")]
    response = client.post("/initiatives/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and "larger than" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (PDF, "report.pdf", "application/pdf"),
        (CSV, "farmers.csv", "text/csv; charset=utf-8"),
        (office("xlsx"), "budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            office("docx"),
            "memo.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (png(), "map.png", "image/png"),
    ],
)
def test_attachments_are_served_only_as_downloads(app, client, content, name, content_type):
    with app.app_context():
        initiative = make_initiative(files=[(name, io.BytesIO(content))])
        url = f"/initiatives/{initiative.id}/attachments/{initiative.attachments[0].id}"
    with client.get(url) as response:
        assert response.status_code == 200 and response.data == content
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_an_attachment_of_another_initiative_is_not_found(app, client):
    with app.app_context():
        first = make_initiative(files=[("a.pdf", io.BytesIO(PDF))])
        second = make_initiative()
        url = f"/initiatives/{second.id}/attachments/{first.attachments[0].id}"
    assert client.get(url).status_code == 404
    assert client.get("/initiatives/999/attachments/999").status_code == 404


def test_a_double_submitted_form_creates_one_initiative(app, client, signed_in_member):
    with app.app_context():
        data = initiative_form(category_id(), token="a" * 32)
    first = client.post("/initiatives/new", data=data)
    second = client.post("/initiatives/new", data=data)
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    with app.app_context():
        assert _count(Initiative) == 1


def test_the_same_initiative_sent_again_without_token_is_refused(app, client, signed_in_member):
    with app.app_context():
        data = initiative_form(category_id())
    assert client.post("/initiatives/new", data=data).status_code == 302
    again = client.post("/initiatives/new", data=data)
    assert again.status_code == 400 and "a moment ago" in again.get_data(as_text=True)


@pytest.mark.parametrize(
    ("who", "status"), [("visitor", 302), ("author", 200), ("other member", 403), ("moderator", 200)]
)
def test_who_may_edit_an_initiative(app, client, sign_in, who, status):
    with app.app_context():
        initiative = make_initiative()
        people = {
            "author": initiative.author,
            "other member": make_user(),
            "moderator": make_user(role=Role.MODERATOR),
        }
        usernames = {key: user.username for key, user in people.items()}
        url = f"/initiatives/{initiative.id}/edit"
    if who in usernames:
        sign_in(usernames[who])
    assert client.get(url).status_code == status


def test_someone_elses_initiative_cannot_be_changed_by_post(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative(title="Original")
        make_user(username="intruder")
        url, data = f"/initiatives/{initiative.id}/edit", initiative_form(category_id(), title="Defaced")
    sign_in("intruder")
    assert client.post(url, data=data).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Initiative.title)) == "Original"


def test_editing_keeps_the_history_for_the_author_and_moderators(app, client, sign_in_as):
    with app.app_context():
        author = make_user(username="author")
        initiative = make_initiative(author=author, title="First title", files=[("a.pdf", io.BytesIO(PDF))])
        make_user(username="mod", role=Role.MODERATOR)
        make_user(username="reader")
        iid, attachment_id = initiative.id, initiative.attachments[0].id
        data = initiative_form(
            category_id("questions"), title="Better title", remove_attachments=[attachment_id]
        )
    sign_in_as("author")
    assert client.post(f"/initiatives/{iid}/edit", data=data).status_code == 302
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "Better title" in page and "edited" in page and "a.pdf" not in page
    history = client.get(f"/initiatives/{iid}/history")
    assert history.status_code == 200 and "First title" in history.get_data(as_text=True)
    link = f'<a href="/initiatives/{iid}">Better title</a>'
    assert f"Earlier versions of {link}, newest first" in history.get_data(as_text=True)
    sign_in_as("mod")
    assert client.get(f"/initiatives/{iid}/history").status_code == 200
    sign_in_as("reader")
    assert client.get(f"/initiatives/{iid}/history").status_code == 403
    with app.app_context():
        assert db.session.get(Initiative, iid).category.slug == "questions"


def test_comments_and_replies_notify_followers_and_the_replied_to(app, client, sign_in_as):
    with app.app_context():
        author = make_user(username="author")
        initiative = make_initiative(author=author)
        make_user(username="commenter")
        make_user(username="replier")
        make_user(username="mentioned")
        iid = initiative.id
    sign_in_as("commenter")
    response = client.post(f"/initiatives/{iid}/comments", data={"body": "Great work!", "language": "en"})
    assert response.status_code == 302 and "#comment-" in response.location
    with app.app_context():
        comment_id = db.session.scalar(select(Comment.id))
    sign_in_as("replier")
    reply_url = f"/initiatives/{iid}/comments/{comment_id}/reply"
    assert client.get(reply_url).status_code == 200
    response = client.post(reply_url, data={"body": "Agreed, @mentioned should see this", "language": "fr"})
    assert response.status_code == 302
    with app.app_context():
        kinds = {
            (get_user(n.user_id and db.session.get(type(author), n.user_id).username).username, n.kind)
            for n in db.session.scalars(select(Notification))
        }
        assert kinds == {
            ("author", "comment"),
            ("commenter", "reply"),
            ("author", "comment"),
            ("mentioned", "mention"),
        }
        reply = db.session.scalar(select(Comment).where(Comment.parent_id == comment_id))
        assert reply.language == "fr"
        assert db.session.get(Initiative, iid).comment_count == 2
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "2 comments" in page and "Agreed" in page and 'lang="fr"' in page


def test_a_reply_to_a_reply_joins_the_first_level(app):
    with app.app_context():
        initiative = make_initiative()
        top = make_comment(initiative)
        reply = make_comment(initiative, parent=top)
        deeper = make_comment(initiative, parent=reply)
        assert deeper.parent_id == top.id


def test_a_locked_or_hidden_initiative_takes_no_comment(app, client, signed_in_member):
    with app.app_context():
        locked = make_initiative()
        locked.is_locked = True
        hidden = make_initiative()
        hidden.is_hidden = True
        db.session.commit()
        locked_id, hidden_id = locked.id, hidden.id
    assert (
        client.post(f"/initiatives/{locked_id}/comments", data={"body": "hi", "language": "en"}).status_code
        == 403
    )
    assert (
        client.post(f"/initiatives/{hidden_id}/comments", data={"body": "hi", "language": "en"}).status_code
        == 404
    )
    assert "closed for comments" in client.get(f"/initiatives/{locked_id}").get_data(as_text=True)
    with app.app_context():
        assert _count(Comment) == 0


def test_empty_or_overlong_comments_are_refused(app, client, signed_in_member):
    with app.app_context():
        iid = make_initiative().id
    for body in ("", "   ", "x" * 20_001):
        response = client.post(f"/initiatives/{iid}/comments", data={"body": body, "language": "en"})
        assert response.status_code == 400
    response = client.post(f"/initiatives/{iid}/comments", data={"body": "ok", "language": "klingon"})
    assert response.status_code == 400
    with app.app_context():
        assert _count(Comment) == 0


def test_authors_edit_and_delete_their_comments_others_cannot(app, client, sign_in_as):
    with app.app_context():
        initiative = make_initiative()
        comment = make_comment(initiative, author=make_user(username="writer"), body="First version")
        make_user(username="other")
        cid, iid = comment.id, initiative.id
    sign_in_as("other")
    assert client.post(f"/initiatives/comments/{cid}/edit", data={"body": "Hacked"}).status_code == 403
    assert client.post(f"/initiatives/comments/{cid}/delete").status_code == 403
    sign_in_as("writer")
    assert (
        client.post(f"/initiatives/comments/{cid}/edit", data={"body": "Second version"}).status_code == 302
    )
    history = client.get(f"/initiatives/comments/{cid}/history").get_data(as_text=True)
    assert "First version" in history
    assert client.get(f"/initiatives/comments/{cid}/delete").status_code == 200
    assert client.post(f"/initiatives/comments/{cid}/delete").status_code == 302
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "Comment removed by its author" in page and "Second version" not in page
    with app.app_context():
        assert db.session.get(Comment, cid).body == "Second version"  # kept, never destroyed
        assert db.session.get(Initiative, iid).comment_count == 0


def test_useful_toggles_once_per_member_and_not_on_ones_own(app, client, sign_in_as):
    with app.app_context():
        initiative = make_initiative(author=make_user(username="author"))
        comment = make_comment(initiative, author=make_user(username="reader"))
        iid, cid = initiative.id, comment.id
    sign_in_as("reader")
    client.post(f"/initiatives/{iid}/useful")
    client.post(f"/initiatives/{iid}/useful")
    client.post(f"/initiatives/{iid}/useful")
    client.post(f"/initiatives/comments/{cid}/useful")  # own comment: refused
    with app.app_context():
        assert db.session.get(Initiative, iid).useful_count == 1
        assert db.session.get(Comment, cid).useful_count == 0
    sign_in_as("author")
    client.post(f"/initiatives/comments/{cid}/useful")
    client.post(f"/initiatives/{iid}/useful")  # own initiative: refused
    with app.app_context():
        assert db.session.get(Initiative, iid).useful_count == 1
        assert db.session.get(Comment, cid).useful_count == 1


def test_members_follow_and_unfollow(app, client, signed_in_member):
    with app.app_context():
        iid = make_initiative().id
        user_id = get_user(signed_in_member).id
    client.post(f"/initiatives/{iid}/follow")
    with app.app_context():
        assert db.session.get(Follow, (user_id, iid)) is not None
    assert "Unfollow" in client.get(f"/initiatives/{iid}").get_data(as_text=True)
    client.post(f"/initiatives/{iid}/unfollow")
    with app.app_context():
        assert db.session.get(Follow, (user_id, iid)) is None


def test_hidden_initiatives_are_shown_only_to_moderators_and_their_author(app, client, sign_in_as):
    with app.app_context():
        author = make_user(username="author")
        initiative = make_initiative(author=author, title="Hidden case")
        initiative.is_hidden = True
        db.session.commit()
        make_user(username="reader")
        make_user(username="mod", role=Role.MODERATOR)
        iid = initiative.id
    assert "Hidden case" not in client.get("/initiatives/").get_data(as_text=True)
    assert client.get(f"/initiatives/{iid}").status_code == 404
    sign_in_as("reader")
    assert "Hidden case" not in client.get("/initiatives/").get_data(as_text=True)
    assert client.get(f"/initiatives/{iid}").status_code == 404
    for who in ("author", "mod"):
        sign_in_as(who)
        assert "Hidden case" in client.get("/initiatives/").get_data(as_text=True)
        page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
        assert "Hidden by moderators" in page


def test_a_deleted_author_shows_as_a_former_member(app, client):
    with app.app_context():
        initiative = make_initiative(title="Orphan case")
        db.session.delete(initiative.author)
        db.session.commit()
        iid = initiative.id
    assert "a former member" in client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "a former member" in client.get("/initiatives/").get_data(as_text=True)


def test_unknown_ids_are_not_found(client, signed_in_member):
    for url in (
        "/initiatives/999999",
        "/initiatives/999999/edit",
        "/initiatives/comments/999999/edit",
        "/initiatives/categories/nope",
        "/feeds/categories/nope.atom",
    ):
        assert client.get(url).status_code == 404
    assert client.post("/initiatives/999999/comments", data={"body": "x"}).status_code == 404
