"""Bookmarks with reminders and drafts of initiatives and comments, through HTTP."""

from datetime import date, timedelta

from sqlalchemy import select

from community.extensions import db
from community.home import keeping
from community.home.models import Bookmark, Draft
from community.notifications.models import Notification
from tests.factories import get_user, make_comment, make_initiative


def test_a_member_saves_an_initiative_and_a_comment_for_later_with_a_reminder(app, client, sign_in, member):
    with app.app_context():
        initiative = make_initiative(title="Open contracting")
        comment = make_comment(initiative)
        ids = initiative.id, comment.id
    sign_in(member)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert client.post("/bookmarks", data={"initiative_id": ids[0], "remind_on": tomorrow}).status_code == 302
    assert client.post("/bookmarks", data={"initiative_id": ids[0], "comment_id": ids[1]}).status_code == 302
    assert "Open contracting" in client.get("/bookmarks").get_data(as_text=True)
    assert "Open contracting" in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert keeping.send_reminders(date.today()) == 0
        assert keeping.send_reminders(date.today() + timedelta(days=1)) == 1
        user_id = get_user(member).id
        assert (
            db.session.scalar(select(Notification.kind).where(Notification.user_id == user_id)) == "reminder"
        )


def test_hidden_or_unknown_content_cannot_be_saved(app, client, sign_in, member):
    with app.app_context():
        initiative = make_initiative()
        initiative.is_hidden = True
        db.session.commit()
        hidden_id = initiative.id
    sign_in(member)
    assert client.post("/bookmarks", data={"initiative_id": hidden_id}).status_code == 404
    assert client.post("/bookmarks", data={"initiative_id": 999999}).status_code == 404
    assert client.post("/bookmarks", data={"initiative_id": "x"}).status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Bookmark)).all() == []


def test_a_draft_initiative_is_saved_without_javascript_listed_and_reopened(app, client, sign_in, member):
    sign_in(member)
    response = client.post("/drafts/initiative", data={"title": "Half-written case", "body": "So far…"})
    assert response.status_code == 302 and "/initiatives/new?draft=" in response.headers["Location"]
    assert "Half-written case" in client.get("/").get_data(as_text=True)
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="Half-written case"' in form and "So far…" in form


def test_a_draft_comment_is_reopened_on_its_initiative_and_goes_once_published(app, client, sign_in, member):
    with app.app_context():
        initiative_id = make_initiative().id
    sign_in(member)
    saved = client.post(f"/drafts/comment?initiative_id={initiative_id}", data={"body": "My thoughts so far"})
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "My thoughts so far</textarea>" in page
    with app.app_context():
        draft_id = db.session.scalar(select(Draft.id))
    published = client.post(
        f"/initiatives/{initiative_id}/comments",
        data={"body": "My thoughts, finished", "language": "en", "draft_id": draft_id},
    )
    assert published.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Draft)).all() == []


def test_autosave_answers_json(app, client, sign_in, member):
    sign_in(member)
    response = client.post("/drafts/initiative", data={"title": "Autosaved"}, headers={"X-Autosave": "1"})
    assert response.status_code == 200 and response.get_json()["id"]


def test_someone_elses_draft_is_not_found(app, client, sign_in, member):
    with app.app_context():
        from tests.factories import make_user

        other = make_user()
        draft = keeping.save_draft(other, keeping.DraftKind.INITIATIVE, _Form(title="Secret"), None, None)
        draft_id = draft.id
    sign_in(member)
    assert client.get(f"/drafts/{draft_id}").status_code == 404
    assert "Secret" not in client.get(f"/initiatives/new?draft={draft_id}").get_data(as_text=True)
    assert client.post(f"/drafts/{draft_id}/delete").status_code == 404


class _Form(dict):
    def getlist(self, name):
        return [self[name]] if name in self else []


def test_watches_bookmarks_and_drafts_are_in_the_data_download(app, client, sign_in, member):
    import json

    with app.app_context():
        initiative_id = make_initiative().id
    sign_in(member)
    client.post("/watching/lab/agriculture", data={"level": "tracking"})
    client.post("/bookmarks", data={"initiative_id": initiative_id})
    client.post("/drafts/initiative", data={"title": "Mine"})
    home = json.loads(client.get("/settings/export/download").get_data(as_text=True))["home"]
    assert home["watches"][0]["level"] == "tracking"
    assert home["bookmarks"][0]["initiative_id"] == initiative_id
    assert home["drafts"][0]["fields"]["title"] == "Mine"
