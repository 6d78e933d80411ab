"""The rules of people, messages and watching, and the bylines' view of a member."""

from types import SimpleNamespace

import pytest

from community import permissions
from community.auth.models import AccountState, Role
from community.home.people import is_government_address, person
from community.permissions import Visitor
from community.utils import utcnow
from tests.factories import make_profile, make_user


def _user(**fields):
    values = {"id": 1, "is_authenticated": True, "confirmed_at": utcnow(), "approved_at": utcnow()}
    values |= {"state": AccountState.ACTIVE, "role": Role.MEMBER, "suspended_until": None, "is_listed": True}
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("sender", "member", "allowed"),
    [
        (_user(), _user(id=2), True),
        (_user(), _user(id=1), False),  # oneself
        (_user(), _user(id=2, is_listed=False), False),  # banned or waiting
        (_user(confirmed_at=None), _user(id=2), False),  # not confirmed
        (_user(state=AccountState.SUSPENDED), _user(id=2), False),
        (Visitor(), _user(id=2), False),
    ],
)
def test_who_may_write_to_whom(sender, member, allowed):
    assert permissions.can_message_member(sender, member) is allowed


@pytest.mark.parametrize(
    ("user", "participant", "flagged", "allowed"),
    [
        (_user(), object(), False, True),
        (_user(), None, False, False),
        (_user(), None, True, False),  # a member outside it, even once flagged
        (_user(role=Role.MODERATOR), None, False, False),  # moderators only once a message is flagged
        (_user(role=Role.MODERATOR), None, True, True),
        (Visitor(), None, True, False),
    ],
)
def test_who_may_read_a_conversation(user, participant, flagged, allowed):
    assert permissions.can_view_conversation(user, participant, flagged) is allowed


def test_only_confirmed_members_watch():
    assert permissions.can_watch(_user())
    assert not permissions.can_watch(_user(confirmed_at=None))
    assert not permissions.can_watch(Visitor())


@pytest.mark.parametrize(
    ("address", "verified"),
    [
        ("a@gov.lc", True),
        ("a@health.gov.jm", True),
        ("a@gov.lc.example", True),  # the demo's reserved addresses
        ("a@notgov.lc", False),
        ("a@gmail.com", False),
    ],
)
def test_government_addresses(app, address, verified):
    with app.app_context():
        assert is_government_address(address) is verified


def test_a_byline_shows_visitors_only_what_the_profile_shows_them(app):
    with app.test_request_context("/"), app.app_context():
        profile = make_profile(
            make_user(email="x@gov.tt"),
            display_name="Ravi Singh",
            job_title="Data lead",
            organization="MDT",
            country="TT",
        )
        member = make_user()
        visitor_view = person(profile.user, Visitor())
        member_view = person(profile.user, member)
        assert (visitor_view.name, visitor_view.details, visitor_view.picture) == (
            "Ravi Singh",
            "Trinidad & Tobago",
            False,
        )
        assert member_view.details == "Data lead, MDT, Trinidad & Tobago" and member_view.verified
