"""Notifications: the page, the unread count, marking read, e-mail preferences and the digest."""

import re

from sqlalchemy import select

from community.extensions import db
from community.notifications import services
from community.notifications.models import EmailMode, Notification
from tests.factories import get_user, make_comment, make_initiative, make_user


def _notify_member(app, count: int = 1, username: str = "member") -> None:
    with app.app_context():
        initiative = make_initiative(author=get_user(username))
        for _ in range(count):
            make_comment(initiative)


def test_the_header_shows_the_unread_count(app, client, signed_in_member):
    assert "unread" not in client.get("/").get_data(as_text=True)
    _notify_member(app, 3)
    page = client.get("/").get_data(as_text=True)
    assert '<span class="count-badge">3<span class="visually-hidden"> unread</span>' in page


def test_the_page_lists_notifications_and_marks_them_read(app, client, signed_in_member):
    _notify_member(app, 2)
    page = client.get("/notifications").get_data(as_text=True)
    assert page.count('<li class="notification') == 2
    with app.app_context():
        first = db.session.scalars(select(Notification.id)).first()
    assert client.post(f"/notifications/{first}/read").status_code == 302
    with app.app_context():
        assert services.unread_count(get_user(signed_in_member)) == 1
    client.post("/notifications/read-all")
    with app.app_context():
        assert services.unread_count(get_user(signed_in_member)) == 0


def test_a_member_cannot_mark_someone_elses_notification(app, client, signed_in_member):
    with app.app_context():
        make_user(username="other")
    _notify_member(app, 1, username="other")
    with app.app_context():
        notification_id = db.session.scalar(select(Notification.id))
    client.post(f"/notifications/{notification_id}/read")
    client.post("/notifications/read-all")
    with app.app_context():
        assert db.session.get(Notification, notification_id).read_at is None


def test_visitors_are_sent_to_sign_in(client):
    assert client.get("/notifications").status_code == 302
    assert client.get("/settings/notifications").status_code == 302


def test_the_email_preference_is_saved_and_bad_values_refused(app, client, signed_in_member):
    page = client.get("/settings/notifications").get_data(as_text=True)
    assert re.search(r'<input checked id="email_mode-1" name="email_mode" type="radio" value="daily">', page)
    assert client.post("/settings/notifications", data={"email_mode": "hourly"}).status_code == 200
    with app.app_context():
        assert services.email_mode(get_user(signed_in_member)) == EmailMode.DAILY
    assert client.post("/settings/notifications", data={"email_mode": "never"}).status_code == 302
    with app.app_context():
        assert services.email_mode(get_user(signed_in_member)) == EmailMode.NEVER


def test_members_who_want_it_immediately_get_an_email_after_the_commit(app, outbox):
    with app.app_context():
        author = make_user(username="eager", email="eager@gov.example")
        services.set_email_mode(author, EmailMode.IMMEDIATELY)
        initiative = make_initiative(author=author, title="Open budget data")
        make_comment(initiative, author=make_user(username="talker"))
        initiative_id = initiative.id
    [message] = outbox.to("eager@gov.example")
    assert "talker commented on “Open budget data”" in outbox.body(message)
    assert f"https://network.example/initiatives/{initiative_id}#comment-" in outbox.body(message)


def test_the_digest_goes_once_to_daily_members_only(app, outbox):
    with app.app_context():
        daily = make_user(username="daily", email="daily@gov.example")
        never = make_user(username="never", email="never@gov.example")
        services.set_email_mode(never, EmailMode.NEVER)
        for author in (daily, never):
            make_comment(make_initiative(author=author, title=f"Case of {author.username}"))
        assert services.send_digests() == 1
        assert services.send_digests() == 0
    [message] = outbox.messages
    assert message["To"] == "daily@gov.example" and "Case of daily" in outbox.body(message)


def test_the_digest_command_runs_from_the_command_line(app, outbox):
    with app.app_context():
        author = make_user(email="cron@gov.example")
        make_comment(make_initiative(author=author))
    result = app.test_cli_runner().invoke(args=["notifications", "send-digests"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest(s)." in result.output
    assert "https://network.example/settings/notifications" in outbox.body(outbox.to("cron@gov.example")[0])


def test_nobody_is_notified_of_their_own_action(app):
    with app.app_context():
        author = make_user()
        initiative = make_initiative(author=author)
        make_comment(initiative, author=author, body=f"Note to self @{author.username}")
        assert db.session.scalar(select(Notification)) is None


def test_other_features_add_their_own_kinds(app):
    from flask_babel import lazy_gettext as _l

    services.register_kind("test_flag", _l("A moderator looked at “%(subject)s”."))
    with app.app_context():
        user = make_user()
        notification = services.notify(user, "test_flag", "Your post", "/initiatives/1")
        db.session.commit()
        assert services.message_for(notification) == "A moderator looked at “Your post”."
    del services.MESSAGES["test_flag"]
