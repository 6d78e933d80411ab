"""Defects found in review, each with the test that failed before its fix."""

from community.auth.models import AccountState
from community.extensions import db
from community.labs.models import LabRole
from tests.factories import AGRICULTURE, DEFAULT_PASSWORD, add_member, get_lab, get_user, make_user


def test_the_only_lead_of_a_lab_cannot_delete_the_account(app, client, sign_in):
    with app.app_context():
        lead = make_user(username="sole-lead")
        add_member(get_lab(AGRICULTURE), lead, LabRole.LEAD)
    sign_in("sole-lead")
    response = client.post("/settings/delete", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    assert response.status_code == 200
    assert "only lead of Agriculture Innovation Lab" in response.get_data(as_text=True)
    with app.app_context():
        assert get_user("sole-lead") is not None


def test_lab_pages_do_not_list_banned_members(app, client):
    with app.app_context():
        banned = make_user(username="banned-farmer")
        add_member(get_lab(AGRICULTURE), banned)
        banned.state = AccountState.BANNED
        db.session.commit()
    assert "banned-farmer" not in client.get("/labs/agriculture").get_data(as_text=True)


def test_events_at_the_edge_of_the_calendar_get_a_message(app, client, sign_in):
    with app.app_context():
        lead = make_user(username="event-lead")
        add_member(get_lab(AGRICULTURE), lead, LabRole.LEAD)
    sign_in("event-lead")
    response = client.post(
        "/events/new?lab=agriculture",  # lab events live under /events/ since issue 19
        data={
            "title": "End of time",
            "starts_at": "9999-12-31T23:00",
            "ends_at": "9999-12-31T23:30",
            "timezone": "America/Port_of_Spain",
            "place": "Port of Spain",
        },
    )
    assert response.status_code in (200, 400)
    assert "between the years" in response.get_data(as_text=True)


def test_a_deleted_comment_is_not_quoted_on_a_reply_page(app, client, sign_in):
    from tests.factories import make_comment, make_initiative

    with app.app_context():
        comment = make_comment(make_initiative(), body="Words the author took back")
        ids = comment.initiative_id, comment.id
        author = comment.author.username
    sign_in(author)
    assert client.post(f"/initiatives/comments/{ids[1]}/delete").status_code == 302
    client.post("/auth/logout")
    sign_in(make_user_name(app))
    response = client.get(f"/initiatives/{ids[0]}/comments/{ids[1]}/reply")
    assert response.status_code == 404
    assert "took back" not in response.get_data(as_text=True)


def make_user_name(app) -> str:
    with app.app_context():
        return make_user().username
