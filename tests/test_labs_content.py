"""Resources, events and the calendar feed; the pages' query counts; the demo."""

import io
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from community import demo
from community.auth.models import Role
from community.extensions import db
from community.labs import content
from community.labs.models import LabEvent, LabResource
from community.utils import utcnow
from tests.factories import add_member, get_lab, make_initiative, make_lab, make_user

EVENT_FORM = {
    "title": "Farmer registries, part 2",
    "starts_at": "2030-03-05T14:00",
    "ends_at": "2030-03-05T15:30",
    "timezone": "America/Port_of_Spain",
    "online_url": "https://meet.example.org/agri",
    "place": "",
    "description": "Agenda: one; two, three.",
}


@pytest.fixture
def lead(app, client, sign_in):
    """A signed-in lead of the agriculture lab."""
    with app.app_context():
        username = add_member(get_lab(), role="lead").user.username
    sign_in(username)
    return username


# Events


def test_a_lead_adds_an_event_stored_in_utc_with_its_time_zone(app, client, lead):
    response = client.post("/labs/agriculture/events", data=EVENT_FORM)
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalar(select(LabEvent))
        assert event.starts_at == datetime(2030, 3, 5, 18, 0)  # UTC-4
        assert event.ends_at == datetime(2030, 3, 5, 19, 30)
        assert event.timezone == "America/Port_of_Spain"
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Farmer registries, part 2" in page
    assert "Tuesday, March 5, 2030, 2:00\u202fPM" in page and "(America/Port_of_Spain)" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_at": "2030-03-05T13:00"}, "ends_at", "The event must end after it starts."),
        ({"ends_at": "2030-03-05T14:00"}, "ends_at", "The event must end after it starts."),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "Choose a time zone from the list"),
        ({"timezone": "../../etc/passwd"}, "timezone", "Choose a time zone from the list"),
        ({"starts_at": "next tuesday"}, "starts_at", "Not a valid datetime value."),
        ({"starts_at": "2030-02-30T10:00"}, "starts_at", "Not a valid datetime value."),
        ({"ends_at": ""}, "ends_at", "This field is required."),
        ({"online_url": "", "place": ""}, "place", "Give an online link, a place, or both."),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Give a full web address"),
        ({"online_url": "http://[::1"}, "online_url", "Give a full web address"),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_bad_events_are_refused_next_to_the_field(app, client, lead, change, field, message):
    response = client.post("/labs/agriculture/events", data={**EVENT_FORM, **change})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    with app.app_context():
        assert db.session.scalar(select(db.func.count(LabEvent.id))) == 0


def test_an_event_across_a_daylight_saving_change_keeps_its_local_times(app, client, lead):
    data = {
        **EVENT_FORM,
        "timezone": "America/New_York",
        "starts_at": "2030-03-09T20:00",
        "ends_at": "2030-03-10T20:00",
    }
    client.post("/labs/agriculture/events", data=data)
    with app.app_context():
        event = db.session.scalar(select(LabEvent))
        assert event.ends_at - event.starts_at == timedelta(hours=23)  # clocks go forward on 10 March
        assert event.starts_local.hour == 20 and event.ends_local.hour == 20


def test_a_lead_changes_and_removes_an_event(app, client, lead):
    client.post("/labs/agriculture/events", data=EVENT_FORM)
    with app.app_context():
        event_id = db.session.scalar(select(LabEvent.id))
    form = client.get(f"/labs/agriculture/events/{event_id}/edit").get_data(as_text=True)
    assert 'value="2030-03-05T14:00"' in form  # shown in the event's time zone, not UTC
    client.post(
        f"/labs/agriculture/events/{event_id}/edit", data={**EVENT_FORM, "title": "Moved", "timezone": "UTC"}
    )
    with app.app_context():
        event = db.session.get(LabEvent, event_id)
        assert event.title == "Moved" and event.starts_at == datetime(2030, 3, 5, 14, 0)
    bad = client.post(
        f"/labs/agriculture/events/{event_id}/edit", data={**EVENT_FORM, "ends_at": "2030-01-01T00:00"}
    )
    assert "The event must end after it starts." in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(LabEvent, event_id).title == "Moved"
    client.post(f"/labs/agriculture/events/{event_id}/remove")
    with app.app_context():
        assert db.session.get(LabEvent, event_id) is None


def test_upcoming_events_come_first_and_past_ones_stay(app, client):
    with app.app_context():
        lab, lead = get_lab(), make_user(role=Role.MODERATOR)
        now = utcnow().replace(microsecond=0)
        for title, days in [("Later", 20), ("Soon", 2), ("Last month", -30), ("Last week", -7)]:
            start = now + timedelta(days=days)
            details = content.EventDetails(title, start, start + timedelta(hours=1), "UTC", place="Online")
            content.add_event(lead, lab, details)
    page = client.get("/labs/agriculture").get_data(as_text=True)
    positions = [page.index(f"<h4>{title}</h4>") for title in ("Soon", "Later", "Last week", "Last month")]
    assert positions == sorted(positions)
    assert page.index("Coming up") < positions[0] and page.index("Past events") < positions[2]


def test_an_event_of_another_lab_is_not_found_here(app, client, lead):
    with app.app_context():
        other = make_lab("Other Lab")
        start = utcnow() + timedelta(days=1)
        moderator = make_user(role=Role.MODERATOR)
        details = content.EventDetails("Theirs", start, start + timedelta(hours=1), "UTC", place="There")
        event_id = content.add_event(moderator, other, details).id
    assert client.get(f"/labs/agriculture/events/{event_id}/edit").status_code == 404
    assert client.post(f"/labs/agriculture/events/{event_id}/remove").status_code == 404
    assert client.post(f"/labs/other-lab/events/{event_id}/remove").status_code == 403


# The calendar feed


def test_the_calendar_feed_parses_back(app, client):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR)
        start = datetime(2030, 3, 5, 14, 0)
        details = content.EventDetails(
            "Registries; lessons, and next steps \\ é " + "x" * 80,
            start,
            start + timedelta(hours=2),
            "America/Jamaica",
            description="Line one\nLine two, with ; and \\",
            place="Kingston, Jamaica",
            online_url="https://meet.example.org/a",
        )
        event = content.add_event(moderator, get_lab(), details)
        title, event_id = event.title, event.id
    response = client.get("/labs/agriculture/events.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    raw = response.get_data()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]) == "Agriculture Innovation Lab"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]).startswith("Line one\nLine two, with ; and \\")
    assert str(vevent["LOCATION"]) == "Kingston, Jamaica"
    assert vevent["DTSTART"].dt.isoformat() == "2030-03-05T19:00:00+00:00"  # 14:00 in Jamaica (UTC-5)
    assert vevent["DTEND"].dt.isoformat() == "2030-03-05T21:00:00+00:00"
    assert str(vevent["UID"]) == f"lab-event-{event_id}@network.example"


def test_the_feed_folds_long_lines_without_splitting_a_character(app, client):
    with app.app_context():
        start = datetime(2030, 3, 5, 14, 0)
        details = content.EventDetails("é" * 100, start, start + timedelta(hours=1), "UTC", place="Ghent")
        content.add_event(make_user(role=Role.MODERATOR), get_lab(), details)
    raw = client.get("/labs/agriculture/events.ics").get_data()
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.decode() for line in lines if line)  # each line is whole UTF-8: no character split
    [summary] = [line for line in raw.replace(b"\r\n ", b"").split(b"\r\n") if line.startswith(b"SUMMARY")]
    assert summary.decode() == "SUMMARY:" + "é" * 100


def test_an_empty_calendar_is_valid(client):
    calendar = icalendar.Calendar.from_ical(client.get("/labs/agriculture/events.ics").get_data())
    assert calendar.walk("VEVENT") == []


def test_a_proposals_calendar_is_private(app, client):
    with app.app_context():
        make_lab("Pending Lab", approve=False)
    assert client.get("/labs/pending-lab/events.ics").status_code == 404


# Resources


def test_a_lead_adds_a_link(app, client, lead):
    data = {"title": "FAO guide", "url": "https://www.fao.org/guide", "description": "Useful."}
    assert client.post("/labs/agriculture/resources", data=data).status_code == 302
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert '<a href="https://www.fao.org/guide" rel="nofollow noopener">FAO guide</a>' in page


def test_a_lead_uploads_a_document_that_everyone_downloads(app, client, lead):
    data = {"title": "Survey results", "document": (io.BytesIO(b"%PDF-1.4 test"), "My survey (final).pdf")}
    response = client.post("/labs/agriculture/resources", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        resource = db.session.scalar(select(LabResource))
        resource_id, stored = resource.id, Path(app.config["UPLOAD_FOLDER"]) / "labs" / resource.stored_name
        assert resource.file_name == "My_survey_final.pdf" and resource.file_size == 13
    assert stored.read_bytes() == b"%PDF-1.4 test"
    client.post("/auth/logout")
    download = client.get(f"/labs/agriculture/resources/{resource_id}/document")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 test"
    assert download.headers["Content-Disposition"].startswith("attachment")
    download.close()
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Survey results" in page and "PDF, 13 bytes" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"title": "Both", "url": "https://a.example", "document": (io.BytesIO(b"x"), "a.pdf")},
            "url",
            "either a link",
        ),
        ({"title": "Neither"}, "url", "Give either a link or a document."),
        ({"title": "Script", "document": (io.BytesIO(b"<script>"), "page.html")}, "document", "Upload a PDF"),
        (
            {"title": "Empty", "document": (io.BytesIO(b""), "empty.pdf")},
            "document",
            "The document is empty.",
        ),
        ({"title": "Bad link", "url": "javascript:alert(1)"}, "url", "Give a full web address"),
        ({"title": "", "url": "https://a.example"}, "title", "This field is required."),
    ],
)
def test_bad_resources_are_refused(app, client, lead, data, field, message):
    response = client.post("/labs/agriculture/resources", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    with app.app_context():
        assert db.session.scalar(select(db.func.count(LabResource.id))) == 0


def test_a_document_over_the_limit_is_refused_and_not_kept(app, client, lead, monkeypatch):
    monkeypatch.setitem(app.config, "LAB_DOCUMENT_MAX_BYTES", 10)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "labs"
    before = set(folder.iterdir()) if folder.exists() else set()
    data = {"title": "Big", "document": (io.BytesIO(b"x" * 11), "big.pdf")}
    response = client.post("/labs/agriculture/resources", data=data, content_type="multipart/form-data")
    assert "larger than" in response.get_data(as_text=True)
    after = set(folder.iterdir()) if folder.exists() else set()
    assert after == before


def test_a_lead_removes_a_resource_and_its_document(app, client, lead):
    data = {"title": "Old", "document": (io.BytesIO(b"old"), "old.txt")}
    client.post("/labs/agriculture/resources", data=data, content_type="multipart/form-data")
    with app.app_context():
        resource = db.session.scalar(select(LabResource))
        resource_id, stored = resource.id, Path(app.config["UPLOAD_FOLDER"]) / "labs" / resource.stored_name
    client.post(f"/labs/agriculture/resources/{resource_id}/remove")
    with app.app_context():
        assert db.session.get(LabResource, resource_id) is None
    assert not stored.exists()
    assert client.get(f"/labs/agriculture/resources/{resource_id}/document").status_code == 404


def test_a_member_cannot_add_or_remove_resources(app, client, sign_in):
    with app.app_context():
        lab = get_lab()
        member = add_member(lab).user.username
        resource = content.add_resource(make_user(role=Role.MODERATOR), lab, "Kept", url="https://a.example")
        resource_id = resource.id
    sign_in(member)
    assert (
        client.post(
            "/labs/agriculture/resources", data={"title": "x", "url": "https://b.example"}
        ).status_code
        == 403
    )
    assert client.post(f"/labs/agriculture/resources/{resource_id}/remove").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(db.func.count(LabResource.id))) == 1


# Query counts: the same number of statements whatever the data size


def _fill(lab, size: int) -> None:
    moderator = make_user(role=Role.MODERATOR)
    for number in range(size):
        poster = add_member(lab, role="lead" if number % 5 == 0 else "member").user
        make_initiative(author=poster, lab=lab.slug, category="agriculture")
        add_member(lab, pending=True)
        content.add_resource(moderator, lab, f"Link {number}", url=f"https://example.org/{number}")
        for days in (number + 1, -number - 1):
            start = utcnow() + timedelta(days=days)
            content.add_event(
                moderator,
                lab,
                content.EventDetails(f"E{number}{days}", start, start + timedelta(hours=1), "UTC", place="x"),
            )


def _count(count_queries, client, path) -> int:
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


@pytest.mark.parametrize("viewer", ["visitor", "moderator"])
def test_the_lab_page_runs_a_fixed_number_of_queries(app, client, sign_in, count_queries, viewer):
    if viewer == "moderator":
        with app.app_context():
            username = make_user(role=Role.MODERATOR).username
        sign_in(username)
    with app.app_context():
        _fill(get_lab(), 2)
    small = _count(count_queries, client, "/labs/agriculture")
    with app.app_context():
        _fill(get_lab(), 12)
    assert _count(count_queries, client, "/labs/agriculture") == small


def test_the_directory_runs_a_fixed_number_of_queries(app, client, count_queries):
    with app.app_context():
        for number in range(2):
            lab = make_lab(f"Small {number}", countries=("LC", "JM"))
            add_member(lab)
    small = _count(count_queries, client, "/labs/")
    with app.app_context():
        for number in range(15):
            lab = make_lab(f"Large {number}", countries=("LC", "TT", "BB"))
            add_member(lab)
            add_member(lab)
    assert _count(count_queries, client, "/labs/") == small
    assert _count(count_queries, client, "/labs/?country=LC") == small


def test_the_demo_livens_up_the_agriculture_lab(app, client):
    with app.app_context():
        context: dict = {"password": demo.DEMO_PASSWORD}
        for feature in demo.FEATURES:
            feature.seed(context)
        assert set(context["labs"]) == {
            "agriculture",
            "digital-identity-lab",
            "data-and-statistics-lab",
            "service-design-lab",
            "climate-resilience-lab",
        }
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "kemar-b" in page and "marie-claire" in page
    assert "Past events" in page and "Coming up" in page and "FAO" in page
    assert len(client.get("/labs/").get_data(as_text=True).split('class="lab-card"')) == 6
