"""Private messages through HTTP: write, reply, read, refuse, block, report, download, delete."""

import json

from sqlalchemy import func, select

from community.extensions import db
from community.messages import services
from community.messages.models import Conversation, Message
from community.moderation.models import Flag
from community.notifications.models import Notification
from tests.factories import DEFAULT_PASSWORD, add_member, get_user, make_lab, make_profile, make_user


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _people(app, *names):
    with app.app_context():
        for name in names:
            make_profile(
                make_user(username=name), display_name=name.title() + " Person", job_title="Director"
            )


def test_a_member_writes_to_another_who_reads_and_replies(app, client, sign_in):
    _people(app, "ana", "ben")
    sign_in("ana")
    response = client.post(
        "/messages/new", data={"to": "ben", "subject": "Your case", "body": "Hello **Ben**"}
    )
    assert response.status_code == 302
    url = response.headers["Location"]
    with app.app_context():
        ben = get_user("ben")
        assert services.unread_count(ben) == 1
        assert db.session.scalar(select(Notification.kind).where(Notification.user_id == ben.id)) == "message"
    client.post("/auth/logout")
    sign_in("ben")
    assert '<span class="count-badge">1' in client.get("/notifications").get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "<strong>Ben</strong>" in page and "Ana Person" in page
    assert client.post(url, data={"body": "Thanks, Ana"}).status_code == 302
    with app.app_context():
        assert services.unread_count(get_user("ben")) == 0
        assert services.unread_count(get_user("ana")) == 1
    assert "Your case" in client.get("/messages/").get_data(as_text=True)


def test_a_conversation_is_not_found_by_someone_outside_it(app, client, sign_in):
    _people(app, "ana", "ben", "cat")
    with app.app_context():
        conversation = services.start_conversation(get_user("ana"), [get_user("ben")], "Private", "Just us")
        url = f"/messages/{conversation.id}"
    sign_in("cat")
    assert client.get(url).status_code == 404
    assert client.post(url, data={"body": "Let me in"}).status_code == 404
    assert client.get("/messages/999999").status_code == 404


def test_a_visitor_is_sent_to_sign_in(client):
    assert client.get("/messages/").status_code == 302
    assert client.get("/messages/new").status_code == 302


def test_a_conversation_of_eleven_people_is_refused_and_nothing_is_stored(app, client, sign_in):
    names = [f"p{number}" for number in range(11)]
    _people(app, *names)
    sign_in("p0")
    response = client.post("/messages/new", data={"to": ", ".join(names[1:]), "subject": "All", "body": "Hi"})
    assert response.status_code == 200
    assert "at most 10 people" in response.get_data(as_text=True)
    with app.app_context():
        assert _count(Conversation) == 0 and _count(Message) == 0


def test_an_unknown_recipient_is_named_next_to_the_field(app, client, sign_in):
    _people(app, "ana")
    sign_in("ana")
    response = client.post("/messages/new", data={"to": "nobody-here", "subject": "Hi", "body": "Hi"})
    assert response.status_code == 200
    assert "No member is called nobody-here" in response.get_data(as_text=True)


def test_a_member_who_blocked_you_does_not_receive_your_messages(app, client, sign_in):
    _people(app, "ana", "ben")
    sign_in("ben")
    assert client.post("/messages/block/ana").status_code == 302
    client.post("/auth/logout")
    sign_in("ana")
    response = client.post("/messages/new", data={"to": "ben", "subject": "Hi", "body": "Hi"})
    assert "does not accept your messages" in response.get_data(as_text=True)
    with app.app_context():
        assert _count(Message) == 0


def test_a_member_may_accept_messages_only_from_people_of_their_labs(app, client, sign_in):
    _people(app, "ana", "ben", "cat")
    with app.app_context():
        lab = make_lab(lead=get_user("ben"))
        add_member(lab, get_user("cat"))
    sign_in("ben")
    client.post("/messages/settings", data={"shared_labs_only": "y"})
    client.post("/auth/logout")
    sign_in("ana")
    refused = client.post("/messages/new", data={"to": "ben", "subject": "Hi", "body": "Hi"})
    assert "only from members of their labs" in refused.get_data(as_text=True)
    client.post("/auth/logout")
    sign_in("cat")
    assert client.post("/messages/new", data={"to": "ben", "subject": "Hi", "body": "Hi"}).status_code == 302


def test_newcomers_send_only_a_few_messages_an_hour(app, client, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "NEWCOMER_POSTS_PER_HOUR", 3)
    _people(app, "ana", "ben")
    sign_in("ana")
    statuses = [
        client.post("/messages/new", data={"to": "ben", "subject": f"S{n}", "body": f"B{n}"}).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 200]


def test_a_reported_message_opens_its_conversation_to_moderators_and_nothing_else(app, client, sign_in):
    from community.auth.models import Role

    _people(app, "ana", "ben")
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
        first = services.start_conversation(get_user("ana"), [get_user("ben")], "Rude", "Something rude")
        other = services.start_conversation(get_user("ana"), [get_user("ben")], "Fine", "Something fine")
        message_id = db.session.scalar(select(Message.id).where(Message.conversation_id == first.id))
        flagged_url, other_url = f"/messages/{first.id}", f"/messages/{other.id}"
    sign_in("mod")
    assert client.get(flagged_url).status_code == 404
    client.post("/auth/logout")
    sign_in("ben")
    response = client.post(f"/moderation/flag/message/{message_id}", data={"reason": "abuse", "text": ""})
    assert response.status_code == 302
    client.post("/auth/logout")
    sign_in("mod")
    assert "Something rude" in client.get(flagged_url).get_data(as_text=True)
    assert client.get(other_url).status_code == 404
    with app.app_context():
        assert _count(Flag) == 1


def test_an_outsider_cannot_report_a_message_of_a_conversation_they_are_not_in(app, client, sign_in):
    _people(app, "ana", "ben", "cat")
    with app.app_context():
        conversation = services.start_conversation(get_user("ana"), [get_user("ben")], "S", "B")
        message_id = db.session.scalar(select(Message.id).where(Message.conversation_id == conversation.id))
    sign_in("cat")
    assert client.get(f"/moderation/flag/message/{message_id}").status_code == 404


def test_messages_are_in_the_data_download_and_go_with_the_account(app, client, sign_in):
    _people(app, "ana", "ben")
    with app.app_context():
        services.start_conversation(get_user("ana"), [get_user("ben")], "Subject A", "Body A")
    sign_in("ana")
    data = json.loads(client.get("/settings/export/download").get_data(as_text=True))
    assert data["messages"]["conversations"][0]["messages"][0]["markdown"] == "Body A"
    client.post("/settings/delete", data={"password": DEFAULT_PASSWORD, "understood": "y"})
    with app.app_context():
        assert get_user("ana") is None
        assert _count(Message) == 0


def test_the_profile_offers_a_message_button(app, client, sign_in):
    _people(app, "ana", "ben")
    sign_in("ana")
    page = client.get("/members/ben").get_data(as_text=True)
    assert "/messages/new?to=ben" in page


def test_a_moderator_hides_a_reported_message(app, client, sign_in):
    from community.auth.models import Role

    _people(app, "ana", "ben")
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
        conversation = services.start_conversation(get_user("ana"), [get_user("ben")], "Spam", "Buy now")
        message_id = db.session.scalar(select(Message.id).where(Message.conversation_id == conversation.id))
        url = f"/messages/{conversation.id}"
    sign_in("ben")
    client.post(f"/moderation/flag/message/{message_id}", data={"reason": "spam", "text": ""})
    client.post("/auth/logout")
    sign_in("mod")
    assert "Buy now" in client.get("/moderation/").get_data(as_text=True)
    response = client.post(f"/moderation/message/{message_id}/hide", data={"reason": "spam"})
    assert response.status_code == 302
    client.post("/auth/logout")
    sign_in("ben")
    assert "Message hidden by the moderators." in client.get(url).get_data(as_text=True)
