"""Accounts through HTTP, as a member would use them."""

import pytest

from community.auth.models import User
from community.extensions import db
from tests.factories import DEFAULT_PASSWORD, get_user, make_user

NEW_PASSWORD = "mangoes-ripen-in-june"


def register(
    client, email="new.agent@gov.lc.example", username="new-agent", password=DEFAULT_PASSWORD, confirm=None
):
    return client.post(
        "/auth/register",
        data={
            "email": email,
            "username": username,
            "password": password,
            "confirm": password if confirm is None else confirm,
        },
    )


def test_register_sends_a_confirmation_link_that_confirms(app, client, outbox, sign_in):
    response = register(client)
    assert response.status_code == 302 and response.location.endswith("/auth/register/check-inbox")
    [message] = outbox.to("new.agent@gov.lc.example")
    link = outbox.link(message, "/auth/confirm/")
    assert "https://network.example/auth/confirm/" in outbox.body(message)
    with app.app_context():
        assert get_user("new-agent").confirmed_at is None
    assert client.get(link).status_code == 200  # a page with a button: GET changes nothing
    with app.app_context():
        assert get_user("new-agent").confirmed_at is None
    assert client.post(link).status_code == 302
    with app.app_context():
        assert get_user("new-agent").confirmed_at is not None


def test_email_links_use_the_site_url_not_the_host_header(client, outbox):
    register_headers = {"Host": "evil.example"}
    client.post(
        "/auth/register",
        headers=register_headers,
        data={
            "email": "a.b@gov.example",
            "username": "abagent",
            "password": DEFAULT_PASSWORD,
            "confirm": DEFAULT_PASSWORD,
        },
    )
    body = outbox.body(outbox.to("a.b@gov.example")[0])
    assert "evil.example" not in body and "https://network.example/auth/confirm/" in body


def test_confirmation_link_expires_after_48_hours(app, client, outbox, monkeypatch):
    register(client)
    link = outbox.link(outbox.messages[0], "/auth/confirm/")
    monkeypatch.setitem(app.config, "CONFIRM_TOKEN_MAX_AGE", -1)
    response = client.post(link)
    assert response.status_code == 400
    assert "invalid or has expired" in response.get_data(as_text=True)
    assert app.config["CONFIRM_TOKEN_MAX_AGE"] == -1


def test_confirmation_lasts_48_hours_by_default(tmp_path):
    from community.config import load_config

    assert load_config(str(tmp_path))["CONFIRM_TOKEN_MAX_AGE"] == 48 * 3600
    assert load_config(str(tmp_path))["RESET_TOKEN_MAX_AGE"] <= 3600


@pytest.mark.parametrize("token", ["garbage", "a" * 500, "eyJ1aWQiOjF9.Zz.xyz", "%00"])
def test_tampered_confirmation_tokens_are_refused(client, token):
    assert client.post(f"/auth/confirm/{token}").status_code == 400


def test_unconfirmed_member_can_sign_in_and_ask_for_the_link_again(client, outbox, sign_in):
    register(client)
    assert sign_in("new-agent").status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Confirm your e-mail address to post" in page
    client.post("/auth/confirm/resend")
    assert len(outbox.to("new.agent@gov.lc.example")) == 2


def test_registering_a_known_address_answers_alike_and_mails_the_owner(app, client, outbox):
    with app.app_context():
        make_user(username="existing", email="taken@gov.example")
    known = register(client, email="taken@gov.example", username="someone-else")
    unknown = register(client, email="fresh@gov.example", username="another-one")
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    [notice] = outbox.to("taken@gov.example")
    assert "already have an account" in outbox.body(notice)
    with app.app_context():
        assert get_user("someone-else") is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "valid e-mail address"),
        ("email", "a@" + "b" * 260 + ".com", "254"),
        ("username", "ab", "3 to 30"),
        ("username", "has space", "3 to 30"),
        ("username", "evil\u202euser", "3 to 30"),
        ("username", "pаypal", "3 to 30"),  # Cyrillic а
        ("username", "admin", "reserved"),
        ("password", "short", "at least 10"),
        ("password", "password123", "most common"),
    ],
)
def test_register_explains_bad_input_next_to_the_field(client, field, value, message):
    data = {"email": "ok@gov.example", "username": "fine-name", "password": DEFAULT_PASSWORD}
    data[field] = value
    response = register(client, **data)
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert f'id="{field}-error"' in page and 'aria-invalid="true"' in page
    assert "There is a problem" in page


def test_password_may_not_be_the_username_or_email(client):
    page = register(client, username="caribbean-agent", password="Caribbean-Agent")
    assert "must differ from your username" in page.get_data(as_text=True)


def test_usernames_are_unique_regardless_of_case_and_width(app, client):
    with app.app_context():
        make_user(username="Kemar")
    response = register(client, username="ｋｅｍａｒ")  # full-width: NFKC makes it "kemar"
    assert "taken" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(User).count() == 1


def test_repeated_password_must_match(client):
    response = register(client, confirm="something-else-entirely")
    assert "The two passwords differ" in response.get_data(as_text=True)


def test_sign_in_by_username_or_email(app, client, sign_in):
    with app.app_context():
        make_user(username="ravi", email="ravi@gov.tt.example")
    assert sign_in("ravi").status_code == 302
    client.post("/auth/logout")
    assert sign_in("RAVI@gov.tt.example").status_code == 302


def test_wrong_password_and_unknown_account_answer_alike(app, sign_in):
    with app.app_context():
        make_user(username="ravi")
    wrong = sign_in("ravi", "not-the-password")
    unknown = sign_in("nobody-here", "not-the-password")
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.get_data(as_text=True).replace("ravi", "X") == unknown.get_data(as_text=True).replace(
        "nobody-here", "X"
    )


def test_sign_in_renews_the_session(app, client, sign_in, member):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(member)
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/settings/", "/settings/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_only_leads_to_paths_of_this_site(client, member, target, expected):
    response = client.post(
        "/auth/login",
        query_string={"next": target},
        data={"identifier": member, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == expected


def test_session_cookie_flags(client, member, sign_in):
    response = sign_in(member, remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _cookies(client) -> dict:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def _replay(app, cookies: dict):
    other = app.test_client()
    for key, value in cookies.items():
        other.set_cookie(key, value)
    return other


def test_sign_out_is_a_post_and_ends_the_copied_session(app, client, member, sign_in):
    sign_in(member, remember=True)
    stolen = _cookies(client)
    assert _replay(app, stolen).get("/settings/").status_code == 200
    assert client.get("/auth/logout").status_code == 405
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/settings/").status_code == 302
    assert _replay(app, stolen).get("/settings/").status_code == 302
    only_remember = {"remember_token": stolen["remember_token"]}
    assert _replay(app, only_remember).get("/settings/").status_code == 302


def test_remember_me_survives_the_end_of_the_browser_session(app, client, member, sign_in):
    sign_in(member, remember=True)
    remember = {"remember_token": _cookies(client)["remember_token"]}
    assert _replay(app, remember).get("/settings/").status_code == 200


def test_reset_link_is_single_use_and_ends_other_sessions(app, client, member, outbox, sign_in):
    elsewhere = app.test_client()
    sign_in(member, target=elsewhere)
    assert elsewhere.get("/settings/").status_code == 200
    with app.app_context():
        address = get_user(member).email
    response = client.post("/auth/reset", data={"email": address})
    assert "Check your inbox" in response.get_data(as_text=True)
    link = outbox.link(outbox.to(address)[0], "/auth/reset/")
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert elsewhere.get("/settings/").status_code == 302  # the other session ended
    assert client.get(link).status_code == 400  # used once, it stops working
    assert sign_in(member, NEW_PASSWORD).status_code == 302


def test_reset_link_expires(app, client, member, outbox, monkeypatch):
    with app.app_context():
        address = get_user(member).email
    client.post("/auth/reset", data={"email": address})
    link = outbox.link(outbox.to(address)[0], "/auth/reset/")
    monkeypatch.setitem(app.config, "RESET_TOKEN_MAX_AGE", -1)
    assert client.get(link).status_code == 400


def test_reset_answers_alike_for_unknown_addresses(app, client, member, outbox):
    with app.app_context():
        address = get_user(member).email
    known = client.post("/auth/reset", data={"email": address}).get_data(as_text=True)
    unknown = client.post("/auth/reset", data={"email": "ghost@gov.example"}).get_data(as_text=True)
    assert known.replace(address, "X") == unknown.replace("ghost@gov.example", "X")
    assert "no account uses this address" in outbox.body(outbox.to("ghost@gov.example")[0])


def test_reset_with_a_weak_password_is_refused_and_keeps_the_link(app, client, member, outbox):
    with app.app_context():
        address = get_user(member).email
    client.post("/auth/reset", data={"email": address})
    link = outbox.link(outbox.to(address)[0], "/auth/reset/")
    response = client.post(link, data={"password": "qwertyuiop", "confirm": "qwertyuiop"})
    assert response.status_code == 200 and "most common" in response.get_data(as_text=True)
    assert client.get(link).status_code == 200


def test_banned_member_cannot_sign_in_and_loses_sessions(app, client, member, sign_in):
    from community.auth.models import AccountState

    sign_in(member)
    with app.app_context():
        get_user(member).state = AccountState.BANNED
        db.session.commit()
    assert client.get("/settings/").status_code == 302
    response = sign_in(member)
    assert response.status_code == 200 and "banned" in response.get_data(as_text=True)


def test_signed_in_member_is_sent_away_from_login_and_register(client, signed_in_member):
    assert client.get("/auth/login").status_code == 302
    assert client.get("/auth/register").status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"identifier": "x" * 10_000, "password": "y"},
        {"identifier": "nul\x00byte", "password": "y"},
        {"identifier": "", "password": ""},
        {"password": "only-a-password"},
        {"identifier": ["a", "b"], "password": "z"},
    ],
)
def test_malformed_sign_in_gets_a_clear_answer_never_a_500(client, data):
    response = client.post("/auth/login", data=data)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "There is a problem" in response.get_data(as_text=True)


@pytest.mark.parametrize("field", ["email", "username", "password"])
def test_over_long_registration_fields_are_refused_next_to_the_field(app, client, field):
    data = {"email": "long@gov.example", "username": "long-agent", "password": DEFAULT_PASSWORD}
    data[field] = "a" * 5000 + ("@gov.example" if field == "email" else "")
    response = register(client, **data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(User).count() == 0


def test_nul_bytes_in_a_query_or_path_get_400(client):
    assert client.get("/?q=a%00b").status_code == 400
    assert client.post("/auth/confirm/abc%00def").status_code == 400


def test_sessions_end_when_the_remember_me_period_is_over(app, client, member, sign_in):
    from datetime import timedelta

    from community.auth.models import UserSession

    sign_in(member, remember=True)
    old = app.test_client()
    sign_in(member, remember=True, target=old)
    with app.app_context():
        sessions = db.session.scalars(db.select(UserSession).order_by(UserSession.id)).all()
        sessions[1].created_at -= app.config["REMEMBER_COOKIE_DURATION"] + timedelta(minutes=1)
        db.session.commit()
    assert old.get("/settings/").status_code == 302  # too old: signed out
    assert client.get("/settings/").status_code == 200
    sign_in(member, target=app.test_client())  # a new sign-in clears the expired row
    with app.app_context():
        assert db.session.query(UserSession).count() == 2
