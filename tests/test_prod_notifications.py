"""Issue 13.6: content others cannot see (hidden by a moderator, or held) notifies nobody, on edits too."""

import pytest
from sqlalchemy import func, select

from community.auth.models import Role
from community.extensions import db
from community.moderation import services as moderation
from community.moderation.models import Action, TargetKind
from community.notifications.models import Notification
from tests.factories import get_user, make_comment, make_initiative, make_user
from tests.forum_helpers import category_id, initiative_form


def _notifications_of(app, username: str) -> int:
    with app.app_context():
        user = get_user(username)
        return db.session.scalar(select(func.count(Notification.id)).where(Notification.user_id == user.id))


@pytest.fixture
def cast(app):
    with app.app_context():
        make_user(username="target")
        make_user(username="mod", role=Role.MODERATOR)
        author = make_user(username="author")
        return author.username


def test_editing_a_hidden_initiative_to_mention_someone_notifies_nobody(app, client, sign_in, cast):
    with app.app_context():
        initiative = make_initiative(get_user("author"), title="Quiet post")
        moderation.act_on_content(get_user("mod"), Action.HIDE, TargetKind.INITIATIVE, initiative, "spam")
        iid, category = initiative.id, category_id()
    sign_in("author")
    form = initiative_form(category, title="Click here, @target", body="Hello @target, see this")
    assert client.post(f"/initiatives/{iid}/edit", data=form).status_code == 302
    assert _notifications_of(app, "target") == 0


def test_a_held_first_post_edited_to_mention_someone_notifies_nobody(app, client, sign_in, cast, monkeypatch):
    monkeypatch.setitem(app.config, "FIRST_POSTS_NEED_APPROVAL", True)
    with app.app_context():
        initiative = make_initiative(get_user("author"), title="Waiting post")
        assert initiative.is_hidden
        iid, category = initiative.id, category_id()
    sign_in("author")
    form = initiative_form(category, body="Now mentioning @target")
    assert client.post(f"/initiatives/{iid}/edit", data=form).status_code == 302
    assert _notifications_of(app, "target") == 0


def test_editing_a_comment_under_a_hidden_initiative_notifies_nobody(app, client, sign_in, cast):
    with app.app_context():
        initiative = make_initiative(get_user("mod"), title="Host")
        comment = make_comment(initiative, get_user("author"), body="Plain words")
        moderation.act_on_content(get_user("mod"), Action.HIDE, TargetKind.INITIATIVE, initiative, "spam")
        comment_id = comment.id
        from community.forum import services as forum

        forum.edit_comment(comment, get_user("author"), "Now @target")
        assert comment_id
    assert _notifications_of(app, "target") == 0


def test_a_visible_initiative_edit_still_notifies_the_newly_mentioned(app, client, sign_in, cast):
    with app.app_context():
        iid, category = make_initiative(get_user("author"), title="Open post").id, category_id()
    sign_in("author")
    form = initiative_form(category, body="Thanks @target")
    assert client.post(f"/initiatives/{iid}/edit", data=form).status_code == 302
    assert _notifications_of(app, "target") == 1
