"""Events across the site: who may do what (from outside), moderation, search, data download, demo."""

import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community import demo, permissions
from community.auth.models import Role
from community.events import services
from community.events.models import (
    Evaluation,
    Event,
    EventMaterial,
    EventSeries,
    Registration,
    RegistrationState,
)
from community.extensions import db
from community.utils import utcnow
from tests.factories import add_member, get_lab, get_user, make_lab, make_user


def _event(lab=None, days=2, title="A session", author=None, **fields) -> int:
    author = author or make_user(role=Role.MODERATOR)
    start = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    details = services.EventDetails(
        title, start, start + timedelta(hours=1), "UTC", online_url="https://meet.example.org/x", **fields
    )
    return services.create_event(author, lab, details).id


@pytest.fixture
def sign_in(client, sign_in):
    def switch(username):
        client.post("/auth/logout")
        return sign_in(username)

    return switch


ORGANISER_GETS = ("/events/{id}/edit", "/events/{id}/manage", "/events/{id}/report")
ORGANISER_POSTS = (
    "/events/{id}/edit",
    "/events/{id}/remove",
    "/events/{id}/attendance",
    "/events/{id}/check-in-code",
    "/events/{id}/materials",
    "/events/{id}/evaluation/close",
    "/events/{id}/evaluation/publish",
)


@pytest.mark.parametrize(
    ("who", "status"), [("visitor", 302), ("member", 403), ("other lead", 403), ("lead", 200)]
)
def test_only_the_labs_leads_and_moderators_organise_its_events(app, client, sign_in, who, status):
    with app.app_context():
        lead = add_member(get_lab(), role="lead").user
        other = make_lab("Other Lab")
        other_lead = add_member(other, role="lead").user.username
        event_id = _event(get_lab(), author=lead)
        names = {"member": make_user().username, "other lead": other_lead, "lead": lead.username}
    if who != "visitor":
        sign_in(names[who])
    for path in ORGANISER_GETS:
        assert client.get(path.format(id=event_id)).status_code == status, path
    if status != 200:
        for path in ORGANISER_POSTS:
            assert client.post(path.format(id=event_id)).status_code == status, path
        with app.app_context():
            assert db.session.get(Event, event_id).evaluation_closed is False


def test_unknown_events_and_actions_are_404(client, sign_in, app):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    for path in (
        "/events/999",
        "/events/999/edit",
        "/events/999/report",
        "/events/series/999",
        "/events/999.ics",
    ):
        assert client.get(path).status_code == 404, path
    with app.app_context():
        event_id = _event()
    assert client.post(f"/events/{event_id}/evaluation/explode").status_code == 404
    assert client.post(f"/events/{event_id}/evaluations/999/quote").status_code == 404
    assert client.get(f"/events/{event_id}/materials/999/document").status_code == 404


def test_a_member_who_did_not_register_cannot_evaluate(app, client, sign_in, member):
    with app.app_context():
        event_id = _event()
        event = db.session.get(Event, event_id)
        event.starts_at, event.ends_at = utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1)
        db.session.commit()
    sign_in(member)
    assert client.get(f"/events/{event_id}/evaluate").status_code == 403
    assert client.post(f"/events/{event_id}/evaluate", data={"rating": "5"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Evaluation.id))) == 0


def test_registering_twice_says_so_and_stores_one_row(app, client, sign_in, member):
    with app.app_context():
        event_id = _event()
    sign_in(member)
    client.post(f"/events/{event_id}/register")
    page = client.post(f"/events/{event_id}/register", follow_redirects=True).get_data(as_text=True)
    assert "You are registered for this event already." in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 1


def test_registration_closes_at_its_deadline(app, client, sign_in, member):
    with app.app_context():
        event_id = _event()
        db.session.get(Event, event_id).registration_deadline = utcnow() - timedelta(minutes=1)
        db.session.commit()
    sign_in(member)
    page = client.post(f"/events/{event_id}/register", follow_redirects=True).get_data(as_text=True)
    assert "Registration for this event is closed." in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_more_places_move_the_waiting_list_up(app, client, sign_in):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR)
        event_id = _event(author=moderator, capacity=1)
        event = db.session.get(Event, event_id)
        from community.events import registrations

        for _number in range(3):
            registrations.register(make_user(), event)
        details = services.EventDetails(
            event.title, event.starts_at, event.ends_at, "UTC", online_url=event.online_url, capacity=2
        )
        moved = services.update_event(moderator, event, details)
        assert len(moved) == 1
        states = db.session.scalars(select(Registration.state).order_by(Registration.id)).all()
        assert states == [
            RegistrationState.REGISTERED,
            RegistrationState.REGISTERED,
            RegistrationState.WAITING,
        ]


def test_materials_links_and_documents(app, client, sign_in):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR).username
        event_id = _event()
    sign_in(moderator)
    client.post(
        f"/events/{event_id}/materials", data={"title": "Slides", "url": "https://example.org/slides"}
    )
    bad = client.post(f"/events/{event_id}/materials", data={"title": "Both missing"})
    assert bad.status_code == 400 and "Give either a link or a document." in bad.get_data(as_text=True)
    data = {"title": "Notes", "document": (io.BytesIO(b"notes"), "notes.txt")}
    client.post(f"/events/{event_id}/materials", data=data, content_type="multipart/form-data")
    with app.app_context():
        document_id = db.session.scalar(select(EventMaterial.id).where(EventMaterial.title == "Notes"))
    client.post("/auth/logout")
    page = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Slides" in page and "Notes" in page
    download = client.get(f"/events/{event_id}/materials/{document_id}/document")
    assert download.data == b"notes" and "attachment" in download.headers["Content-Disposition"]
    download.close()


def test_moderators_hide_a_flagged_event_and_members_no_longer_see_it(app, client, sign_in, member):
    with app.app_context():
        event_id = _event(title="Spammy webinar")
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(member)
    assert client.post(f"/moderation/flag/event/{event_id}", data={"reason": "spam"}).status_code == 302
    sign_in(moderator)
    assert "Spammy webinar" in client.get("/moderation/").get_data(as_text=True)
    response = client.post(f"/moderation/event/{event_id}/hide", data={"reason": "Advertising"})
    assert response.status_code == 302
    assert client.get(f"/events/{event_id}").status_code == 200  # moderators still see it, marked
    sign_in(member)
    assert client.get(f"/events/{event_id}").status_code == 404
    assert "Spammy webinar" not in client.get("/events/").get_data(as_text=True)
    assert "Spammy webinar" not in client.get("/search?q=Spammy&kind=event").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, event_id) is not None  # hidden, never deleted


def test_search_finds_events_in_their_own_tab(app, client):
    with app.app_context():
        _event(title="Blockchain for land registries")
    page = client.get("/search?q=blockchain&kind=event").get_data(as_text=True)
    assert "for land registries" in page and 'href="/events/' in page


def test_the_data_download_holds_the_members_events(app, client, sign_in, member):
    with app.app_context():
        event_id = _event(title="Exported session")
        user_id = db.session.scalar(select(Registration.user_id))  # none yet
        assert user_id is None
    sign_in(member)
    client.post(f"/events/{event_id}/register")
    data = json.loads(client.get("/settings/export/download").data)
    [registration] = data["events"]["registrations"]
    assert registration["event"] == "Exported session" and registration["state"] == "registered"


def test_the_event_list_runs_a_fixed_number_of_queries(app, client, count_queries):
    def grow(size):
        with app.app_context():
            series = EventSeries(title="S")
            db.session.add(series)
            db.session.commit()
            for number in range(size):
                _event(get_lab() if number % 2 else None, days=number + 1, series_id=None)

    grow(2)
    with count_queries() as counter:
        assert client.get("/events/").status_code == 200
    small = counter.count
    grow(12)
    with count_queries() as counter:
        assert client.get("/events/").status_code == 200
    assert counter.count == small


def test_rules_for_events():
    class User:
        is_authenticated = True
        confirmed_at = approved_at = suspended_until = None
        state = "active"
        role = Role.MEMBER
        id = 1

    user = User()
    user.confirmed_at = user.approved_at = utcnow()

    class Reg:
        is_registered = True
        attended = False

    class Ev:
        attendance_taken = True
        is_hidden = False
        author_id = 2

    assert not permissions.can_organise_events(user, None, None)
    assert not permissions.can_evaluate_event(user, Ev(), Reg())  # attendance taken, absent
    Ev.attendance_taken = False
    assert permissions.can_evaluate_event(user, Ev(), Reg())
    assert not permissions.can_evaluate_event(user, Ev(), None)
    assert permissions.can_see_event_link(user, Reg(), False)
    assert not permissions.can_see_event_link(user, None, False)
    Ev.is_hidden = True
    assert not permissions.can_view_event(user, Ev()) and not permissions.can_register_for_event(user, Ev())


def test_the_demo_holds_a_past_five_session_series_with_evaluations_and_sessions_to_come(app):
    with app.app_context():
        context: dict = {"password": demo.DEMO_PASSWORD}
        for feature in demo.FEATURES:
            feature.seed(context)
        workshop = db.session.scalar(
            select(EventSeries).where(EventSeries.title.like("Innovation and Digital%"))
        )
        assert len(workshop.sessions) == 5 and all(s.ends_at < utcnow() for s in workshop.sessions)
        assert db.session.scalar(select(func.count(Evaluation.id))) >= 15
        assert (
            db.session.scalar(select(func.count(Registration.id)).where(Registration.attended.is_(True))) > 0
        )
        assert db.session.scalar(select(func.count(Event.id)).where(Event.starts_at > utcnow())) >= 3
        assert (
            db.session.scalar(select(func.count(Registration.id)).where(Registration.state == "waiting")) == 1
        )


def test_a_members_dashboard_shows_the_sessions_they_registered_for(app, client, sign_in, member):
    with app.app_context():
        coming, other = _event(title="Clinic on data sharing"), _event(title="Not for me")
        past = _event(days=-3, title="Already over")
    sign_in(member)
    client.post(f"/events/{coming}/register")
    with app.app_context():
        db.session.add(Registration(event_id=past, user_id=get_user(member).id))
        db.session.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Clinic on data sharing" in home and "Registered" in home
    assert "Not for me" not in home and "Already over" not in home and other
