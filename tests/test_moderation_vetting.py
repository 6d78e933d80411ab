"""Vetted membership, first posts held for approval, and the link limit, through HTTP."""

import pytest
from sqlalchemy import select

from community.auth.models import Role
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.moderation.first_posts import count_links
from community.moderation.models import Action, AuditEntry
from community.notifications.models import Notification
from tests.factories import DEFAULT_PASSWORD, get_user, make_comment, make_initiative, make_user
from tests.forum_helpers import category_id, initiative_form


def _form(app, **changes) -> dict:
    with app.app_context():
        return initiative_form(category_id(), **changes)


def _audit(action: Action) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _register(client, email, username="applicant"):
    data = {"email": email, "username": username, "password": DEFAULT_PASSWORD, "confirm": DEFAULT_PASSWORD}
    assert client.post("/auth/register", data=data).status_code == 302


def _confirm(client, outbox, email):
    [message] = outbox.to(email)
    assert client.post(outbox.link(message, "/auth/confirm/")).status_code == 302


@pytest.fixture
def vetting(app, monkeypatch):
    monkeypatch.setitem(app.config, "MEMBERSHIP_VETTING", True)
    monkeypatch.setitem(app.config, "MEMBERSHIP_AUTO_APPROVED_DOMAINS", ("gov.lc",))


@pytest.fixture
def moderator_client(app, sign_in):
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
    moderator = app.test_client()
    sign_in("mod", target=moderator)
    return moderator


# Vetted membership


def test_without_vetting_a_new_account_takes_part_at_once(app, client, outbox, sign_in):
    _register(client, "someone@example.org")
    _confirm(client, outbox, "someone@example.org")
    sign_in("applicant")
    assert client.get("/initiatives/new").status_code == 200
    with app.app_context():
        assert get_user("applicant").approved_at is not None


def test_existing_and_cli_accounts_are_approved(app, vetting):
    with app.app_context():
        assert make_user(username="made").approved_at is not None


def test_with_vetting_a_new_member_waits_and_sees_only_the_waiting_page(
    app, client, outbox, sign_in, vetting
):
    _register(client, "someone@example.org")
    _confirm(client, outbox, "someone@example.org")
    assert sign_in("applicant").status_code == 302
    for url in ("/", "/initiatives/new", "/settings/", "/notifications/", "/search?q=x"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "waits for approval" in response.get_data(as_text=True)
    assert client.get("/moderation/waiting").status_code == 200
    response = client.post("/initiatives/new", data=_form(app))
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Initiative)) is None
    assert client.post("/auth/logout").status_code == 302


def test_a_confirmed_address_in_an_approved_domain_or_subdomain_is_approved_at_once(
    app, client, outbox, sign_in, vetting
):
    _register(client, "agent@ict.gov.lc", "civil-servant")
    with app.app_context():
        assert get_user("civil-servant").approved_at is None  # not before the address is proved
    _confirm(client, outbox, "agent@ict.gov.lc")
    with app.app_context():
        assert get_user("civil-servant").approved_at is not None
        [entry] = _audit(Action.APPROVE)
        assert entry.moderator_id is None and entry.summary == "@civil-servant"
    sign_in("civil-servant")
    assert client.get("/initiatives/new").status_code == 200


def test_a_lookalike_domain_is_not_approved(app, client, outbox, vetting):
    _register(client, "agent@notgov.lc")
    _confirm(client, outbox, "agent@notgov.lc")
    with app.app_context():
        assert get_user("applicant").approved_at is None


def test_a_moderator_approves_a_waiting_member_who_is_told(
    app, client, outbox, sign_in, vetting, moderator_client
):
    _register(client, "someone@example.org")
    _confirm(client, outbox, "someone@example.org")
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "@applicant" in page and "someone@example.org" in page
    with app.app_context():
        user_id = get_user("applicant").id
    assert moderator_client.post(f"/moderation/applicants/{user_id}/approve").status_code == 302
    with app.app_context():
        assert get_user("applicant").approved_at is not None
        [entry] = _audit(Action.APPROVE)
        assert entry.moderator.username == "mod" and entry.member_id == user_id
        assert db.session.scalar(select(Notification).where(Notification.user_id == user_id))
    assert any("approved" in outbox.body(m) for m in outbox.to("someone@example.org"))
    sign_in("applicant")
    assert client.get("/initiatives/new").status_code == 200
    assert f'id="applicant-{user_id}"' not in moderator_client.get("/moderation/").get_data(as_text=True)
    # approving twice: a message, nothing changed
    moderator_client.post(f"/moderation/applicants/{user_id}/approve")
    with app.app_context():
        assert len(_audit(Action.APPROVE)) == 1


def test_a_moderator_declines_with_a_reason_that_is_mailed_and_the_account_is_erased(
    app, client, outbox, vetting, moderator_client
):
    _register(client, "someone@example.org")
    with app.app_context():
        user_id = get_user("applicant").id
    moderator_client.post(f"/moderation/applicants/{user_id}/decline", data={"reason": ""})
    with app.app_context():
        assert get_user("applicant") is not None  # a reason is required
    response = moderator_client.post(
        f"/moderation/applicants/{user_id}/decline", data={"reason": "Not a public servant"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert get_user("applicant") is None
        [entry] = _audit(Action.DECLINE)
        assert entry.reason == "Not a public servant" and entry.summary == "@applicant"
    assert any("Not a public servant" in outbox.body(m) for m in outbox.to("someone@example.org"))


def test_members_cannot_review_applicants(app, client, sign_in, vetting):
    _register(client, "someone@example.org")
    with app.app_context():
        user_id = get_user("applicant").id
        make_user(username="plain")
    other = app.test_client()
    assert other.post(f"/moderation/applicants/{user_id}/approve").status_code == 302  # to sign in
    sign_in("plain", target=other)
    assert other.post(f"/moderation/applicants/{user_id}/approve").status_code == 403
    assert other.post(f"/moderation/applicants/{user_id}/forged").status_code in (403, 404)
    with app.app_context():
        assert get_user("applicant").approved_at is None


# First posts need approval


@pytest.fixture
def held(app, monkeypatch):
    monkeypatch.setitem(app.config, "FIRST_POSTS_NEED_APPROVAL", True)
    monkeypatch.setitem(app.config, "FIRST_POSTS_HELD", 2)


def test_first_posts_are_visible_at_once_when_the_setting_is_off(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative(make_user(username="newbie"), title="Open data portal")
        assert not initiative.is_hidden and not initiative.awaiting_approval


def test_first_posts_wait_hidden_then_show_after_approval(app, client, sign_in, held, moderator_client):
    with app.app_context():
        newbie = make_user(username="newbie")
        host = make_initiative(get_user("mod"), title="Shared registry")  # a moderator's post shows at once
        host_id = host.id
        first = make_initiative(newbie, title="Cassava cooperative")
        comment = make_comment(host, newbie, body="Our cassava pilot went well")
        third = make_initiative(newbie, title="Third post shows at once")
        first_id, comment_id = first.id, comment.id
        assert first.awaiting_approval and first.is_hidden and comment.awaiting_approval
        assert not third.is_hidden
        assert not db.session.scalars(select(Notification).where(Notification.kind == "comment")).all()
        make_user(username="reader")
    reader = app.test_client()
    sign_in("reader", target=reader)
    assert reader.get(f"/initiatives/{first_id}").status_code == 404
    assert "Cassava cooperative" not in reader.get("/initiatives").get_data(as_text=True)
    assert "cassava pilot" not in reader.get(f"/initiatives/{host_id}").get_data(as_text=True)
    assert f"/initiatives/{first_id}" not in reader.get("/search?q=cassava").get_data(as_text=True)
    sign_in("newbie")
    page = client.get(f"/initiatives/{first_id}").get_data(as_text=True)
    assert "Awaiting approval" in page
    queue = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "Cassava cooperative" in queue and "Awaiting approval" in moderator_client.get(
        f"/initiatives/{first_id}"
    ).get_data(as_text=True)

    assert moderator_client.post(f"/moderation/first-posts/initiative/{first_id}/approve").status_code == 302
    assert moderator_client.post(f"/moderation/first-posts/comment/{comment_id}/approve").status_code == 302
    assert reader.get(f"/initiatives/{first_id}").status_code == 200
    assert "cassava pilot" in reader.get(f"/initiatives/{host_id}").get_data(as_text=True)
    assert f"/initiatives/{first_id}" in reader.get("/search?q=cassava").get_data(as_text=True)
    with app.app_context():
        assert len(_audit(Action.APPROVE)) == 2
        follower_id = get_user("mod").id
        # the follower hears of the comment now that it shows
        assert db.session.scalar(
            select(Notification).where(Notification.user_id == follower_id, Notification.kind == "comment")
        )
        assert db.session.get(Comment, comment_id).initiative.comment_count == 1


def test_a_held_post_says_so_to_its_author(app, client, signed_in_member, held):
    response = client.post("/initiatives/new", data=_form(app), follow_redirects=True)
    assert "checked by a moderator" in response.get_data(as_text=True)


def test_the_queue_costs_the_same_queries_for_more_waiting_items(app, held, moderator_client, count_queries):
    with app.app_context():
        host_id = make_initiative(get_user("mod")).id

    def add(number):
        with app.app_context():
            host = db.session.get(Initiative, host_id)
            for _ in range(number):
                author = make_user()
                make_initiative(author)
                make_comment(host, author)
                applicant = make_user()
                applicant.approved_at = None
                db.session.commit()

    add(1)
    with count_queries() as small:
        assert moderator_client.get("/moderation/").status_code == 200
    add(4)
    with count_queries() as large:
        page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert (
        page.count('id="applicant-') == 5
        and page.count('id="held-comment-') == 5
        and page.count('id="held-initiative-') == 5
    )
    assert large.count == small.count


def test_a_rejected_first_post_stays_hidden_and_its_author_reads_why(app, held, moderator_client):
    with app.app_context():
        post_id = make_initiative(make_user(username="newbie"), title="Cheap watches").id
    url = f"/moderation/first-posts/initiative/{post_id}/reject"
    moderator_client.post(url, data={"reason": ""})
    with app.app_context():
        assert db.session.get(Initiative, post_id).awaiting_approval  # a reason is required
    assert moderator_client.post(url, data={"reason": "Advertising"}).status_code == 302
    with app.app_context():
        post = db.session.get(Initiative, post_id)
        assert post.is_hidden and not post.awaiting_approval
        [entry] = _audit(Action.REJECT)
        assert entry.reason == "Advertising"
        assert db.session.scalar(select(Notification).where(Notification.kind == "post-rejected"))
    assert moderator_client.post(url, data={"reason": "again"}).status_code == 302  # not waiting: a message
    assert moderator_client.post("/moderation/first-posts/forged/1/approve").status_code == 404
    assert moderator_client.post("/moderation/first-posts/initiative/999999/approve").status_code == 404


def test_moderators_first_posts_are_not_held(app, held):
    with app.app_context():
        assert not make_initiative(make_user(username="boss", role=Role.MODERATOR)).is_hidden


# The link limit


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("no link here", 0),
        ("see https://a.example and www.b.example", 2),
        ("[one](https://a.example) and <https://b.example> and https://c.example", 3),
        ("[same](https://a.example) counted once", 1),
    ],
)
def test_links_are_counted(text, count):
    assert count_links(text) == count


def test_too_many_links_in_a_first_post_is_refused_next_to_the_body(app, client, signed_in_member):
    body = "See https://a.example, https://b.example and [c](https://c.example)"
    response = client.post("/initiatives/new", data=_form(app, body=body))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "at most 2 links" in page and 'aria-invalid="true"' in page
    with app.app_context():
        assert db.session.scalar(select(Initiative)) is None
        host_id = make_initiative(title="Host").id
    response = client.post(f"/initiatives/{host_id}/comments", data={"body": body, "language": "en"})
    assert response.status_code == 400 and "at most 2 links" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Comment)) is None
    ok = client.post("/initiatives/new", data=_form(app, body="Only https://a.example"))
    assert ok.status_code == 302


def test_the_link_limit_ends_after_the_first_posts(app, client, signed_in_member, monkeypatch):
    monkeypatch.setitem(app.config, "FIRST_POSTS_LINK_LIMITED", 1)
    with app.app_context():
        make_initiative(get_user(signed_in_member), title="Earlier")
    body = "https://a.example https://b.example https://c.example"
    response = client.post("/initiatives/new", data=_form(app, body=body))
    assert response.status_code == 302


def test_a_waiting_applicant_is_not_listed_anywhere(app, client, outbox, vetting, moderator_client):
    _register(client, "applicant@elsewhere.example")
    _confirm(client, outbox, "applicant@elsewhere.example")
    assert 'href="/members/applicant"' not in moderator_client.get("/members/?q=applicant").text
    assert 'href="/members/applicant"' not in client.get("/search?q=applicant&kind=member").text
