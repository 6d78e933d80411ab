"""Two-step sign-in in a real Chromium: a moderator is sent to set up an authenticator app before
moderation, signs in again with a code; a member adds a passkey (a virtual authenticator through
the DevTools protocol) and signs in with it; the sessions page signs another browser out."""

import re
import time

import pyotp
import pytest

from community.auth.models import Role
from community.auth.twofactor import twostep
from community.extensions import db
from tests.e2e.browsing import go, sign_in, sign_out
from tests.e2e.conftest import NOT_LOOPBACK
from tests.factories import DEFAULT_PASSWORD, get_user, make_user

pytestmark = pytest.mark.e2e


def _code(secret: str, steps_ahead: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


@pytest.fixture
def staff_need_two_step(live_app, monkeypatch):
    monkeypatch.setitem(live_app.config, "TWO_FACTOR_REQUIRED_FOR_STAFF", True)


def _password_step(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/auth/login")
    page.locator("#identifier").fill(username)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    go(page, page.locator("main form button[type=submit]"))


def _fits_375(page) -> bool:
    page.set_viewport_size({"width": 375, "height": 700})
    fits = page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.set_viewport_size({"width": 1280, "height": 720})
    return fits


def test_a_moderator_sets_up_two_step_before_moderation_then_signs_in_with_a_code(
    app, browser, page, base_url, assert_accessible, staff_need_two_step
):
    with app.app_context():
        make_user(username="mod-ana", role=Role.MODERATOR)
    earlier_context = browser.new_context(bypass_csp=True)  # signed in before two-step was on
    earlier = earlier_context.new_page()
    sign_in(earlier, base_url, "mod-ana")
    sign_in(page, base_url, "mod-ana")
    page.goto(base_url + "/moderation/")
    assert page.url.endswith("/settings/two-step")
    assert page.get_by_text("must turn on two-step sign-in first").is_visible()
    assert_accessible(page)

    go(page, page.get_by_role("button", name="Set up an authenticator app"))
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert_accessible(page)
    assert _fits_375(page)
    secret = page.locator(".secret-key").inner_text().strip()
    page.get_by_label("Code from your app").fill("000000")
    go(page, page.get_by_role("button", name="Turn on two-step sign-in"))
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)  # the error shown next to the field
    page.get_by_label("Code from your app").fill(_code(secret, 0))
    go(page, page.get_by_role("button", name="Turn on two-step sign-in"))
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    page.goto(base_url + "/moderation/")
    assert page.url.endswith("/moderation/")
    page.goto(base_url + "/settings/two-step")
    assert_accessible(page)  # the page once two-step sign-in is on
    sign_out(page)

    _password_step(page, base_url, "mod-ana")
    assert page.url.endswith("/auth/two-step")
    assert_accessible(page)
    page.get_by_label("Code").fill(_code(secret, 1))
    go(page, page.get_by_role("button", name="Continue"))
    assert page.get_by_text("Welcome back, mod-ana").is_visible()
    page.goto(base_url + "/moderation/")
    assert page.url.endswith("/moderation/")

    earlier.goto(base_url + "/moderation/")
    assert "/auth/two-step/session" in earlier.url
    assert_accessible(earlier)
    earlier.get_by_label("Code").fill(codes[0])  # the app's next codes were used: a recovery code
    go(earlier, earlier.get_by_role("button", name="Continue"))
    assert earlier.get_by_role("heading", name="Moderation queue").is_visible()
    earlier_context.close()


def test_the_sessions_page_signs_another_browser_out(app, browser, page, base_url, assert_accessible):
    with app.app_context():
        make_user(username="sam-sessions")
    other_context = browser.new_context(
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    )
    other = other_context.new_page()
    sign_in(other, base_url, "sam-sessions")
    sign_in(page, base_url, "sam-sessions")
    page.goto(base_url + "/settings/sessions")
    assert page.locator("strong", has_text="Mobile Safari on iOS (iPhone)").is_visible()
    assert page.get_by_text("this device").is_visible()
    assert_accessible(page)
    assert _fits_375(page)
    go(page, page.get_by_role("button", name="Sign out Mobile Safari on iOS (iPhone)"))
    assert page.get_by_text("That session is signed out.").is_visible()
    other.goto(base_url + "/settings/")
    assert "/auth/login" in other.url  # that browser is signed out
    other_context.close()


def test_a_member_adds_a_passkey_and_signs_in_with_it_then_with_it_alone(
    app, browser, base_url, live_app, monkeypatch
):
    # WebAuthn needs a host name, not an IP address: the site is reached as localhost here.
    site = base_url.replace("127.0.0.1", "localhost")
    monkeypatch.setitem(live_app.config, "SITE_URL", site)
    with app.app_context():
        user = make_user(username="pat-passkey")
        twostep.start_enrolment(user)
        secret = twostep.credential_of(user).secret
        twostep.confirm_enrolment(get_user("pat-passkey"), _code(secret, 0))
        db.session.remove()
    context = browser.new_context()  # the site's own CSP applies: the script is a static file
    blocked: list[str] = []
    context.route(NOT_LOOPBACK, lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]

    _password_step(page, site, "pat-passkey")
    page.get_by_label("Code").fill(_code(secret, 1))
    go(page, page.get_by_role("button", name="Continue"))
    page.goto(site + "/settings/two-step")
    page.get_by_label("Name of the new passkey").fill("Work laptop")
    go(page, page.get_by_role("button", name="Add a passkey"))
    assert page.get_by_text("Passkey added.").is_visible(), page.locator("#passkey-status").inner_text()
    assert page.get_by_text("Work laptop").is_visible()
    sign_out(page)

    _password_step(page, site, "pat-passkey")
    assert page.url.endswith("/auth/two-step")
    go(page, page.get_by_role("button", name="Use a passkey"))
    assert page.get_by_text("Welcome back, pat-passkey").is_visible()
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1 and credentials["credentials"][0]["isResidentCredential"]
    sign_out(page)

    page.goto(site + "/auth/login")  # a passkey alone: no password, no code
    go(page, page.get_by_role("button", name="Use a passkey"))
    assert page.get_by_text("Welcome back, pat-passkey").is_visible()
    context.close()
    assert blocked == []
    assert [text for text in problems if re.search("Content Security Policy|passkeys", text)] == []
