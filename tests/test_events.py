"""Learning events through HTTP: announce, register, wait, move up, remind, attend, evaluate, report."""

from datetime import datetime, timedelta

import icalendar
import pytest
from sqlalchemy import func, select

from community.auth.models import Role
from community.events import services
from community.events.models import Evaluation, Event, EventSeries, Registration, RegistrationState
from community.extensions import db
from community.utils import utcnow
from tests.factories import add_member, get_lab, make_user

FORM = {
    "title": "Session 1: service design",
    "starts_at": "2030-03-05T14:00",
    "ends_at": "2030-03-05T15:30",
    "timezone": "America/Port_of_Spain",
    "online_url": "https://meet.example.org/s1",
    "place": "",
    "languages": ["en", "es"],
    "capacity": "2",
    "registration_deadline": "",
    "description": "Agenda: *one*; two.",
    "extra_questions": "Was the pace right?",
}


@pytest.fixture
def sign_in(client, sign_in):
    """Sign out whoever is signed in, then sign in as ``username``."""

    def switch(username):
        client.post("/auth/logout")
        return sign_in(username)

    return switch


@pytest.fixture
def moderator(app):
    with app.app_context():
        return make_user(role=Role.MODERATOR).username


def _event(lab=None, days=2, hours=1.5, capacity=None, **fields) -> int:
    author = make_user(role=Role.MODERATOR)
    start = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    details = services.EventDetails(
        fields.pop("title", "A session"), start, start + timedelta(hours=hours), "UTC",
        online_url="https://meet.example.org/x", capacity=capacity, **fields,
    )  # fmt: skip
    return services.create_event(author, lab, details).id


def _end(event_id: int) -> None:
    """The session took place: move it into the past."""
    event = db.session.get(Event, event_id)
    event.starts_at, event.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()


def test_a_moderator_announces_a_network_event_stored_in_utc_and_shown_in_the_readers_zone(
    app, client, sign_in, moderator
):
    sign_in(moderator)
    response = client.post("/events/new", data=FORM)
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.starts_at == datetime(2030, 3, 5, 18, 0) and event.lab_id is None
        assert event.language_codes == ["en", "es"] and event.capacity == 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Session 1: service design" in page and "(America/Port_of_Spain)" in page
    assert "<em>one</em>" in page  # markdown


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_at": "2030-03-05T13:00"}, "ends_at", "The event must end after it starts."),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "Choose a time zone from the list"),
        ({"registration_deadline": "2030-03-06T10:00"}, "registration_deadline", "Registration must close"),
        ({"capacity": "0"}, "capacity", "Number must be between"),
        ({"online_url": "", "place": ""}, "place", "Give an online link, a place, or both."),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Give a full web address"),
        ({"starts_at": "soon"}, "starts_at", "Not a valid datetime value."),
    ],
)
def test_bad_events_are_refused_next_to_the_field(app, client, sign_in, moderator, change, field, message):
    sign_in(moderator)
    response = client.post("/events/new", data={**FORM, **change})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Event.id))) == 0


def test_only_organisers_announce_events(app, client, sign_in, member):
    sign_in(member)
    assert client.get("/events/new").status_code == 403
    assert client.get("/events/new?lab=agriculture").status_code == 403
    assert client.get("/events/new?lab=nowhere").status_code == 404
    with app.app_context():
        lead = add_member(get_lab(), role="lead").user.username
    sign_in(lead)
    assert client.get("/events/new?lab=agriculture").status_code == 200
    assert client.get("/events/new").status_code == 403  # a lead does not organise for the network


def test_a_series_of_three_sessions_fills_up_keeps_a_waiting_list_and_moves_it_up(
    app, client, sign_in, outbox
):
    with app.app_context():
        lead = add_member(get_lab(), role="lead").user
        series_id = services.create_series(lead, get_lab(), "Digital government sessions").id
        ids = [
            _event(get_lab(), days=day, capacity=2, title=f"Session {day}", series_id=series_id)
            for day in (1, 8, 15)
        ]
        ana, ben, cy = (make_user(username=name).username for name in ("ana", "ben", "cy"))
    for name in (ana, ben, cy):
        sign_in(name)
        client.post(f"/events/{ids[0]}/register")
    page = client.get(f"/events/{ids[0]}").get_data(as_text=True)
    assert "You are on the waiting list" in page and "meet.example.org" not in page  # cy waits: no link
    again = client.post(f"/events/{ids[0]}/register", follow_redirects=True).get_data(as_text=True)
    assert "You are on the waiting list already." in again
    sign_in(ben)
    assert "meet.example.org/x" in client.get(f"/events/{ids[0]}").get_data(as_text=True)
    client.post(f"/events/{ids[0]}/cancel")
    with app.app_context():
        states = dict(db.session.execute(select(Registration.user_id, Registration.state)).all())
        cy_user = db.session.scalar(
            select(Registration)
            .join(Registration.user)
            .where(Registration.state != "cancelled")
            .order_by(Registration.id.desc())
        )
        assert cy_user.state == RegistrationState.REGISTERED  # moved up by itself
        assert sorted(states.values()) == ["cancelled", "registered", "registered"]
    sign_in(cy)
    assert "A place opened in" in client.get("/notifications").get_data(as_text=True)
    # The series page lists its three sessions in order.
    page = client.get(f"/events/series/{series_id}").get_data(as_text=True)
    assert page.index("Session 1") < page.index("Session 8") < page.index("Session 15")


def test_registering_past_the_deadline_or_for_an_ended_session_is_refused(app, client, sign_in, member):
    with app.app_context():
        event_id = _event()
        _end(event_id)
    sign_in(member)
    page = client.post(f"/events/{event_id}/register", follow_redirects=True).get_data(as_text=True)
    assert "Registration for this event is closed." in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_reminders_go_out_the_day_before_in_the_members_language_and_zone_with_an_ics(
    app, client, sign_in, outbox
):
    with app.app_context():
        event_id = _event(days=0.5, title="Tomorrow's session")
        member = make_user(username="marie")
        member.locale, member.timezone = "fr", "America/Martinique"
        db.session.commit()
        later = _event(days=5)
        services_member = member.username
    sign_in(services_member)
    client.post(f"/events/{event_id}/register")
    client.post(f"/events/{later}/register")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["events", "send-reminders"])
    assert "Reminders sent: 1" in result.output
    [message] = outbox.to("marie@" + outbox.messages[0]["To"].split("@")[1])
    assert message["Content-Language"] == "fr" and "Tomorrow's session" in message["Subject"]
    body = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_payload(
        decode=True
    )
    assert "America/Martinique" in body.decode()
    ics = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert ics.get_filename() == "event.ics"
    calendar = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Tomorrow's session"
    assert "Reminders sent: 0" in runner.invoke(args=["events", "send-reminders"]).output  # once only


def test_attendees_evaluate_after_the_session_and_organisers_read_the_report(app, client, sign_in):
    with app.app_context():
        lead = add_member(get_lab(), role="lead").user
        lead_name = lead.username
        event_id = _event(get_lab(), extra_questions="Was the pace right?")
        ana, ben, absent = (make_user(username=name).username for name in ("ana", "ben", "absent"))
    for name in (ana, ben, absent):
        sign_in(name)
        client.post(f"/events/{event_id}/register")
    sign_in(ana)
    early = client.get(f"/events/{event_id}/evaluate")
    assert early.status_code == 403 and "once it has ended" in early.get_data(as_text=True)
    with app.app_context():
        _end(event_id)
    sign_in(lead_name)
    with app.app_context():
        ids = dict(db.session.execute(select(Registration.user_id, Registration.id)).all())
        user_ids = {
            u: db.session.scalar(
                select(Registration.user_id).join(Registration.user).where(Registration.user.has(username=u))
            )
            for u in (ana, ben)
        }
    client.post(f"/events/{event_id}/attendance", data={"attended": [str(user_ids[ana]), str(user_ids[ben])]})
    assert ids
    sign_in(absent)
    assert client.get(f"/events/{event_id}/evaluate").status_code == 403  # did not attend
    sign_in(ana)
    bad = client.post(f"/events/{event_id}/evaluate", data={"rating": "6", "liked": "x"})
    assert bad.status_code == 400 and "Choose a rating from 1 to 5." in bad.get_data(as_text=True)
    bad = client.post(f"/events/{event_id}/evaluate", data={"rating": "0"})
    assert bad.status_code == 400
    ok = client.post(
        f"/events/{event_id}/evaluate",
        data={"rating": "5", "liked": "The case studies", "liked_less": "Too short",
              "differently": "More time", "question-0": "Yes", "anonymous": "y"},
    )  # fmt: skip
    assert ok.status_code == 302
    client.post(
        f"/events/{event_id}/evaluate", data={"rating": "4", "liked": "The case studies", "anonymous": "y"}
    )
    sign_in(ben)
    client.post(f"/events/{event_id}/evaluate", data={"rating": "2", "liked": "Ben liked the people"})
    with app.app_context():
        assert db.session.scalar(select(func.count(Evaluation.id))) == 2  # one each, edited in place
    sign_in(ana)
    assert client.get(f"/events/{event_id}/report").status_code == 403
    sign_in(lead_name)
    report = client.get(f"/events/{event_id}/report").get_data(as_text=True)
    assert "<svg" in report and "100%" in report  # 2 of the 2 attendees answered
    assert "Average rating: 3.0 out of 5, from 2 answers." in report
    assert "The case studies" in report and "ben" in report and "Anonymous" in report
    assert ">ana<" not in report  # anonymous: not even organisers see the name
    with app.app_context():
        quote_id = db.session.scalar(select(Evaluation.id).where(Evaluation.liked == "Ben liked the people"))
    client.post(f"/events/{event_id}/evaluations/{quote_id}/quote", data={"quoted": "1"})
    client.post(f"/events/{event_id}/evaluation/publish")
    client.post(f"/events/{event_id}/evaluation/close")
    public = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "What participants said" in public and "Ben liked the people" in public
    sign_in(ben)
    closed = client.post(f"/events/{event_id}/evaluate", data={"rating": "5"})
    assert closed.status_code == 403 and "closed the evaluation" in closed.get_data(as_text=True)


def test_the_series_report_shows_a_trend_and_exports_csv(app, client, sign_in):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR)
        name = moderator.username
        series = services.create_series(moderator, None, "Workshop")
        series_id = series.id
        member = make_user(username="ana")
        for rating, day in ((3, 1), (5, 2)):
            event_id = _event(days=day, series_id=series_id, title=f"Day {day}")
            db.session.add(Registration(event_id=event_id, user_id=member.id))
            db.session.add(Evaluation(event_id=event_id, user_id=member.id, rating=rating, liked="=cmd()"))
            db.session.commit()
    sign_in(name)
    page = client.get(f"/events/series/{series_id}/report").get_data(as_text=True)
    assert "Trend across the sessions" in page and "events-print.css" in page
    csv = client.get(f"/events/series/{series_id}/report.csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0].startswith("Session,") and lines[1].startswith("Day 1,") and ",3.00," in lines[1]
    sign_in("ana")
    assert client.get(f"/events/series/{series_id}/report").status_code == 403


def test_my_events_and_the_private_calendar_with_a_resettable_token(app, client, sign_in, member):
    with app.app_context():
        event_id = _event(title="In my calendar")
    sign_in(member)
    client.post(f"/events/{event_id}/register")
    page = client.get("/events/mine").get_data(as_text=True)
    assert "In my calendar" in page
    with app.app_context():
        from community.events.models import CalendarToken

        token = db.session.scalar(select(CalendarToken.token))
    client.post("/auth/logout")
    feed = client.get(f"/events/calendar/{token}.ics")
    assert feed.status_code == 200 and b"In my calendar" in feed.get_data()
    assert b"meet.example.org" in feed.get_data()  # registered: the link is in their own calendar
    assert client.get("/events/calendar/guessed-token.ics").status_code == 404
    sign_in(member)
    client.post("/events/mine/calendar/reset")
    assert client.get(f"/events/calendar/{token}.ics").status_code == 404


def test_feeds_list_coming_events(app, client):
    with app.app_context():
        _event(title="Coming soon")
        _event(get_lab(), title="Lab meeting")
        series = EventSeries(title="S")
        db.session.add(series)
        db.session.commit()
        series_id = series.id
    atom = client.get("/events/feed.atom")
    assert atom.status_code == 200 and b"Coming soon" in atom.get_data()
    network = icalendar.Calendar.from_ical(client.get("/events/calendar.ics").get_data())
    assert {str(e["SUMMARY"]) for e in network.walk("VEVENT")} == {"Coming soon", "Lab meeting"}
    lab = icalendar.Calendar.from_ical(client.get("/events/labs/agriculture.ics").get_data())
    assert [str(e["SUMMARY"]) for e in lab.walk("VEVENT")] == ["Lab meeting"]
    assert b"meet.example.org" not in client.get("/events/calendar.ics").get_data()  # links only for members
    assert client.get(f"/events/series/{series_id}.ics").status_code == 200
    assert client.get("/events/labs/nowhere.ics").status_code == 404


def test_the_lab_page_lists_its_events_and_old_lab_event_addresses_redirect(app, client):
    with app.app_context():
        event_id = _event(get_lab(), title="Farmer registries")
    assert "Farmer registries" in client.get("/labs/agriculture").get_data(as_text=True)
    assert (
        client.get("/labs/agriculture/events.ics")
        .headers["Location"]
        .endswith("/events/labs/agriculture.ics")
    )
    assert client.get("/labs/agriculture/events").headers["Location"].endswith("/events/?lab=agriculture")
    old = client.get(f"/labs/agriculture/events/{event_id}/edit")
    assert old.status_code == 301 and old.headers["Location"].endswith(f"/events/{event_id}/edit")


def test_search_finds_events_by_title(app, client):
    with app.app_context():
        _event(title="Open data clinic")
        _event(title="Procurement")
    page = client.get("/events/?q=clinic").get_data(as_text=True)
    assert "Open data clinic" in page and "Procurement" not in page
    assert client.get("/events/?q=%25").status_code == 200


def test_check_in_with_the_organisers_code(app, client, sign_in, member):
    with app.app_context():
        event_id = _event(days=0)
        event = db.session.get(Event, event_id)
        event.starts_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
        organiser = make_user(role=Role.MODERATOR).username
        db.session.add(Registration(event_id=event_id, user_id=make_user(username="p1").id))
        db.session.commit()
    sign_in(organiser)
    client.post(f"/events/{event_id}/check-in-code")
    with app.app_context():
        code = db.session.get(Event, event_id).checkin_code
    sign_in("p1")
    assert client.post(f"/events/{event_id}/check-in", data={"code": "WRONG1"}).status_code == 400
    assert client.post(f"/events/{event_id}/check-in", data={"code": code.lower()}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Registration.attended)) is True
