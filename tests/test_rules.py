"""Unit tests of the account rules: passwords, usernames, redirects, permissions."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community import permissions
from community.auth.identity import normalize_username, username_key, username_problem
from community.auth.models import AccountState, Role
from community.auth.passwords import common_passwords, password_problem
from community.auth.redirects import _is_local_path
from community.utils import utcnow


def test_the_common_password_list_is_large():
    assert len(common_passwords()) >= 10_000


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short", False),
        ("qwertyuiop", False),
        ("Password123", False),
        ("1234567890", False),
        ("a-long-and-rare-passphrase", True),
        ("x" * 257, False),
    ],
)
def test_password_rules(password, ok):
    assert (password_problem(password) is None) is ok


def test_password_may_not_be_username_or_email():
    assert password_problem("Caribbean-Agent", "caribbean-agent", "x@y.z")
    assert password_problem("amara.joseph@gov.lc", "amara", "amara.joseph@gov.lc")
    assert password_problem("amara.joseph", "amara", "amara.joseph@gov.lc")


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("amara-j", True),
        ("Kemar_B", True),
        ("ab", False),
        ("a" * 31, False),
        ("with space", False),
        ("zero\u200bwidth", False),
        ("cаfe", False),
        ("new\nline", False),
        ("admin", False),
    ],
)
def test_username_rules(raw, ok):
    assert (username_problem(normalize_username(raw)) is None) is ok


def test_usernames_compare_case_and_width_insensitively():
    assert username_key("ＫＥＭＡＲ") == username_key("kemar") == "kemar"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "\\\\evil.example",
        "http:/evil.example",
        " /x",
        "",
    ],
)
def test_next_guard_refuses_other_sites(target):
    assert not _is_local_path(target)


@given(
    st.lists(
        st.sampled_from(
            ["/", "//", "\\", "http:", "evil.example", "\t", "\n", "@", ".", "x", "%2f", "?", "#", ":"]
        ),
        max_size=8,
    ).map("".join)
)
def test_next_guard_never_lets_a_host_through(target):
    if _is_local_path(target):
        assert target.startswith("/") and not target.startswith("//")
        assert "\\" not in target and not any(ord(c) < 32 for c in target)


def _user(role=Role.MEMBER, state=AccountState.ACTIVE, confirmed=True, until=None, uid=1):
    return SimpleNamespace(
        id=uid,
        is_authenticated=True,
        role=role,
        state=state,
        confirmed_at=utcnow() if confirmed else None,
        suspended_until=until,
        approved_at=utcnow(),
    )


def test_who_may_post():
    from datetime import timedelta

    assert permissions.can_post(_user())
    assert not permissions.can_post(_user(confirmed=False))
    assert not permissions.can_post(_user(state=AccountState.BANNED))
    assert not permissions.can_post(_user(state=AccountState.SUSPENDED, until=utcnow() + timedelta(days=1)))
    assert permissions.can_post(_user(state=AccountState.SUSPENDED, until=utcnow() - timedelta(days=1)))
    assert not permissions.can_post(permissions.Visitor())


def test_roles():
    assert permissions.is_moderator(_user(Role.MODERATOR)) and permissions.is_moderator(_user(Role.ADMIN))
    assert not permissions.is_moderator(_user()) and not permissions.is_admin(_user(Role.MODERATOR))
    assert not permissions.is_moderator(permissions.Visitor())


def test_moderators_cannot_act_on_admins_or_themselves():
    moderator, admin = _user(Role.MODERATOR, uid=1), _user(Role.ADMIN, uid=2)
    assert permissions.can_act_on_member(moderator, _user(uid=3))
    assert not permissions.can_act_on_member(moderator, admin)
    assert not permissions.can_act_on_member(moderator, moderator)
    assert not permissions.can_act_on_member(_user(uid=4), _user(uid=3))
    assert permissions.can_change_role(admin, moderator) and not permissions.can_change_role(moderator, admin)


def test_list_visibility_in_sql_agrees_with_can_view_initiative(app):
    """forum.queries.visible_to writes can_view_initiative again in SQL: the two must agree for everyone."""
    from sqlalchemy import select

    from community.extensions import db
    from community.forum.models import Initiative
    from community.forum.queries import visible_to
    from tests.factories import make_initiative, make_user

    with app.app_context():
        author, other = make_user(), make_user()
        moderator = make_user(role=Role.MODERATOR)
        initiatives = [make_initiative(author=author) for _ in range(2)] + [make_initiative(author=other)]
        initiatives[1].is_hidden = True
        initiatives[2].is_hidden = True
        db.session.commit()
        for viewer in (permissions.Visitor(), author, other, moderator, make_user()):
            listed = set(db.session.scalars(visible_to(select(Initiative.id), viewer)))
            allowed = {i.id for i in initiatives if permissions.can_view_initiative(viewer, i)}
            assert listed == allowed, viewer


def test_member_actions_follow_the_accounts_standing(app):
    from tests.factories import make_user

    with app.app_context():
        moderator, member = make_user(role=Role.MODERATOR), make_user()
        actions = ("warn", "suspend", "ban", "lift")

        def allowed() -> set[str]:
            return {a for a in actions if permissions.can_sanction_member(moderator, member, a)}

        assert allowed() == {"warn", "suspend", "ban"}
        member.state = AccountState.BANNED
        assert allowed() == {"warn", "lift"}
        assert not permissions.can_sanction_member(member, moderator, "warn")
        assert not permissions.can_sanction_member(moderator, member, "delete")


def test_only_an_admin_purges_and_only_a_members_account(app):
    from tests.factories import make_user

    with app.app_context():
        admin, moderator, member = make_user(role=Role.ADMIN), make_user(role=Role.MODERATOR), make_user()
        assert permissions.can_purge_member(admin, member)
        assert not permissions.can_purge_member(admin, moderator)
        assert not permissions.can_purge_member(moderator, member)
        assert not permissions.can_change_role(admin, make_user(role=Role.ADMIN))


def test_a_member_may_flag_another_profile_but_not_their_own(app):
    from tests.factories import make_user

    with app.app_context():
        member, other = make_user(), make_user()
        assert permissions.can_flag(member, other) and not permissions.can_flag(member, member)
