"""A member's home through HTTP: getting started, watching, the dashboard, notifications of watched posts."""

from sqlalchemy import select

from community.extensions import db
from community.home.models import Watch
from community.notifications.models import Notification
from tests.factories import (
    add_member,
    get_lab,
    get_user,
    make_comment,
    make_initiative,
    make_profile,
    make_user,
)
from tests.funding_helpers import make_partner


def _finish_onboarding(client):
    who = {"display_name": "Shanice Clarke", "job_title": "Chief Digital Officer", "country": "LC"}
    client.post("/welcome", data={**who, "organization": "Ministry of the Public Service"})
    with client.application.app_context():
        lab_id = str(get_lab().id)
    client.post("/welcome", data={"labs": [lab_id]})
    return client.post("/welcome", data={"categories": ["digital-identity"], "countries": ["JM"], "tags": ""})


def test_a_new_member_is_welcomed_and_guided_through_getting_started(app, client, sign_in):
    with app.app_context():
        make_user(username="newbie")
    response = sign_in("newbie")
    assert response.headers["Location"] == "/welcome"
    page = client.get("/welcome").get_data(as_text=True)
    assert "Welcome, newbie." in page and "Welcome back" not in page
    assert "Get started" in page and "Who you are" in page
    assert _finish_onboarding(client).status_code == 302
    with app.app_context():
        user = get_user("newbie")
        assert user.profile.job_title == "Chief Digital Officer"
        kinds = sorted(
            w.kind.value for w in db.session.scalars(select(Watch).where(Watch.user_id == user.id))
        )
        assert kinds == ["category", "country", "lab"]
    client.post("/auth/logout")
    assert sign_in("newbie").headers["Location"] == "/"
    assert "Welcome back" in client.get("/").get_data(as_text=True)


def test_getting_started_can_be_skipped_and_resumed(app, client, sign_in):
    with app.app_context():
        make_user(username="busy")
    sign_in("busy")
    client.post("/welcome/skip")
    page = client.get("/").get_data(as_text=True)
    assert "Your home" in page and "Finish getting started" in page
    assert "Who you are" in client.get("/welcome").get_data(as_text=True)


def test_a_new_initiative_in_a_watched_lab_is_new_on_the_dashboard_and_notified(app, client, sign_in):
    with app.app_context():
        make_user(username="watcher")
        author = make_profile(
            make_user(username="author"), display_name="Marcus Lee", job_title="Director"
        ).user
        add_member(get_lab(), author)
    sign_in("watcher")
    _finish_onboarding(client)
    with app.app_context():
        initiative = make_initiative(get_user("author"), title="Farm registry", lab="agriculture")
        initiative_id = initiative.id
        kinds = db.session.scalars(
            select(Notification.kind).where(Notification.user_id == get_user("watcher").id)
        )
        assert "watched-initiative" in list(kinds)
    page = client.get("/").get_data(as_text=True)
    assert "Farm registry" in page and "Marcus Lee" in page
    client.get(f"/initiatives/{initiative_id}")
    assert "Farm registry" not in client.get("/").get_data(as_text=True)
    with app.app_context():
        make_comment(
            db.session.get(type(initiative), initiative_id), author=get_user("author"), body="An update"
        )
        unread = db.session.scalars(
            select(Notification).where(
                Notification.user_id == get_user("watcher").id, Notification.read_at.is_(None)
            )
        ).all()
        everything = db.session.scalars(select(Notification.kind)).all()
        assert [n.kind for n in unread] == ["watched-comment"], everything
    assert author is not None


def test_a_watch_on_an_unknown_lab_or_tag_is_not_found_and_not_stored(app, client, sign_in, member):
    sign_in(member)
    assert client.post("/watching/lab/no-such-lab", data={"level": "watching"}).status_code == 404
    assert client.post("/watching/tag/no-such-tag", data={"level": "watching"}).status_code == 404
    assert client.post("/watching/planet/mars", data={"level": "watching"}).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(Watch)).all() == []


def test_a_muted_lab_sends_nothing(app, client, sign_in, member):
    sign_in(member)
    client.post("/watching/lab/agriculture", data={"level": "watching"})
    client.post("/watching/lab/agriculture", data={"level": "muted"})
    with app.app_context():
        make_initiative(add_member(get_lab()).user, lab="agriculture")
        assert (
            db.session.scalars(select(Notification).where(Notification.kind == "watched-initiative")).all()
            == []
        )


def test_visitors_keep_the_home_page(client):
    page = client.get("/").get_data(as_text=True)
    assert "Join the network" in page and "Your home" not in page


def test_bylines_name_people_and_respect_privacy(app, client, sign_in, member):
    with app.app_context():
        author = make_profile(make_user(username="writer"), display_name="Ana Díaz", job_title="CIO",
                              organization="Ministry", country="JM")  # fmt: skip
        initiative_id = make_initiative(author.user).id
    visitor_page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "Ana Díaz" in visitor_page and "CIO" not in visitor_page  # a summary profile for visitors
    sign_in(member)
    assert "Ana Díaz</a>" in client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "CIO, Ministry, Jamaica" in client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)


def test_a_member_watches_a_category_from_its_page_and_sees_their_level(app, client, sign_in, member):
    sign_in(member)
    page = client.get("/initiatives/categories/agriculture").get_data(as_text=True)
    assert "Follow this category" in page
    back = "/initiatives/categories/agriculture"
    response = client.post("/watching/category/agriculture", data={"level": "tracking", "back": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    assert "Follow this category: Track: new initiatives only" in client.get(back).get_data(as_text=True)
    assert "Follow this lab" in client.get("/labs/agriculture").get_data(as_text=True)
    assert "agriculture" in client.get("/watching").get_data(as_text=True).lower()


def test_an_empty_profile_is_not_featured_among_the_newest_members(app, client):
    with app.app_context():
        make_user(username="blank-slate")
        make_profile(make_user(username="named"), display_name="Kezia Daniel")
    page = client.get("/").get_data(as_text=True)
    assert "Kezia Daniel" in page and "blank-slate" not in page


def test_a_muted_initiative_tells_nothing_more_and_unmuting_lets_the_watch_speak_again(
    app, client, sign_in, member
):
    sign_in(member)
    client.post("/watching/lab/agriculture", data={"level": "watching"})
    with app.app_context():
        initiative = make_initiative(add_member(get_lab()).user, lab="agriculture")
        initiative_id = initiative.id
        db.session.execute(db.delete(Notification))
        db.session.commit()
    client.post(f"/initiatives/{initiative_id}/follow")
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert ">Mute<" in page
    assert client.post(f"/initiatives/{initiative_id}/mute").status_code == 302
    assert ">Unmute<" in client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    with app.app_context():
        make_comment(db.session.get(type(initiative), initiative_id))
        mine = select(Notification).where(Notification.user_id == get_user(member).id)
        assert db.session.scalars(mine).all() == []  # neither as a follower nor as a watcher
    client.post(f"/initiatives/{initiative_id}/mute", data={"muted": "no"})
    with app.app_context():
        make_comment(db.session.get(type(initiative), initiative_id))
        kinds = [
            n.kind
            for n in db.session.scalars(
                select(Notification).where(Notification.user_id == get_user(member).id)
            )
        ]
        assert kinds == ["watched-comment"]


def test_muting_an_unknown_or_hidden_initiative_is_not_found(app, client, sign_in, member):
    sign_in(member)
    assert client.post("/initiatives/999999/mute").status_code == 404
    assert client.post("/watching/initiative/1", data={"level": "muted"}).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(Watch)).all() == []


def test_a_partner_organisation_is_named_with_its_badge_in_bylines(app, client):
    with app.app_context():
        partner = make_partner()
        make_profile(partner, display_name="Caribbean Development Fund")
        initiative_id = make_initiative(partner).id
        plain_id = make_initiative().id
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert "Caribbean Development Fund" in page and "Partner organisation" in page
    assert "Partner organisation" not in client.get(f"/initiatives/{plain_id}").get_data(as_text=True)
