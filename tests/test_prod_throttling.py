"""Issue 13.4 and 13.2: registration and e-mail changes throttled; the sign-in limit keys on the account."""

from tests.factories import DEFAULT_PASSWORD, get_user, make_user


def _register(client, email, username, ip="203.0.113.9"):
    data = {"email": email, "username": username, "password": DEFAULT_PASSWORD, "confirm": DEFAULT_PASSWORD}
    return client.post("/auth/register", data=data, environ_base={"REMOTE_ADDR": ip})


def test_one_address_cannot_be_registered_again_and_again(app, client, rate_limits, outbox):
    for number in range(3):
        assert (
            _register(client, "Inbox@Gov.example", f"name{number}", ip=f"198.51.100.{number}").status_code
            == 302
        )
    # From yet another address, written differently: still the same inbox.
    assert _register(client, "inbox@gov.example", "name9", ip="198.51.100.77").status_code == 429
    assert len(outbox.to("inbox@gov.example")) <= 3


def test_registration_is_throttled_per_ip_even_when_it_succeeds(app, client, rate_limits):
    for number in range(10):
        assert _register(client, f"person{number}@gov.example", f"person{number}").status_code == 302
    assert _register(client, "person99@gov.example", "person99").status_code == 429
    assert _register(client, "person99@gov.example", "person99", ip="192.0.2.5").status_code == 302


def test_email_change_requests_are_throttled(app, client, signed_in_member, rate_limits, outbox):
    for number in range(3):
        data = {"email": f"victim{number}@mail.example", "password": DEFAULT_PASSWORD}
        assert client.post("/settings/email", data=data).status_code == 302
    data = {"email": "victim@mail.example", "password": DEFAULT_PASSWORD}
    assert client.post("/settings/email", data=data).status_code == 429
    assert outbox.to("victim@mail.example") == []


def test_only_the_account_that_asked_confirms_its_new_address(app, client, sign_in, outbox):
    with app.app_context():
        make_user(username="asker")
        make_user(username="other")
    sign_in("asker")
    data = {"email": "new.home@gov.example", "password": DEFAULT_PASSWORD}
    assert client.post("/settings/email", data=data).status_code == 302
    [message] = outbox.to("new.home@gov.example")
    link = outbox.link(message, "/settings/email/confirm/")
    client.post("/auth/logout")
    sign_in("other")
    assert client.post(link).status_code == 400
    with app.app_context():
        assert get_user("asker").email != "new.home@gov.example"
    client.post("/auth/logout")
    sign_in("asker")
    assert client.post(link).status_code == 302
    with app.app_context():
        assert get_user("asker").email == "new.home@gov.example"


def _fail(client, identifier, ip):
    data = {"identifier": identifier, "password": "wrong-password!"}
    return client.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": ip})


def test_sign_in_by_email_and_by_username_count_together(app, client, rate_limits):
    with app.app_context():
        make_user(username="target", email="target@gov.example")
    for attempt in range(5):
        identifier = "target" if attempt % 2 else "Target@Gov.example"
        assert _fail(client, identifier, ip=f"198.51.100.{attempt}").status_code == 200
    assert _fail(client, "target@gov.example", ip="198.51.100.99").status_code == 429
    assert _fail(client, "target", ip="198.51.100.98").status_code == 429
