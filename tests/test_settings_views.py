"""The member's own settings: password, e-mail, language, deleting the account."""

from community.auth.models import User
from community.extensions import db
from tests.factories import DEFAULT_PASSWORD, get_user, make_user

NEW_PASSWORD = "breadfruit-season-2027"


def test_settings_need_a_signed_in_member(client):
    for path in ("/settings/", "/settings/password", "/settings/email", "/settings/delete"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login?next=" in response.location


def test_change_password_asks_for_the_current_one(client, signed_in_member):
    response = client.post(
        "/settings/password",
        data={"current_password": "not-my-password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "current password is not correct" in response.get_data(as_text=True)


def test_change_password_keeps_this_session_and_ends_the_others(app, client, sign_in, member):
    sign_in(member)
    elsewhere = app.test_client()
    sign_in(member, target=elsewhere)
    stolen = {c.key: c.value for c in client._cookies.values()}
    response = client.post(
        "/settings/password",
        data={"current_password": DEFAULT_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/settings/").status_code == 200
    assert elsewhere.get("/settings/").status_code == 302
    replay = app.test_client()
    for key, value in stolen.items():
        replay.set_cookie(key, value)
    assert replay.get("/settings/").status_code == 302  # a cookie copied before the change
    assert sign_in(member, NEW_PASSWORD, target=app.test_client()).status_code == 302


def test_new_password_follows_the_rules(client, signed_in_member):
    response = client.post(
        "/settings/password",
        data={"current_password": DEFAULT_PASSWORD, "password": "1234567890", "confirm": "1234567890"},
    )
    assert "most common" in response.get_data(as_text=True)


def test_email_change_waits_for_the_new_address_to_confirm(app, client, signed_in_member, outbox):
    with app.app_context():
        old = get_user(signed_in_member).email
    response = client.post(
        "/settings/email", data={"email": "New.Address@gov.example", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    with app.app_context():
        assert get_user(signed_in_member).email == old
    [message] = outbox.to("new.address@gov.example")
    link = outbox.link(message, "/settings/email/confirm/")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    with app.app_context():
        assert get_user(signed_in_member).email == "new.address@gov.example"
    assert client.post(link).status_code == 400  # used once


def test_email_change_to_a_taken_address_tells_nothing(app, client, signed_in_member, outbox):
    with app.app_context():
        make_user(username="other", email="other@gov.example")
    response = client.post(
        "/settings/email", data={"email": "other@gov.example", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert "already belongs to an account" in outbox.body(outbox.to("other@gov.example")[0])


def test_email_change_needs_the_password(client, signed_in_member):
    response = client.post("/settings/email", data={"email": "x@gov.example", "password": "nope-nope-nope"})
    assert "password is not correct" in response.get_data(as_text=True)


def test_delete_account_needs_password_and_consent_and_erases(app, client, signed_in_member):
    response = client.post("/settings/delete", data={"password": "wrong-password-x", "understood": "y"})
    assert "password is not correct" in response.get_data(as_text=True)
    response = client.post("/settings/delete", data={"password": DEFAULT_PASSWORD})
    assert "Tick this box" in response.get_data(as_text=True)
    response = client.post("/settings/delete", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert get_user(signed_in_member) is None
        assert db.session.query(User).count() == 0
    assert client.get("/settings/").status_code == 302


def test_language_setting_changes_the_interface(client, signed_in_member):
    assert client.post("/settings/language", data={"locale": "es"}).status_code == 302
    assert '<html lang="es">' in client.get("/").get_data(as_text=True)
    assert client.post("/settings/language", data={"locale": "xx"}).status_code == 400
