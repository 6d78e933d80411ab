"""Issue 13.8: mail is a row written with the change that causes it, delivered by a worker that retries.

A real SMTP server (aiosmtpd) on 127.0.0.1: first nothing listens (connections refused), then a server
that answers "try later", then one that accepts. Nothing is lost, no request fails.
"""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from community.auth.models import Role
from community.extensions import db
from community.outbox import services as outbox_services
from community.outbox.models import OutgoingMail
from tests.factories import get_user, make_lab, make_user


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    def __init__(self, answer: str = "250 OK"):
        self.answer = answer
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):
        if self.answer.startswith("250"):
            self.received.append(envelope)
        return self.answer


@pytest.fixture
def smtp(app, monkeypatch):
    """SMTP settings pointing at a port where, for now, nothing listens."""
    port = _free_port()
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    servers = []

    def start(handler):
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return handler

    yield start
    for controller in servers:
        controller.stop()


def _rows(app) -> list[OutgoingMail]:
    with app.app_context():
        rows = list(db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)))
        db.session.expunge_all()
        return rows


def _make_due(app) -> None:
    with app.app_context():
        db.session.execute(update(OutgoingMail).values(next_attempt_at=OutgoingMail.created_at))
        db.session.commit()


def _worker_once(app) -> str:
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_request_that_mails_succeeds_and_queues_while_smtp_refuses(app, client, smtp):
    with app.app_context():
        make_user(username="forgetful", email="forgetful@gov.example")
    assert client.post("/auth/reset", data={"email": "forgetful@gov.example"}).status_code == 200
    [row] = _rows(app)
    assert row.recipient == "forgetful@gov.example" and row.sent_at is None and row.attempts == 0


def test_lab_approval_and_decline_do_not_fail_when_smtp_is_down(app, client, sign_in, smtp):
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
        first = make_lab(name="Coastal data lab", approve=False)
        second = make_lab(name="Blue economy lab", approve=False)
        first_slug, second_slug = first.slug, second.slug
    sign_in("mod")
    assert client.post(f"/labs/{first_slug}/approve").status_code in (302, 303)
    response = client.post(f"/labs/{second_slug}/decline", data={"reason": "Too close to another lab."})
    assert response.status_code in (302, 303)
    assert len(_rows(app)) == 2


def test_messages_stay_queued_while_smtp_is_down_and_leave_when_it_is_back(app, client, smtp):
    with app.app_context():
        make_user(username="forgetful", email="forgetful@gov.example")
    for _ in range(3):
        client.post("/auth/reset", data={"email": "forgetful@gov.example"})
    assert "deferred 1" in _worker_once(app)  # connection refused: the pass stops at the first
    first = _rows(app)[0]
    assert first.attempts == 1 and first.sent_at is None and "Connection" in first.last_error
    assert first.next_attempt_at >= first.created_at + timedelta(seconds=app.config["MAIL_RETRY_BASE"] - 1)

    _make_due(app)
    busy = smtp(Collector("421 Service not available, try later"))
    assert "deferred" in _worker_once(app)
    assert busy.received == [] and all(row.sent_at is None for row in _rows(app))
    assert max(row.attempts for row in _rows(app)) == 2
    # The second failure waits twice as long as the first (exponential backoff).
    with app.app_context():
        assert outbox_services.backoff(2) == 2 * outbox_services.backoff(1)


def test_nothing_is_lost_through_an_outage(app, client, smtp):
    with app.app_context():
        make_user(username="forgetful", email="forgetful@gov.example")
    for _ in range(3):
        client.post("/auth/reset", data={"email": "forgetful@gov.example"})
    for _ in range(3):  # an hour of outage, the worker trying again and again
        _worker_once(app)
        _make_due(app)
    assert len(_rows(app)) == 3 and all(row.sent_at is None and row.failed_at is None for row in _rows(app))
    server = smtp(Collector())
    _make_due(app)
    assert "sent 3" in _worker_once(app)
    assert len(server.received) == 3
    assert all(row.sent_at is not None for row in _rows(app))
    assert {envelope.rcpt_tos[0] for envelope in server.received} == {"forgetful@gov.example"}
    assert "sent 0" in _worker_once(app)  # each message leaves once


def test_a_rolled_back_change_sends_nothing(app):
    from community.mail import send_mail

    with app.app_context():
        send_mail("someone@gov.example", "Hello", "email_taken", locale="en", email="someone@gov.example")
        db.session.rollback()
        assert db.session.scalar(select(func.count(OutgoingMail.id))) == 0


def test_a_message_refused_for_good_is_kept_and_marked_failed(app, client, smtp):
    smtp(Collector("550 No such mailbox"))
    with app.app_context():
        make_user(username="forgetful", email="forgetful@gov.example")
    client.post("/auth/reset", data={"email": "forgetful@gov.example"})
    assert "failed 1" in _worker_once(app)
    [row] = _rows(app)
    assert row.failed_at is not None and row.sent_at is None and "550" in row.last_error
    with app.app_context():
        assert get_user("forgetful") is not None
