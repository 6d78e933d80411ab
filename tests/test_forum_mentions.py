"""@username mentions: linked to listed members in the stored HTML, and notified once, also on edits."""

import pytest
from sqlalchemy import select

from community.auth.models import AccountState
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.markdown import render_markdown, sanitize
from community.notifications.models import Notification
from tests.factories import get_user, make_comment, make_initiative, make_user
from tests.forum_helpers import category_id, initiative_form


def _mentions(app, username: str) -> int:
    with app.app_context():
        user = get_user(username)
        statement = select(Notification).where(
            Notification.user_id == user.id, Notification.kind == "mention"
        )
        return len(db.session.scalars(statement).all())


@pytest.fixture
def people(app):
    with app.app_context():
        make_user(username="amara-j")
        make_user(username="ravi_s")
        make_user(username="pending", confirmed=False)
        banned = make_user(username="banned-one")
        banned.state = AccountState.BANNED
        db.session.commit()


def test_a_comment_links_listed_members_only(app, client, signed_in_member, people):
    with app.app_context():
        iid = make_initiative().id
    body = (
        "Ask @Amara-J and @ravi_s (not @pending, @banned-one, @nobody-here, me@amara-j.example, "
        "`@amara-j` nor [@ravi_s](https://example.org))."
    )
    assert (
        client.post(f"/initiatives/{iid}/comments", data={"body": body, "language": "en"}).status_code == 302
    )
    with app.app_context():
        html = db.session.scalar(select(Comment.body_html))
    assert '<a href="/members/amara-j" rel="nofollow ugc noopener">@Amara-J</a>' in html
    assert '<a href="/members/ravi_s" rel="nofollow ugc noopener">@ravi_s</a>' in html
    for absent in ("/members/pending", "/members/banned-one", "/members/nobody-here"):
        assert absent not in html
    assert "me@amara-j.example" in html and "<code>@amara-j</code>" in html
    assert html.count("/members/ravi_s") == 1
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert 'href="/members/amara-j"' in page
    assert (
        _mentions(app, "amara-j") == 1
        and _mentions(app, "pending") == 0
        and _mentions(app, "banned-one") == 0
    )


def test_mention_links_do_not_open_the_sanitizer(app):
    def resolve(name):
        return '/members/x" onclick="alert(1)' if name == "evil" else "javascript:alert(1)"

    html = str(render_markdown("Hi @evil and @other <script>x</script>", resolve))
    assert 'onclick="' not in html  # the quote stays inside the address, escaped
    assert "javascript:" not in html and "<script>" not in html
    assert sanitize(html) == html
    assert str(render_markdown("Hi @someone")) == "<p>Hi @someone</p>\n"


def test_an_edit_notifies_only_the_newly_mentioned(app, client, sign_in, people):
    with app.app_context():
        author = make_user(username="author")
        initiative = make_initiative(author=author, body="Thanks @amara-j for the idea.")
        iid = initiative.id
        cid = make_comment(initiative, author=author, body="Cc @amara-j").id
    assert _mentions(app, "amara-j") == 2
    sign_in("author")
    with app.app_context():
        form = initiative_form(
            category_id(),
            body="Thanks @amara-j for the idea, and @ravi_s for the data.",
            outcomes="Ask @pending.",
        )
    assert client.post(f"/initiatives/{iid}/edit", data=form).status_code == 302
    assert _mentions(app, "amara-j") == 2 and _mentions(app, "ravi_s") == 1 and _mentions(app, "pending") == 0
    with app.app_context():
        html = db.session.get(Initiative, iid).body_html
    assert 'href="/members/ravi_s"' in html and 'href="/members/amara-j"' in html
    response = client.post(f"/initiatives/comments/{cid}/edit", data={"body": "Cc @amara-j and @ravi_s"})
    assert response.status_code == 302
    assert _mentions(app, "amara-j") == 2 and _mentions(app, "ravi_s") == 2
    with app.app_context():
        assert 'href="/members/ravi_s"' in db.session.get(Comment, cid).body_html
    # Mentioning oneself notifies nobody.
    client.post(f"/initiatives/comments/{cid}/edit", data={"body": "Cc @amara-j, @ravi_s and @author"})
    assert _mentions(app, "author") == 0
