"""Resources; the pages' query counts; the demo. (Lab events: tests/test_events_*.py.)"""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from community import demo
from community.auth.models import Role
from community.events import services as event_services
from community.extensions import db
from community.labs import content
from community.labs.models import LabResource
from community.utils import utcnow
from tests.factories import add_member, get_lab, make_initiative, make_lab, make_user


@pytest.fixture
def lead(app, client, sign_in):
    """A signed-in lead of the agriculture lab."""
    with app.app_context():
        username = add_member(get_lab(), role="lead").user.username
    sign_in(username)
    return username


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
            event_services.create_event(
                moderator,
                lab,
                event_services.EventDetails(
                    f"E{number}{days}", start, start + timedelta(hours=1), "UTC", place="x"
                ),
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
