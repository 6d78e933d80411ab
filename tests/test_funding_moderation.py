"""Members flag a funding call; moderators hide it (never delete it) and restore it."""

from sqlalchemy import func, select

from community.auth.models import Role
from community.extensions import db
from community.funding.models import Call
from community.moderation.models import Flag
from tests.factories import make_user
from tests.funding_helpers import make_call, make_partner


def test_a_member_flags_a_call_and_a_moderator_hides_it(app, client, sign_in):
    with app.app_context():
        partner = make_partner()
        call_id = make_call(partner, title="Dubious fund").id
        member, moderator = make_user().username, make_user(role=Role.MODERATOR).username
    sign_in(member)
    assert "/moderation/flag/call/" in client.get(f"/funding/{call_id}").get_data(as_text=True)
    response = client.post(f"/moderation/flag/call/{call_id}", data={"reason": "spam", "text": ""})
    assert response.status_code == 302
    client.post("/auth/logout")
    sign_in(moderator)
    assert "Dubious fund" in client.get("/moderation/").get_data(as_text=True)
    hidden = client.post(f"/moderation/call/{call_id}/hide", data={"reason": "Not a real funder"})
    assert hidden.status_code == 302
    with app.app_context():
        call = db.session.get(Call, call_id)
        assert call.is_hidden and db.session.scalar(select(func.count(Flag.id))) == 1
    client.post("/auth/logout")
    assert client.get(f"/funding/{call_id}").status_code == 404
    assert "Dubious fund" not in client.get("/funding/").get_data(as_text=True)
    sign_in(_username(app, call_id))
    page = client.get(f"/funding/{call_id}").get_data(as_text=True)
    assert "Hidden by moderators" in page


def _username(app, call_id: int) -> str:
    with app.app_context():
        return db.session.get(Call, call_id).author.username


def test_a_member_may_not_hide_a_call(app, client, sign_in):
    with app.app_context():
        call_id, member = make_call().id, make_user().username
    sign_in(member)
    assert client.post(f"/moderation/call/{call_id}/hide", data={"reason": "x"}).status_code == 403


def test_calls_are_found_in_their_own_search_tab_until_hidden(app, client):
    with app.app_context():
        call = make_call(title="Mangrove restoration fund", summary="Grants for coastal resilience.")
        call_id = call.id
    page = client.get("/search?q=mangrove&kind=call").get_data(as_text=True)
    assert "Funding calls" in page and f"/funding/{call_id}" in page
    with app.app_context():
        call = db.session.get(Call, call_id)
        call.is_hidden = True
        db.session.commit()
    assert f"/funding/{call_id}" not in client.get("/search?q=mangrove&kind=call").get_data(as_text=True)
