"""The admin-only purge of a spam account: its posts go, replies to them stay, the log keeps it."""

from sqlalchemy import func, select

from community.auth.models import Role, User
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.moderation.models import Action, AuditEntry, Flag, FlagState
from tests.factories import get_user, make_comment, make_initiative, make_user


def _arrange():
    spammer = make_user(username="spammer")
    spam = make_initiative(spammer, title="Cheap watches")
    honest = make_initiative(make_user(username="honest"), title="A real initiative")
    spam_comment = make_comment(honest, spammer, body="Buy now")
    reply = make_comment(honest, get_user("honest"), body="Please stop", parent=spam_comment)
    db.session.add(
        Flag(reporter_id=get_user("honest").id, target_kind="initiative", target_id=spam.id, reason="spam")
    )
    db.session.commit()
    return {"spammer": spammer.id, "honest": honest.id, "reply": reply.id}


def test_an_admin_purges_a_spam_account(app, client, sign_in):
    with app.app_context():
        make_user(username="boss", role=Role.ADMIN)
        ids = _arrange()
    sign_in("boss")
    assert client.post(f"/moderation/members/{ids['spammer']}/purge", data={"reason": ""}).status_code == 400
    response = client.post(f"/moderation/members/{ids['spammer']}/purge", data={"reason": "Spam bot"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, ids["spammer"]) is None
        assert db.session.scalar(select(func.count(Initiative.id))) == 1
        reply = db.session.get(Comment, ids["reply"])
        assert reply is not None and reply.parent_id is None
        assert db.session.get(Initiative, ids["honest"]).comment_count == 1
        assert db.session.scalar(select(Flag.state)) == FlagState.ACTIONED
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == Action.PURGE))
        assert entry.reason == "Spam bot" and "@spammer" in entry.summary and entry.member_id is None
    assert "@spammer" in client.get("/moderation/audit").text


def test_a_moderator_cannot_purge_and_an_admin_cannot_purge_a_moderator(app, client, sign_in):
    with app.app_context():
        make_user(username="boss", role=Role.ADMIN)
        make_user(username="mod", role=Role.MODERATOR)
        make_user(username="mod2", role=Role.MODERATOR)
        ids = _arrange()
        mod2 = get_user("mod2").id
    sign_in("mod")
    assert client.post(f"/moderation/members/{ids['spammer']}/purge", data={"reason": "x"}).status_code == 403
    client.post("/auth/logout")
    sign_in("boss")
    refused = client.post(f"/moderation/members/{mod2}/purge", data={"reason": "x"})
    assert refused.status_code == 400 and "only a member" in refused.text
    with app.app_context():
        assert db.session.get(User, ids["spammer"]) is not None and db.session.get(User, mod2) is not None
        assert db.session.scalar(select(func.count(AuditEntry.id))) == 0
