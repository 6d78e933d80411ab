"""Two-step sign-in with an authenticator app: turning it on, signing in with it, recovery codes, turning
it off, and staff kept out of moderation until their session passed a second factor."""

import json

import pytest
from flask import Flask
from sqlalchemy import func, select

from community.auth.models import Role, UserSession
from community.auth.twofactor import gate
from community.auth.twofactor.models import RecoveryCode, TotpCredential
from community.extensions import db
from tests.factories import DEFAULT_PASSWORD, get_user, make_user
from tests.two_step_helpers import app_code, password_step, turn_on


@pytest.fixture
def staff_need_two_step(app, monkeypatch):
    monkeypatch.setitem(app.config, "TWO_FACTOR_REQUIRED_FOR_STAFF", True)


def _user_id(app, username):
    with app.app_context():
        return get_user(username).id


def _sessions_of(app, username) -> int:
    with app.app_context():
        user_id = get_user(username).id
        return db.session.scalar(select(func.count()).where(UserSession.user_id == user_id))


def test_the_requirement_for_staff_is_on_unless_a_deployment_says_otherwise():
    app = Flask(__name__)
    gate.init_app(app)
    assert app.config["TWO_FACTOR_REQUIRED_FOR_STAFF"] is True


def test_member_turns_two_step_on_with_a_qr_code_and_a_first_code(app, client, signed_in_member):
    assert "Set up an authenticator app" in client.get("/settings/two-step").text
    assert client.post("/settings/two-step/setup").headers["Location"].endswith("/settings/two-step/confirm")
    page = client.get("/settings/two-step/confirm")
    assert page.status_code == 200 and "<svg" in page.text and 'class="secret-key"' in page.text
    assert "no-store" in page.headers["Cache-Control"]
    wrong = client.post("/settings/two-step/confirm", data={"code": "000000"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.text
    secret, codes = turn_on(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    with app.app_context():
        user_id = get_user(signed_in_member).id
        assert db.session.get(TotpCredential, user_id).confirmed_at is not None
        hashes = db.session.scalars(
            select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user_id)
        ).all()
    assert len(hashes) == 10 and not set(codes) & set(hashes)  # kept hashed only
    assert "10 unused recovery codes" in client.get("/settings/two-step").text


def test_the_qr_code_is_drawn_on_the_server_as_svg_that_names_the_site_and_account(client, signed_in_member):
    client.post("/settings/two-step/setup")
    page = client.get("/settings/two-step/confirm").text
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<path" in svg and "<script" not in page
    assert "href" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_sign_in_asks_for_the_code_after_the_password_and_opens_no_session_before(
    app, client, signed_in_member
):
    secret, _codes = turn_on(client)
    client.post("/auth/logout")
    response = password_step(client, signed_in_member, next_url="/settings/")
    assert response.headers["Location"].endswith("/auth/two-step")
    assert _sessions_of(app, signed_in_member) == 0
    assert client.get("/settings/").status_code == 302  # not signed in yet
    wrong = client.post("/auth/two-step", data={"code": "123456"})
    assert wrong.status_code == 400 and "not right" in wrong.text
    done = client.post("/auth/two-step", data={"code": app_code(secret)})
    assert done.status_code == 302 and done.headers["Location"] == "/settings/"
    assert client.get("/settings/").status_code == 200
    assert _sessions_of(app, signed_in_member) == 1


def test_a_code_from_the_app_opens_one_session_only(app, client, signed_in_member):
    secret, _codes = turn_on(client)
    client.post("/auth/logout")
    code = app_code(secret)
    password_step(client, signed_in_member)
    assert client.post("/auth/two-step", data={"code": code}).status_code == 302
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    assert client.post("/auth/two-step", data={"code": code}).status_code == 400


def test_a_recovery_code_signs_in_once(client, signed_in_member):
    _secret, codes = turn_on(client)
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    assert client.post("/auth/two-step", data={"code": codes[3].upper()}).status_code == 302
    assert "9 unused recovery codes" in client.get("/settings/two-step").text
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    assert client.post("/auth/two-step", data={"code": codes[3]}).status_code == 400


def test_the_second_step_without_a_password_first_sends_to_sign_in(client):
    response = client.post("/auth/two-step", data={"code": "123456"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_second_step_is_throttled_like_the_sign_in(app, client, signed_in_member, rate_limits):
    secret, _codes = turn_on(client)
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    statuses = [client.post("/auth/two-step", data={"code": "000000"}).status_code for _ in range(6)]
    assert statuses[:5] == [400] * 5 and statuses[5] == 429
    assert client.post("/auth/two-step", data={"code": app_code(secret)}).status_code == 429


def test_new_recovery_codes_replace_the_old_ones(client, signed_in_member):
    secret, old = turn_on(client)
    response = client.post("/settings/two-step/recovery-codes", data={"code": app_code(secret)})
    assert response.status_code == 200
    assert client.post("/settings/two-step/recovery-codes", data={"code": "111111"}).status_code == 400
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    assert client.post("/auth/two-step", data={"code": old[0]}).status_code == 400


def test_turning_two_step_off_needs_the_password_or_a_code(app, client, signed_in_member):
    turn_on(client)
    refused = client.post("/settings/two-step/disable", data={"secret": "guess"})
    assert refused.status_code == 400 and "Enter your password or a code" in refused.text
    assert client.post("/settings/two-step/disable", data={"secret": DEFAULT_PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.get(TotpCredential, get_user(signed_in_member).id) is None
    client.post("/auth/logout")
    assert password_step(client, signed_in_member).headers["Location"].endswith("/")


def test_a_banned_member_passes_no_second_step(app, client, signed_in_member):
    from community.auth.models import AccountState

    secret, _codes = turn_on(client)
    client.post("/auth/logout")
    password_step(client, signed_in_member)
    with app.app_context():
        get_user(signed_in_member).state = AccountState.BANNED
        db.session.commit()
    response = client.post("/auth/two-step", data={"code": app_code(secret)})
    assert response.status_code == 400 and _sessions_of(app, signed_in_member) == 0


# Staff: a second factor before any moderation page.


def _staff_get_urls(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        if rule.endpoint.startswith("moderation.") or rule.rule.startswith("/initiatives/manage/"):
            urls.append(rule.build({name: 1 for name in rule.arguments}, append_unknown=False)[1])
    return urls


@pytest.fixture
def moderator(app):
    with app.app_context():
        return make_user(username="mod", role=Role.MODERATOR).username


def test_every_staff_page_is_known_to_the_check(app):
    urls = _staff_get_urls(app)
    assert "/moderation/" in urls and "/initiatives/manage/categories" in urls and len(urls) >= 5


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_staff_without_a_second_factor_are_sent_to_set_it_up_from_every_staff_page(
    app, client, sign_in, staff_need_two_step, role
):
    with app.app_context():
        username = make_user(role=role).username
    sign_in(username)
    for url in _staff_get_urls(app):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].endswith("/settings/two-step"), url
    assert client.post("/moderation/flags/1/dismiss").status_code == 302


def test_staff_who_turned_two_step_on_reach_moderation(app, client, sign_in, moderator, staff_need_two_step):
    sign_in(moderator)
    assert client.get("/moderation/").status_code == 302
    secret, _codes = turn_on(client)
    assert client.get("/moderation/").status_code == 200  # setting it up here proved the factor
    client.post("/auth/logout")
    password_step(client, moderator)
    client.post("/auth/two-step", data={"code": app_code(secret)})
    assert client.get("/moderation/").status_code == 200


def test_a_staff_session_opened_before_two_step_must_confirm_before_moderation(
    app, client, sign_in, moderator, staff_need_two_step
):
    other = app.test_client()
    sign_in(moderator, target=other)  # signed in elsewhere with the password only
    sign_in(moderator)
    secret, _codes = turn_on(client)
    response = other.get("/moderation/")
    assert response.status_code == 302 and "/auth/two-step/session" in response.headers["Location"]
    assert other.post("/auth/two-step/session?next=/moderation/", data={"code": "000000"}).status_code == 400
    done = other.post("/auth/two-step/session?next=/moderation/", data={"code": app_code(secret)})
    assert done.headers["Location"] == "/moderation/"
    assert other.get("/moderation/").status_code == 200


def test_members_are_not_asked_for_a_second_factor_and_still_get_403_on_moderation(
    client, signed_in_member, staff_need_two_step
):
    assert client.get("/settings/").status_code == 200
    assert client.get("/moderation/").status_code == 403


def test_when_staff_turn_two_step_off_moderation_closes_again(
    client, sign_in, moderator, staff_need_two_step
):
    sign_in(moderator)
    turn_on(client)
    assert client.get("/moderation/").status_code == 200
    client.post("/settings/two-step/disable", data={"secret": DEFAULT_PASSWORD})
    assert client.get("/moderation/").headers["Location"].endswith("/settings/two-step")


# Passkeys: the JSON steps refuse what they must, never with a 500.


def test_a_passkey_needs_the_app_first(client, signed_in_member):
    response = client.post("/settings/passkeys/options")
    assert response.status_code == 400 and "authenticator app first" in response.json["error"]


def test_passkey_options_name_the_site_and_a_bad_answer_is_refused(client, signed_in_member):
    turn_on(client)
    options = client.post("/settings/passkeys/options").json
    assert options["rp"]["id"] == "network.example" and options["challenge"]
    for body in ({}, {"credential": {"id": "x", "response": {}}}, {"credential": "text"}):
        response = client.post("/settings/passkeys", json=body)
        assert response.status_code == 400 and response.json["error"]


def test_a_passkey_answer_at_sign_in_without_a_password_first_is_refused(client):
    assert client.post("/auth/two-step/passkey/options").status_code == 400
    assert client.post("/auth/two-step/passkey", json={"credential": {"id": "x"}}).status_code == 400


def test_removing_someone_elses_passkey_is_404(app, client, signed_in_member):
    assert client.post("/settings/passkeys/12345/delete").status_code == 404


# The member's data download, and deleting an account that has second factors.


def test_the_data_download_says_how_the_member_signs_in_without_any_secret(client, signed_in_member):
    secret, codes = turn_on(client)
    text = client.get("/settings/export/download").get_data(as_text=True)
    security = json.loads(text)["security"]
    assert security["two_step_sign_in"] is True and security["recovery_codes_left"] == 10
    assert security["passkeys"] == [] and len(security["sessions"]) == 1
    assert secret not in text and codes[0] not in text


def test_an_account_with_two_step_on_can_still_be_deleted(app, client, signed_in_member):
    turn_on(client)
    response = client.post("/settings/delete", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert get_user(signed_in_member) is None
        assert db.session.scalar(select(func.count()).select_from(RecoveryCode)) == 0
        assert db.session.scalar(select(func.count()).select_from(TotpCredential)) == 0


def test_guessing_the_password_to_turn_two_step_off_is_throttled(client, signed_in_member, rate_limits):
    turn_on(client)
    statuses = [
        client.post("/settings/two-step/disable", data={"secret": "guess"}).status_code for _ in range(6)
    ]
    assert statuses == [400] * 5 + [429]


def test_signing_in_with_a_passkey_alone_asks_the_device_to_check_the_person(client):
    options = client.post("/auth/passkey/options").json
    assert options["userVerification"] == "required" and options["allowCredentials"] == []
    for body in ({}, {"credential": {"id": "unknown", "response": {}}}):
        response = client.post("/auth/passkey", json=body)
        assert response.status_code == 400 and response.json["error"]
    assert client.get("/settings/").status_code == 302
