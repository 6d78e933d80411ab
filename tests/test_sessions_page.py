"""The sessions page: where the member is signed in, and signing any other session out for real."""

from datetime import timedelta

from sqlalchemy import select

from community.auth.models import UserSession
from community.auth.twofactor.devices import describe
from community.auth.twofactor.models import SessionDetail
from community.extensions import db
from community.utils import utcnow
from tests.factories import get_user, make_user

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def _browser(app, user_agent: str):
    browser = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = user_agent
    return browser


def _session_ids(app, username: str) -> list[int]:
    with app.app_context():
        user = get_user(username)
        return list(db.session.scalars(select(UserSession.id).where(UserSession.user_id == user.id)))


def test_devices_are_named_in_plain_words():
    assert describe(FIREFOX_WINDOWS) == "Firefox on Windows"
    assert describe(SAFARI_IPHONE) == "Mobile Safari on iOS (iPhone)"
    assert describe("") == "An unknown browser"
    assert describe("x" * 5000) == "An unknown browser"


def test_the_page_lists_each_device_and_says_which_one_is_this(app, sign_in, member):
    laptop, phone = _browser(app, FIREFOX_WINDOWS), _browser(app, SAFARI_IPHONE)
    sign_in(member, target=laptop)
    sign_in(member, target=phone)
    page = laptop.get("/settings/sessions").text
    assert "Firefox on Windows" in page and "Mobile Safari on iOS (iPhone)" in page
    assert page.count("this device") == 1
    assert page.index("Firefox on Windows") < page.index("this device") < page.index("Mobile Safari")
    assert "in the last few minutes" in page


def test_last_seen_is_said_approximately(app, sign_in, member):
    laptop = _browser(app, FIREFOX_WINDOWS)
    sign_in(member, target=laptop)
    phone = _browser(app, SAFARI_IPHONE)
    sign_in(member, target=phone)
    with app.app_context():
        for detail in db.session.scalars(select(SessionDetail)):
            if "iPhone" in detail.user_agent:
                detail.last_seen_at = utcnow() - timedelta(hours=3)
        db.session.commit()
    page = laptop.get("/settings/sessions").text
    assert "3 hours ago" in page, page[page.index("session-list") :]


def test_signing_out_another_session_signs_that_browser_out_even_with_remember_me(app, sign_in, member):
    laptop, phone = _browser(app, FIREFOX_WINDOWS), _browser(app, SAFARI_IPHONE)
    sign_in(member, target=laptop)
    sign_in(member, target=phone, remember=True)
    assert phone.get("/settings/").status_code == 200
    laptop_session, phone_session = _session_ids(app, member)
    response = laptop.post(f"/settings/sessions/{phone_session}/end")
    assert response.status_code == 302
    assert "That session is signed out." in laptop.get("/settings/sessions").text
    assert phone.get("/settings/").status_code == 302  # signed out
    phone.delete_cookie("session")  # the remember-me cookie alone opens nothing either
    assert phone.get("/settings/").status_code == 302
    assert laptop.get("/settings/").status_code == 200
    assert _session_ids(app, member) == [laptop_session]


def test_this_session_is_not_ended_from_the_list(app, sign_in, member):
    laptop = _browser(app, FIREFOX_WINDOWS)
    sign_in(member, target=laptop)
    (own,) = _session_ids(app, member)
    laptop.post(f"/settings/sessions/{own}/end")
    assert laptop.get("/settings/").status_code == 200


def test_sign_out_everywhere_else_keeps_only_this_session(app, sign_in, member):
    browsers = [_browser(app, FIREFOX_WINDOWS) for _ in range(3)]
    for browser in browsers:
        sign_in(member, target=browser)
    page = browsers[0].post("/settings/sessions/end-others", follow_redirects=True).text
    assert "2 other sessions signed out." in page and "Sign out everywhere else" not in page
    assert [b.get("/settings/").status_code for b in browsers] == [200, 302, 302]


def test_someone_elses_session_cannot_be_ended_and_visitors_are_sent_to_sign_in(app, client, sign_in, member):
    with app.app_context():
        other = make_user().username
    stranger = _browser(app, SAFARI_IPHONE)
    sign_in(other, target=stranger)
    (their_session,) = _session_ids(app, other)
    assert client.get("/settings/sessions").status_code == 302
    assert client.post(f"/settings/sessions/{their_session}/end").status_code == 302
    sign_in(member)
    assert client.post(f"/settings/sessions/{their_session}/end").status_code == 404
    assert stranger.get("/settings/").status_code == 200


def test_the_sessions_page_costs_the_same_queries_for_more_sessions(
    app, client, sign_in, member, count_queries
):
    sign_in(member)
    counts = []
    for extra in (1, 4):
        for _ in range(extra):
            sign_in(member, target=_browser(app, SAFARI_IPHONE))
        with count_queries() as counter:
            assert client.get("/settings/sessions").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
