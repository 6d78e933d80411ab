"""Issue 13.1: "member" means a confirmed, approved, active account, tested from outside."""

import pytest

from community import permissions
from community.extensions import db
from community.profiles import services
from community.profiles.models import EmailVisibility, VisitorView
from tests.factories import DEFAULT_PASSWORD, get_user, make_profile, make_user


def _owner(app):
    with app.app_context():
        user = make_user(username="owner", email="owner@gov.jm.example")
        make_profile(
            user,
            display_name="Kemar Brown",
            organization="Treasury",
            country="JM",
            expertise=["procurement"],
            bio="Secret **bio**",
        )
        services.set_privacy(user, EmailVisibility.MEMBERS, VisitorView.SUMMARY)


def _register(client, email="stranger@mail.example", username="stranger"):
    data = {"email": email, "username": username, "password": DEFAULT_PASSWORD, "confirm": DEFAULT_PASSWORD}
    assert client.post("/auth/register", data=data).status_code == 302


def _assert_sees_what_visitors_see(client):
    page = client.get("/members/owner").get_data(as_text=True)
    for private in ("owner@gov.jm.example", "Treasury", "<strong>bio</strong>"):
        assert private not in page
    # The members' filters find nothing private: the organization matches only for members.
    assert "Kemar Brown" not in client.get("/members/?q=treasury").get_data(as_text=True)
    assert "Kemar Brown" not in client.get("/members/?expertise=procurement").get_data(as_text=True)
    assert "Kemar Brown" not in client.get("/search?q=treasury&kind=member").get_data(as_text=True)


def test_an_unconfirmed_account_sees_only_what_visitors_see(app, client, sign_in):
    _owner(app)
    _register(client)
    assert sign_in("stranger").status_code == 302
    assert "Kemar Brown" in client.get("/members/owner").get_data(as_text=True)
    _assert_sees_what_visitors_see(client)


def test_an_account_awaiting_approval_sees_only_what_visitors_see(app, client, sign_in, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "MEMBERSHIP_VETTING", True)
    _owner(app)
    _register(client)
    [message] = outbox.to("stranger@mail.example")
    assert client.post(outbox.link(message, "/auth/confirm/")).status_code == 302
    assert sign_in("stranger").status_code == 302
    _assert_sees_what_visitors_see(client)


def test_a_confirmed_approved_member_sees_the_members_view(app, client, sign_in):
    _owner(app)
    with app.app_context():
        make_user(username="reader")
    sign_in("reader")
    page = client.get("/members/owner").get_data(as_text=True)
    assert "owner@gov.jm.example" in page and "Treasury" in page
    assert "Kemar Brown" in client.get("/members/?q=treasury").get_data(as_text=True)


@pytest.mark.parametrize("change", ["unconfirmed", "pending", "suspended", "banned"])
def test_the_member_rule_needs_confirmed_approved_and_active(app, change):
    from community.auth.models import AccountState

    with app.app_context():
        user = make_user(username="someone")
        assert permissions.is_member(user)
        if change == "unconfirmed":
            user.confirmed_at = None
        elif change == "pending":
            user.approved_at = None
        else:
            user.state = AccountState(change)
        assert not permissions.is_member(user)
        db.session.rollback()
        assert get_user("someone") is not None
