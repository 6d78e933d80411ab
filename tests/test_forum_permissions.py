"""Who may do what in the forum: the rules in permissions.py."""

from types import SimpleNamespace

import pytest

from community import permissions as p
from community.auth.models import AccountState, Role
from community.permissions import Visitor
from community.utils import utcnow


def _user(uid=1, role=Role.MEMBER, confirmed=True, state=AccountState.ACTIVE):
    return SimpleNamespace(
        id=uid, role=role, state=state, is_authenticated=True,
        confirmed_at=utcnow() if confirmed else None, suspended_until=None, approved_at=utcnow(),
    )  # fmt: skip


def _initiative(author_id=1, hidden=False, locked=False):
    return SimpleNamespace(author_id=author_id, is_hidden=hidden, is_locked=locked)


def _comment(author_id=1, hidden=False, deleted=False, locked=False):
    return SimpleNamespace(
        author_id=author_id, is_hidden=hidden, is_deleted=deleted, deleted_at=utcnow() if deleted else None,
        initiative=_initiative(locked=locked),
    )  # fmt: skip


AUTHOR, OTHER, MODERATOR = _user(1), _user(2), _user(3, role=Role.MODERATOR)
UNCONFIRMED, SUSPENDED = _user(4, confirmed=False), _user(5, state=AccountState.SUSPENDED)


@pytest.mark.parametrize(
    ("rule", "user", "thing", "allowed"),
    [
        (p.can_view_initiative, Visitor(), _initiative(), True),
        (p.can_view_initiative, Visitor(), _initiative(hidden=True), False),
        (p.can_view_initiative, OTHER, _initiative(hidden=True), False),
        (p.can_view_initiative, AUTHOR, _initiative(hidden=True), True),
        (p.can_view_initiative, MODERATOR, _initiative(hidden=True), True),
        (p.can_edit_initiative, AUTHOR, _initiative(), True),
        (p.can_edit_initiative, OTHER, _initiative(), False),
        (p.can_edit_initiative, MODERATOR, _initiative(), True),
        (p.can_edit_initiative, Visitor(), _initiative(), False),
        (p.can_comment, OTHER, _initiative(), True),
        (p.can_comment, OTHER, _initiative(locked=True), False),
        (p.can_comment, OTHER, _initiative(hidden=True), False),
        (p.can_comment, UNCONFIRMED, _initiative(), False),
        (p.can_comment, SUSPENDED, _initiative(), False),
        (p.can_comment, Visitor(), _initiative(), False),
        (p.can_edit_comment, AUTHOR, _comment(), True),
        (p.can_edit_comment, OTHER, _comment(), False),
        (p.can_edit_comment, MODERATOR, _comment(), False),
        (p.can_edit_comment, AUTHOR, _comment(deleted=True), False),
        (p.can_edit_comment, AUTHOR, _comment(locked=True), False),
        (p.can_delete_comment, AUTHOR, _comment(), True),
        (p.can_delete_comment, OTHER, _comment(), False),
        (p.can_react, OTHER, _initiative(), True),
        (p.can_react, AUTHOR, _initiative(), False),
        (p.can_react, OTHER, _comment(deleted=True), False),
        (p.can_react, Visitor(), _initiative(), False),
        (p.can_follow, UNCONFIRMED, _initiative(), True),
        (p.can_follow, Visitor(), _initiative(), False),
        (p.can_view_history, AUTHOR, _initiative(), True),
        (p.can_view_history, MODERATOR, _initiative(), True),
        (p.can_view_history, OTHER, _initiative(), False),
        (p.can_view_comment, OTHER, _comment(hidden=True), False),
        (p.can_view_comment, MODERATOR, _comment(hidden=True), True),
    ],
)
def test_forum_rules(rule, user, thing, allowed):
    assert rule(user, thing) is allowed


def test_a_former_members_post_has_no_author():
    assert p.is_author(OTHER, _initiative(author_id=None)) is False
