"""The lab rules as a matrix: who may view, manage, join and leave a lab in each state."""

from types import SimpleNamespace

import pytest

from community import permissions
from community.auth.models import AccountState, Role
from community.labs.models import Lab, LabMembership, LabRole, LabStatus, MembershipState
from community.permissions import Visitor
from community.utils import utcnow


def _user(role=Role.MEMBER, confirmed=True, state=AccountState.ACTIVE, user_id=7):
    return SimpleNamespace(
        id=user_id,
        is_authenticated=True,
        role=role,
        state=state,
        confirmed_at=utcnow() if confirmed else None,
        suspended_until=None,
        approved_at=utcnow(),
    )


def _lab(status=LabStatus.ACTIVE, proposed_by_id=1):
    return Lab(status=status, proposed_by_id=proposed_by_id)


LEAD = LabMembership(role=LabRole.LEAD, state=MembershipState.ACTIVE)
MEMBER = LabMembership(role=LabRole.MEMBER, state=MembershipState.ACTIVE)
PENDING = LabMembership(role=LabRole.MEMBER, state=MembershipState.PENDING)

PEOPLE = {
    "visitor": (Visitor(), None),
    "outsider": (_user(), None),
    "pending": (_user(), PENDING),
    "member": (_user(), MEMBER),
    "lead": (_user(), LEAD),
    "suspended lead": (_user(state=AccountState.SUSPENDED), LEAD),
    "unconfirmed lead": (_user(confirmed=False), LEAD),
    "moderator": (_user(Role.MODERATOR), None),
    "admin": (_user(Role.ADMIN), None),
}


@pytest.mark.parametrize(
    ("who", "manage", "join", "leave"),
    [
        ("visitor", False, False, False),
        ("outsider", False, True, False),
        ("pending", False, False, True),
        ("member", False, False, True),
        ("lead", True, False, True),
        ("suspended lead", False, False, True),
        ("unconfirmed lead", False, False, True),
        ("moderator", True, True, False),
        ("admin", True, True, False),
    ],
)
def test_rules_in_an_active_lab(who, manage, join, leave):
    user, membership = PEOPLE[who]
    lab = _lab()
    assert permissions.can_view_lab(user, lab)
    assert permissions.can_manage_lab(user, lab, membership) is manage
    assert permissions.can_join_lab(user, lab, membership) is join
    assert permissions.can_leave_lab(user, lab, membership) is leave


@pytest.mark.parametrize("who", list(PEOPLE))
def test_an_archived_lab_is_read_only_but_for_moderators(who):
    user, membership = PEOPLE[who]
    lab = _lab(LabStatus.ARCHIVED)
    assert permissions.can_view_lab(user, lab)
    assert permissions.can_join_lab(user, lab, membership) is False
    assert permissions.can_manage_lab(user, lab, membership) is (who in ("moderator", "admin"))
    assert permissions.can_change_lab_status(user, lab) is (who in ("moderator", "admin"))


def test_a_proposal_is_seen_by_its_proposer_and_moderators_only():
    lab = _lab(LabStatus.PROPOSED, proposed_by_id=7)
    assert permissions.can_view_lab(_user(user_id=7), lab)
    assert not permissions.can_view_lab(_user(user_id=8), lab)
    assert not permissions.can_view_lab(Visitor(), lab)
    assert permissions.can_view_lab(_user(Role.MODERATOR, user_id=9), lab)
    assert not permissions.can_manage_lab(_user(user_id=7), lab, LEAD)  # not before approval
    assert not permissions.can_change_lab_status(_user(Role.ADMIN), lab)  # reviewed, not archived


def test_only_confirmed_members_propose_and_only_moderators_review():
    assert permissions.can_propose_lab(_user())
    assert not permissions.can_propose_lab(_user(confirmed=False))
    assert not permissions.can_propose_lab(Visitor())
    assert permissions.can_review_lab_proposals(_user(Role.MODERATOR))
    assert not permissions.can_review_lab_proposals(_user())


def test_lab_rules_are_template_globals(app):
    for name in ("can_view_lab", "can_manage_lab", "can_join_lab", "can_leave_lab", "can_propose_lab"):
        assert name in app.jinja_env.globals
