"""Issue 13.3: behind a trusted proxy each visitor has their own address (and per-address limits)."""

import pytest
from flask import request

from community import create_app
from community.extensions import db, limiter


@pytest.fixture
def make_app(app):
    """A second app on the suite's database, with its own settings; the suite's limiter is restored."""
    made = []

    def make(**settings):
        other = create_app(
            {"TESTING": True, "WTF_CSRF_ENABLED": False, "PAGE_CACHE_SECONDS": 0, **settings}
            | {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}
        )
        other.add_url_rule("/_whoami", "whoami", lambda: f"{request.remote_addr} {request.scheme}")
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()
    limiter.init_app(app)
    limiter.enabled = False


def _whoami(application, forwarded_for: str, proto: str = "https") -> str:
    headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": proto}
    response = application.test_client().get(
        "/_whoami", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    )
    return response.get_data(as_text=True)


def test_without_the_setting_forwarded_headers_are_ignored(make_app):
    assert _whoami(make_app(), "203.0.113.5") == "127.0.0.1 http"


def test_with_one_trusted_proxy_the_client_address_and_scheme_are_used(make_app):
    application = make_app(TRUSTED_PROXIES=1)
    assert _whoami(application, "203.0.113.5") == "203.0.113.5 https"
    # A visitor's own X-Forwarded-For is not believed: only the address the proxy added is.
    assert _whoami(application, "10.9.9.9, 203.0.113.6") == "203.0.113.6 https"


def test_per_address_limits_count_each_visitor_behind_the_proxy(make_app):
    application = make_app(TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, LOGIN_LIMITS_PER_IP="3 per minute")
    limiter.enabled = True
    limiter.reset()
    client = application.test_client()

    def fail(visitor: str, number: int) -> int:
        data = {"identifier": f"nobody{visitor}{number}", "password": "wrong-password!"}
        headers = {"X-Forwarded-For": visitor}
        return client.post(
            "/auth/login", data=data, headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"}
        ).status_code

    assert [fail("203.0.113.5", n) for n in range(4)] == [200, 200, 200, 429]
    assert fail("203.0.113.6", 0) == 200  # another visitor through the same proxy
    limiter.reset()
