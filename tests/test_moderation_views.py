"""Moderation through HTTP: who may, flags, the queue, actions, the audit log, bad input."""

import pytest
from sqlalchemy import func, select

from community.auth.models import AccountState, Role, UserSession
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.moderation.models import Action, AuditEntry, Flag, FlagState
from community.notifications.models import Notification
from tests.factories import get_user, make_comment, make_initiative, make_lab, make_user


def _audit(action: Action) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.fixture
def moderator(app):
    with app.app_context():
        return make_user(username="mod", role=Role.MODERATOR).username


@pytest.fixture
def case(app):
    """An initiative with a comment, by two members; ids and usernames."""
    with app.app_context():
        initiative = make_initiative(make_user(username="author"), title="A registry of farmers")
        comment = make_comment(initiative, make_user(username="commenter"), body="Buy cheap watches")
        return {"initiative": initiative.id, "comment": comment.id}


MODERATION_GETS = [
    "/moderation/",
    "/moderation/audit",
    "/moderation/alerts",
    "/moderation/initiative/{i}/hide",
    "/moderation/initiative/{i}/move",
    "/moderation/members/{u}",
    "/moderation/members/{u}/warn",
    "/moderation/members/{u}/purge",
]
MODERATION_POSTS = [
    "/moderation/initiative/{i}/hide",
    "/moderation/comment/{c}/hide",
    "/moderation/initiative/{i}/lock",
    "/moderation/initiative/{i}/dismiss",
    "/moderation/initiative/{i}/move",
    "/moderation/members/{u}/suspend",
    "/moderation/members/{u}/ban",
    "/moderation/members/{u}/role",
    "/moderation/members/{u}/purge",
]


def _urls(app, case, urls):
    with app.app_context():
        user_id = get_user("author").id
    return [url.format(i=case["initiative"], c=case["comment"], u=user_id) for url in urls]


def test_every_moderation_route_sends_a_visitor_to_sign_in(app, client, case):
    for url in _urls(app, case, MODERATION_GETS):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.location, url
    for url in _urls(app, case, MODERATION_POSTS):
        response = client.post(url, data={"reason": "x", "days": "3", "role": "moderator"})
        assert response.status_code == 302 and "/auth/login" in response.location, url


def test_every_moderation_route_refuses_a_member(app, client, sign_in, case, member):
    sign_in(member)
    for url in _urls(app, case, MODERATION_GETS):
        assert client.get(url).status_code == 403, url
    for url in _urls(app, case, MODERATION_POSTS):
        assert client.post(url, data={"reason": "x", "days": "3", "role": "moderator"}).status_code == 403, (
            url
        )
    with app.app_context():
        assert db.session.scalar(select(func.count(AuditEntry.id))) == 0
        assert not db.session.get(Initiative, case["initiative"]).is_hidden


def test_a_member_flags_an_initiative_once_and_it_shows_in_the_queue(
    app, client, sign_in, case, member, moderator
):
    sign_in(member)
    page = client.get(f"/initiatives/{case['initiative']}")
    assert f"/moderation/flag/initiative/{case['initiative']}" in page.text
    for _ in range(2):
        response = client.post(
            f"/moderation/flag/initiative/{case['initiative']}", data={"reason": "spam", "text": "ads"}
        )
        assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(Flag.id))) == 1
    client.post("/auth/logout")
    sign_in(moderator)
    queue = client.get("/moderation/")
    assert queue.status_code == 200
    assert (
        "A registry of farmers" in queue.text
        and "Spam or advertising (1)" in queue.text
        and "ads" in queue.text
    )


def test_other_without_text_or_a_forged_kind_is_refused(app, client, sign_in, case, member):
    sign_in(member)
    response = client.post(f"/moderation/flag/initiative/{case['initiative']}", data={"reason": "other"})
    assert response.status_code == 200 and "Say what is wrong." in response.text
    assert (
        client.post(f"/moderation/flag/initiative/{case['initiative']}", data={"reason": "bogus"}).status_code
        == 200
    )
    assert (
        client.post(f"/moderation/flag/poll/{case['initiative']}", data={"reason": "spam"}).status_code == 404
    )
    assert client.post("/moderation/flag/initiative/999999", data={"reason": "spam"}).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count(Flag.id))) == 0


def test_a_member_cannot_flag_their_own_initiative(client, sign_in, case):
    sign_in("author")
    assert (
        client.post(f"/moderation/flag/initiative/{case['initiative']}", data={"reason": "spam"}).status_code
        == 403
    )


def test_enough_flags_hide_content_at_once(app, client, sign_in, case):
    app.config["MODERATION_AUTO_HIDE_FLAGS"] = 2
    try:
        for name in ("flagger1", "flagger2"):
            with app.app_context():
                make_user(username=name)
            sign_in(name)
            client.post(f"/moderation/flag/comment/{case['comment']}", data={"reason": "spam"})
            client.post("/auth/logout")
    finally:
        app.config["MODERATION_AUTO_HIDE_FLAGS"] = 3
    with app.app_context():
        comment = db.session.get(Comment, case["comment"])
        assert comment.is_hidden and comment.initiative.comment_count == 0
        assert len(_audit(Action.AUTO_HIDE)) == 1
        assert db.session.scalar(select(func.count(Flag.id)).where(Flag.state == FlagState.OPEN)) == 2


def test_a_moderator_hides_and_restores_and_the_author_is_told(app, client, sign_in, case, moderator):
    sign_in(moderator)
    url = f"/moderation/initiative/{case['initiative']}"
    missing = client.post(url + "/hide", data={"reason": " "})
    assert missing.status_code == 400 and "Give a reason" in missing.text
    assert client.post(url + "/hide", data={"reason": "Advertising"}).status_code == 302
    again = client.post(url + "/hide", data={"reason": "Advertising"})
    assert again.status_code == 400 and "already hidden" in again.text
    with app.app_context():
        initiative = db.session.get(Initiative, case["initiative"])
        assert initiative.is_hidden and initiative.hidden_by_id == get_user("mod").id
        notices = list(
            db.session.scalars(
                select(Notification).where(
                    Notification.user_id == get_user("author").id, Notification.kind.like("moderation-%")
                )
            )
        )
        assert [n.kind for n in notices] == ["moderation-hidden"] and "Advertising" in notices[0].subject
    assert client.post(url + "/restore", data={"reason": ""}).status_code == 302
    with app.app_context():
        assert not db.session.get(Initiative, case["initiative"]).is_hidden
        assert [e.reason for e in _audit(Action.HIDE)] == ["Advertising"]
        assert len(_audit(Action.RESTORE)) == 1


def test_hidden_content_is_gone_for_members_and_marked_for_author_and_moderators(
    app, client, sign_in, case, moderator, member
):
    sign_in(moderator)
    client.post(f"/moderation/initiative/{case['initiative']}/hide", data={"reason": "Spam"})
    client.post(f"/moderation/comment/{case['comment']}/hide", data={"reason": "Spam"})
    assert "Hidden by moderators" in client.get(f"/initiatives/{case['initiative']}").text
    assert "A registry of farmers" in client.get("/initiatives/").text
    client.post("/auth/logout")
    sign_in(member)
    assert "A registry of farmers" not in client.get("/initiatives/").text
    assert "A registry of farmers" not in client.get("/feeds/initiatives.atom").text
    assert "A registry of farmers" not in client.get("/members/author").text
    assert client.get(f"/initiatives/{case['initiative']}").status_code == 404
    client.post("/auth/logout")
    sign_in("author")
    page = client.get(f"/initiatives/{case['initiative']}")
    assert page.status_code == 200 and "Hidden by moderators" in page.text


def test_hidden_comment_is_a_placeholder_for_other_members(app, client, sign_in, case, moderator, member):
    sign_in(moderator)
    client.post(f"/moderation/comment/{case['comment']}/hide", data={"reason": "Spam"})
    client.post("/auth/logout")
    sign_in(member)
    page = client.get(f"/initiatives/{case['initiative']}")
    assert "Buy cheap watches" not in page.text and "Comment hidden by the moderators." in page.text


@pytest.mark.parametrize(
    ("action", "attribute", "value"),
    [("lock", "is_locked", True), ("pin", "is_pinned", True)],
)
def test_lock_and_pin_and_their_reverse(app, client, sign_in, case, moderator, action, attribute, value):
    sign_in(moderator)
    url = f"/moderation/initiative/{case['initiative']}/"
    assert client.post(url + action).status_code == 302
    with app.app_context():
        assert getattr(db.session.get(Initiative, case["initiative"]), attribute) is value
    assert client.post(url + "un" + action).status_code == 302
    assert client.post(url + "un" + action).status_code == 400
    with app.app_context():
        assert getattr(db.session.get(Initiative, case["initiative"]), attribute) is not value
        assert {e.action for e in db.session.scalars(select(AuditEntry))} == {
            Action(action),
            Action("un" + action),
        }


def test_lock_applies_to_initiatives_only(client, sign_in, case, moderator):
    sign_in(moderator)
    assert client.post(f"/moderation/comment/{case['comment']}/lock").status_code == 400


def test_a_moderator_moves_an_initiative(app, client, sign_in, case, moderator):
    from tests.forum_helpers import category_id

    with app.app_context():
        target = category_id("agriculture")
    sign_in(moderator)
    assert (
        client.post(
            f"/moderation/initiative/{case['initiative']}/move", data={"category": target}
        ).status_code
        == 302
    )
    same = client.post(f"/moderation/initiative/{case['initiative']}/move", data={"category": target})
    assert "already in this category" in same.text
    assert (
        client.post(f"/moderation/initiative/{case['initiative']}/move", data={"category": "x"}).status_code
        == 200
    )
    with app.app_context():
        assert db.session.get(Initiative, case["initiative"]).category_id == target
        assert len(_audit(Action.MOVE)) == 1


def test_a_moderator_edit_is_kept_in_history_and_audited(app, client, sign_in, case, moderator):
    from tests.forum_helpers import category_id, initiative_form

    with app.app_context():
        category = category_id("digital-identity")
    sign_in(moderator)
    response = client.post(
        f"/initiatives/{case['initiative']}/edit", data=initiative_form(category, title="A better title")
    )
    assert response.status_code == 302
    with app.app_context():
        assert [e.summary for e in _audit(Action.EDIT)] == ["A better title"]


def test_dismissing_flags_closes_them(app, client, sign_in, case, member, moderator):
    sign_in(member)
    client.post(f"/moderation/flag/comment/{case['comment']}", data={"reason": "abuse"})
    client.post("/auth/logout")
    sign_in(moderator)
    assert client.post(f"/moderation/comment/{case['comment']}/dismiss").status_code == 302
    assert "No open flag" in client.get("/moderation/").text
    assert client.post(f"/moderation/comment/{case['comment']}/dismiss").status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Flag.state)) == FlagState.DISMISSED
        assert len(_audit(Action.DISMISS)) == 1


def test_suspended_member_is_told_and_cannot_post(app, client, sign_in, case, moderator):
    sign_in(moderator)
    with app.app_context():
        user_id = get_user("commenter").id
    refused = client.post(f"/moderation/members/{user_id}/suspend", data={"reason": "Spam", "days": "0"})
    assert refused.status_code == 400
    assert (
        client.post(f"/moderation/members/{user_id}/suspend", data={"reason": "", "days": "3"}).status_code
        == 400
    )
    assert (
        client.post(
            f"/moderation/members/{user_id}/suspend", data={"reason": "Spam", "days": "3"}
        ).status_code
        == 302
    )
    again = client.post(f"/moderation/members/{user_id}/suspend", data={"reason": "Spam", "days": "3"})
    assert "already suspended" in again.text
    client.post("/auth/logout")
    sign_in("commenter")
    client.post(f"/initiatives/{case['initiative']}/comments", data={"body": "Again!", "language": "en"})
    with app.app_context():
        assert db.session.scalar(select(func.count(Comment.id)).where(Comment.body == "Again!")) == 0
        assert get_user("commenter").state == AccountState.SUSPENDED
        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == user_id)).all()
        assert kinds == ["moderation-suspended"]
        assert len(_audit(Action.SUSPEND)) == 1


def test_banned_member_loses_sessions_and_cannot_sign_in(app, client, sign_in, case, moderator):
    other = app.test_client()
    sign_in("commenter", target=other)
    assert other.get("/settings/password").status_code == 200
    sign_in(moderator)
    with app.app_context():
        user_id = get_user("commenter").id
    assert (
        client.post(f"/moderation/members/{user_id}/ban", data={"reason": "Spam account"}).status_code == 302
    )
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(UserSession.id)).where(UserSession.user_id == user_id)) == 0
        )
    assert other.get("/settings/password").status_code == 302
    assert sign_in("commenter", target=app.test_client()).status_code != 302
    assert client.post(f"/moderation/members/{user_id}/ban", data={"reason": "x"}).status_code == 400
    assert client.post(f"/moderation/members/{user_id}/lift", data={"reason": ""}).status_code == 302
    assert sign_in("commenter", target=app.test_client()).status_code == 302
    with app.app_context():
        assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
            Action.BAN,
            Action.LIFT,
        ]


def test_a_warning_reaches_the_member(app, client, sign_in, case, moderator):
    sign_in(moderator)
    with app.app_context():
        user_id = get_user("author").id
    assert client.post(f"/moderation/members/{user_id}/warn", data={"reason": ""}).status_code == 400
    assert (
        client.post(f"/moderation/members/{user_id}/warn", data={"reason": "Mind the tone"}).status_code
        == 302
    )
    with app.app_context():
        subjects = db.session.scalars(
            select(Notification.subject).where(
                Notification.user_id == user_id, Notification.kind == "moderation-warned"
            )
        ).all()
        assert subjects == ["Mind the tone"] and len(_audit(Action.WARN)) == 1


def test_a_moderator_cannot_act_on_an_admin(app, client, sign_in, moderator):
    with app.app_context():
        admin = make_user(username="boss", role=Role.ADMIN)
        initiative = make_initiative(admin)
        ids = (admin.id, initiative.id)
    sign_in(moderator)
    assert client.post(f"/moderation/members/{ids[0]}/ban", data={"reason": "x"}).status_code == 403
    assert client.post(f"/moderation/initiative/{ids[1]}/hide", data={"reason": "x"}).status_code == 400
    with app.app_context():
        assert get_user("boss").state == AccountState.ACTIVE
        assert not db.session.get(Initiative, ids[1]).is_hidden
        assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def test_admins_promote_and_demote_moderators(app, client, sign_in, member, moderator):
    with app.app_context():
        make_user(username="boss", role=Role.ADMIN)
        user_id = get_user(member).id
    sign_in(moderator)
    assert client.post(f"/moderation/members/{user_id}/role", data={"role": "moderator"}).status_code == 403
    client.post("/auth/logout")
    sign_in("boss")
    client.post(f"/moderation/members/{user_id}/role", data={"role": "moderator"})
    with app.app_context():
        assert get_user(member).role == Role.MODERATOR
    client.post(f"/moderation/members/{user_id}/role", data={"role": "member"})
    client.post(f"/moderation/members/{user_id}/role", data={"role": "admin"})
    with app.app_context():
        assert get_user(member).role == Role.MEMBER
        assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
            Action.PROMOTE,
            Action.DEMOTE,
        ]


def test_the_audit_log_filters_and_survives_bad_filters(app, client, sign_in, case, moderator):
    sign_in(moderator)
    client.post(f"/moderation/initiative/{case['initiative']}/lock")
    client.post(f"/moderation/comment/{case['comment']}/hide", data={"reason": "Spam"})
    page = client.get("/moderation/audit?action=hide")
    assert page.status_code == 200 and "Spam" in page.text and "Lock" not in page.text.split("<table")[1]
    assert "Spam" in client.get("/moderation/audit?member=commenter").text
    assert "<table" not in client.get("/moderation/audit?member=nobody").text
    assert client.get("/moderation/audit?action=explode&page=abc").status_code == 200
    assert client.get("/moderation/audit?page=-3").status_code == 404
    assert client.get("/moderation/audit?moderator=" + "x" * 300).status_code == 200


def test_the_database_refuses_to_rewrite_the_audit_log(app, client, sign_in, case, moderator):
    sign_in(moderator)
    client.post(f"/moderation/initiative/{case['initiative']}/lock")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry))
        entry.reason = "nothing happened"
        with pytest.raises(Exception, match="append-only"):
            db.session.commit()
        db.session.rollback()


def test_labs_and_profiles_can_be_flagged_and_proposals_show_in_the_queue(
    app, client, sign_in, member, moderator
):
    with app.app_context():
        lab = make_lab(name="Coral reef lab")
        proposal = make_lab(name="Proposed lab", approve=False)
        lab_id, slug, author_id = lab.id, lab.slug, make_user(username="someone").id
        assert proposal.is_proposed
    sign_in(member)
    assert f"/moderation/flag/lab/{lab_id}" in client.get(f"/labs/{slug}").text
    assert f"/moderation/flag/member/{author_id}" in client.get("/members/someone").text
    client.post(f"/moderation/flag/lab/{lab_id}", data={"reason": "off-topic"})
    client.post(f"/moderation/flag/member/{author_id}", data={"reason": "abuse"})
    client.post("/auth/logout")
    sign_in(moderator)
    queue = client.get("/moderation/").text
    assert "Coral reef lab" in queue and "@someone" in queue and "Proposed lab" in queue


def _flag_many(count: int) -> None:
    for _ in range(count):
        initiative = make_initiative()
        comment = make_comment(initiative)
        for target, kind in ((initiative, "initiative"), (comment, "comment")):
            db.session.add(
                Flag(reporter_id=make_user().id, target_kind=kind, target_id=target.id, reason="spam")
            )
    db.session.commit()


def test_the_queue_costs_the_same_number_of_queries_for_more_flags(
    app, client, sign_in, moderator, count_queries
):
    sign_in(moderator)
    counts = []
    for size in (1, 5):
        with app.app_context():
            _flag_many(size)
        with count_queries() as counter:
            assert client.get("/moderation/").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_hidden_content_leaves_search_and_restored_content_returns(app, client, sign_in, case, moderator):
    initiative_link = f'href="/initiatives/{case["initiative"]}"'

    def found(query: str, kind: str = "initiative") -> bool:
        page = client.get(f"/search?q={query}&kind={kind}").text
        return initiative_link in page or f"#comment-{case['comment']}" in page

    assert found("registry") and found("watches", "comment")
    sign_in(moderator)
    url = f"/moderation/initiative/{case['initiative']}"
    assert client.post(url + "/hide", data={"reason": "Spam"}).status_code == 302
    client.post("/auth/logout")
    assert not found("registry")
    assert not found("watches", "comment")  # its comments follow it
    sign_in(moderator)
    assert client.post(url + "/restore", data={"reason": ""}).status_code == 302
    assert found("registry") and found("watches", "comment")


def test_an_admin_changes_a_role_and_reads_it_in_their_language(app, client, sign_in):
    with app.app_context():
        admin = make_user(role=Role.ADMIN).username
        target = make_user(username="promoted")
        target_id = target.id
    sign_in(admin)
    page = client.post(
        f"/moderation/members/{target_id}/role", data={"role": "moderator"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "@promoted is now a moderator." in page
    with app.app_context():
        assert get_user("promoted").role == Role.MODERATOR
