"""E-mails go out in the recipient's language, whoever or whatever sends them."""

import ast
from email.header import decode_header, make_header

from flask_babel import force_locale, gettext

from community import ROOT
from community.auth.models import Role
from community.extensions import db
from community.moderation.models import AlertMode
from tests.factories import get_user, make_initiative, make_user


def _decoded(header: str) -> str:
    return str(make_header(decode_header(header)))


def test_every_mail_the_code_sends_names_the_recipients_language():
    """send_mail without locale= would write in the default language: each call must say whose it is."""
    calls = []
    for path in (ROOT / "community").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "send_mail":
                calls.append((path.name, node.lineno, any(k.arg == "locale" for k in node.keywords)))
    assert len(calls) >= 12
    assert all(named for *_where, named in calls), [where for *where, named in calls if not named]


def test_a_member_gets_the_reset_mail_in_their_language_whatever_the_page_speaks(app, client, outbox):
    with app.app_context():
        user = make_user(username="lucia", email="lucia@gov.example")
        user.locale = "es"
        db.session.commit()
    client.post("/auth/reset", data={"email": "lucia@gov.example"}, headers={"Accept-Language": "nl"})
    [message] = outbox.to("lucia@gov.example")
    assert message["Content-Language"] == "es"
    with app.test_request_context(), force_locale("es"):
        assert _decoded(message["Subject"]) == gettext("Reset your password")


def test_a_visitor_registers_in_the_language_of_the_page_and_is_written_to_in_it(app, client, outbox):
    client.post("/language", data={"locale": "fr"})
    response = client.post(
        "/auth/register",
        data={"email": "ana@gov.example", "username": "ana", "password": "sargassum-season-2026",
              "confirm": "sargassum-season-2026", "accept": "y"},
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        assert get_user("ana").locale == "fr"
    [message] = outbox.to("ana@gov.example")
    assert message["Content-Language"] == "fr"


def test_mail_to_an_address_without_account_follows_the_page(client, outbox):
    client.post("/auth/reset", data={"email": "nobody@gov.example"}, headers={"Accept-Language": "nl"})
    [message] = outbox.to("nobody@gov.example")
    assert message["Content-Language"] == "nl"


def test_the_owner_of_a_taken_address_is_written_to_in_their_language(app, client, signed_in_member, outbox):
    with app.app_context():
        owner = make_user(username="owner", email="owner@gov.example")
        owner.locale = "nl"
        db.session.commit()
    client.post(
        "/settings/email", data={"email": "owner@gov.example", "password": "correct-horse-battery-staple"}
    )
    [message] = outbox.to("owner@gov.example")
    assert message["Content-Language"] == "nl"


def test_notifications_and_moderator_alerts_go_out_in_each_recipients_language(app, outbox):
    from community.moderation import alerts
    from community.notifications import services as notifications
    from community.notifications.models import EmailMode

    with app.app_context():
        author = make_user(username="auteur", email="auteur@gov.example")
        author.locale = "fr"
        moderator = make_user(username="moderadora", email="mod@gov.example", role=Role.MODERATOR)
        moderator.locale = "es"
        db.session.commit()
        notifications.set_email_mode(author, EmailMode.IMMEDIATELY)
        alerts.set_alert_mode(moderator, AlertMode.IMMEDIATELY)
        initiative = make_initiative(author=author)
        notifications.notify(author, "comment", initiative.title, f"/initiatives/{initiative.id}")
        db.session.commit()
        assert alerts.send_immediate_alerts(initiative.title) == 1
        db.session.commit()
    assert [m["Content-Language"] for m in outbox.to("auteur@gov.example")] == ["fr"]
    assert [m["Content-Language"] for m in outbox.to("mod@gov.example")] == ["es"]


def test_an_unknown_language_on_the_account_falls_back_to_english(app, outbox):
    from community.mail import send_mail

    with app.app_context():
        send_mail("someone@gov.example", "Hello", "email_taken", locale="xx", email="someone@gov.example")
        db.session.commit()  # a message is queued in the caller's transaction
    assert outbox.to("someone@gov.example")[0]["Content-Language"] == "en"
