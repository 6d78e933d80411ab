"""Sign-in throttling, per account and per address, with a 429 page that says when to retry."""

import uuid

import pytest
import redis

from community import create_app
from community.extensions import db, limiter
from tests.factories import DEFAULT_PASSWORD, make_user


def _fail(client, identifier, ip="203.0.113.7"):
    return client.post(
        "/auth/login",
        data={"identifier": identifier, "password": "wrong-password!"},
        environ_base={"REMOTE_ADDR": ip},
    )


def test_sign_in_is_throttled_per_account(app, client, rate_limits):
    with app.app_context():
        make_user(username="target")
    for attempt in range(5):
        assert _fail(client, "target", ip=f"198.51.100.{attempt}").status_code == 200
    response = _fail(client, "TARGET", ip="198.51.100.99")  # from yet another address
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many attempts" in page and "seconds, then try again" in page
    assert int(response.headers["Retry-After"]) > 0


def test_sign_in_is_throttled_per_address(app, client, rate_limits):
    for attempt in range(20):
        assert _fail(client, f"someone{attempt}").status_code == 200
    assert _fail(client, "someone-new").status_code == 429
    assert _fail(client, "someone-new", ip="192.0.2.200").status_code == 200


def test_successful_sign_ins_do_not_count(app, client, rate_limits, sign_in):
    with app.app_context():
        make_user(username="regular")
    for _ in range(8):
        assert sign_in("regular").status_code == 302
        client.post("/auth/logout")


def test_registration_and_reset_are_throttled(client, rate_limits):
    for _ in range(5):
        client.post("/auth/reset", data={"email": "x@gov.example"})
    assert client.post("/auth/reset", data={"email": "x@gov.example"}).status_code == 429


def test_counters_live_in_redis_when_redis_url_is_set(app, monkeypatch, tmp_path):
    url = "redis://127.0.0.1:6379/15"
    connection = redis.Redis.from_url(url)
    connection.ping()  # Redis runs on this machine and CI's: a failure here is a real failure
    monkeypatch.setenv("REDIS_URL", url)
    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    redis_app = create_app(
        {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    )
    assert redis_app.config["RATELIMIT_STORAGE_URI"] == url
    try:
        _fail(redis_app.test_client(), "redis-probe")
        keys = connection.keys(f"*{redis_app.config['RATELIMIT_KEY_PREFIX']}*")
        assert keys, "no rate-limit counter was written to Redis"
    finally:
        with redis_app.app_context():
            db.engine.dispose()
        limiter.reset()
        limiter.init_app(app)  # back to the suite's in-memory storage
        limiter.enabled = False


@pytest.mark.parametrize("password", [DEFAULT_PASSWORD])
def test_throttled_account_can_still_reset_its_password(app, client, rate_limits, outbox, password):
    with app.app_context():
        make_user(username="locked-out", email="locked@gov.example", password=password)
    for _ in range(6):
        _fail(client, "locked-out")
    assert client.post("/auth/reset", data={"email": "locked@gov.example"}).status_code == 200
    assert outbox.to("locked@gov.example")
