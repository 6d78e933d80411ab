"""Unit tests of the funding rules and services: who may what, status from the dates, zones, bad input."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from community import permissions
from community.auth.models import AccountState, Role
from community.funding import vocabulary as v
from community.funding.errors import FundingError
from community.funding.models import Call
from community.funding.services import check_call, to_utc
from community.utils import utcnow
from tests.funding_helpers import call_data


def _user(user_id=1, role=Role.MEMBER):
    now = utcnow()
    return SimpleNamespace(
        id=user_id, role=role, state=AccountState.ACTIVE, is_authenticated=True, confirmed_at=now,
        approved_at=now, suspended_until=None,
    )  # fmt: skip


def _initiative(author_id=1, hidden=False):
    return SimpleNamespace(author_id=author_id, is_hidden=hidden)


def _offer(user_id=2, state="accepted", author_id=1):
    return SimpleNamespace(user_id=user_id, state=state, initiative=_initiative(author_id))


def test_moderators_and_partner_organisations_post_calls_and_members_do_not():
    assert permissions.can_post_call(_user(role=Role.MODERATOR), None)
    assert permissions.can_post_call(_user(), object())
    assert not permissions.can_post_call(_user(), None)
    assert not permissions.can_post_call(permissions.Visitor(), object())


def test_only_the_author_of_the_initiative_decides_a_pending_offer():
    assert permissions.can_decide_offer(_user(1), _offer(state="pending"))
    assert not permissions.can_decide_offer(_user(3), _offer(state="pending"))
    assert not permissions.can_decide_offer(_user(1), _offer(state="accepted"))


def test_nobody_offers_to_join_their_own_or_a_hidden_initiative_or_twice():
    assert permissions.can_offer_to_join(_user(2), _initiative(1), None)
    assert not permissions.can_offer_to_join(_user(1), _initiative(1), None)
    assert not permissions.can_offer_to_join(_user(2), _initiative(1, hidden=True), None)
    assert not permissions.can_offer_to_join(_user(2), _initiative(1), _offer())


def test_the_author_and_accepted_partners_may_post_progress_updates():
    initiative = _initiative(1)
    assert permissions.can_post_update(_user(1), initiative, None)
    assert permissions.can_post_update(_user(2), initiative, _offer(2, "accepted"))
    assert not permissions.can_post_update(_user(2), initiative, _offer(2, "pending"))
    assert not permissions.can_post_update(_user(3), initiative, _offer(2, "accepted"))
    assert not permissions.can_post_update(permissions.Visitor(), initiative, None)


@pytest.mark.parametrize(
    ("opens", "closes", "status"),
    [
        (1, 30, v.Status.UPCOMING),
        (-1, 30, v.Status.OPEN),
        (-1, 14, v.Status.CLOSING),
        (-1, 0.1, v.Status.CLOSING),
        (-30, -0.001, v.Status.CLOSED),
    ],
)
def test_the_status_follows_the_dates(opens, closes, status):
    now = datetime(2027, 3, 1, 12)
    call = Call(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes))
    assert call.status(now) == status


def test_dates_are_read_in_the_calls_zone_and_stored_in_utc():
    assert to_utc(datetime(2027, 1, 15, 17, 0), "America/Barbados") == datetime(2027, 1, 15, 21, 0)
    assert to_utc(datetime(2027, 7, 1, 12, 0), "Europe/Brussels") == datetime(2027, 7, 1, 10, 0)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"closes": datetime(2020, 1, 1)}, "closes"),
        ({"amount_min": -1}, "amount_min"),
        ({"amount_min": 10, "amount_max": 5}, "amount_max"),
        ({"currency": "XYZ"}, "currency"),
        ({"apply_url": "javascript:alert(1)"}, "apply_url"),
        ({"apply_url": "https://"}, "apply_url"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"countries": [], "whole_region": False}, "countries"),
        ({"sectors": ["mining"]}, "sectors"),
    ],
)
def test_a_bad_call_is_refused_naming_the_field(app, change, field):
    with app.test_request_context(), pytest.raises(FundingError) as refused:
        check_call(call_data(**change))
    assert refused.value.field == field


def test_currencies_are_iso_4217_from_babel():
    assert v.is_currency("XCD") and v.is_currency("EUR") and not v.is_currency("XYZ")
    assert not v.is_currency("")
