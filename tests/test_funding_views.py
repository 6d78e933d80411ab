"""Funding calls through HTTP: who posts them, bad input, the list's filters, feeds, exports."""

import json
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from community.auth.models import Role
from community.extensions import db
from community.funding.models import Call
from community.utils import utcnow
from tests.factories import make_user
from tests.funding_helpers import form_of, make_call, make_partner


def _calls() -> int:
    return db.session.scalar(select(func.count(Call.id)))


@pytest.mark.parametrize(
    ("who", "status"), [("visitor", 302), ("member", 403), ("partner", 200), ("moderator", 200)]
)
def test_only_moderators_and_partner_organisations_may_post_a_call(app, client, sign_in, who, status):
    with app.app_context():
        people = {
            "member": make_user(),
            "partner": make_partner(),
            "moderator": make_user(role=Role.MODERATOR),
        }
        names = {key: user.username for key, user in people.items()}
    if who in names:
        sign_in(names[who])
    assert client.get("/funding/new").status_code == status


def test_a_partner_organisation_posts_a_call_shown_with_its_badge(app, client, sign_in):
    with app.app_context():
        partner = make_partner("cdb").username
    sign_in(partner)
    response = client.post("/funding/new", data=form_of())
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Digital agriculture fund" in page
    assert "Partner organisation" in page
    assert "America/St_Lucia" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes": "2020-01-01T00:00"}, "must close after it opens"),
        ({"timezone": "Mars/Olympus"}, "Not a valid choice"),
        ({"amount_min": "-5"}, "zero or more"),
        ({"amount_min": "90000", "amount_max": "100"}, "cannot be smaller"),
        ({"currency": "XYZ"}, "Not a valid choice"),
        ({"apply_url": "javascript:alert(1)"}, "https://"),
        ({"apply_url": "ftp://funder.example/"}, "https://"),
    ],
)
def test_a_bad_call_gets_a_clear_error_and_nothing_is_stored(app, client, sign_in, change, message):
    with app.app_context():
        partner = make_partner().username
    sign_in(partner)
    response = client.post("/funding/new", data=form_of(**change))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert _calls() == 0


def test_the_status_follows_the_dates_and_closing_soon_comes_first(app, client):
    now = utcnow()
    with app.app_context():
        make_call(title="Far away", opens=now - timedelta(days=1), closes=now + timedelta(days=90))
        make_call(title="Soon closing", opens=now - timedelta(days=30), closes=now + timedelta(days=5))
        make_call(title="Not yet open", opens=now + timedelta(days=3), closes=now + timedelta(days=60))
        make_call(title="Long gone", opens=now - timedelta(days=90), closes=now - timedelta(days=1))
    page = client.get("/funding/").get_data(as_text=True)
    order = [page.index(title) for title in ("Soon closing", "Far away", "Not yet open", "Long gone")]
    assert order == sorted(order)
    assert "Closing within 14 days" in page and "Upcoming" in page and "Closed" in page
    closed = client.get("/funding/?status=closed").get_data(as_text=True)
    assert "Long gone" in closed and "Far away" not in closed


def test_filters_combine_and_stay_in_the_url(app, client):
    with app.app_context():
        make_call(title="Jamaican farms", countries=["JM"], sectors=["agriculture"], kind="grant")
        make_call(title="Jamaican loans", countries=["JM"], sectors=["agriculture"], kind="loan")
        make_call(title="Regional health", whole_region=True, countries=[], sectors=["health"], sdgs=[3])
        make_call(title="Barbados farms", countries=["BB"], sectors=["agriculture"])
    page = client.get("/funding/?country=JM&sector=agriculture&kind=grant").get_data(as_text=True)
    assert "Jamaican farms" in page
    assert "Jamaican loans" not in page and "Barbados farms" not in page and "Regional health" not in page
    assert "country=JM" in page and "kind=grant" in page  # the exports keep the filters
    region = client.get("/funding/?country=JM&sdg=3").get_data(as_text=True)
    assert "Regional health" in region and "Jamaican farms" not in region
    assert client.get("/funding/?country=XX&sdg=99&status=bogus&kind=").status_code == 200


def test_the_feeds_and_the_exports_list_calls(app, client):
    with app.app_context():
        make_call(title="=Formula call")
        make_call(title="Hidden call").is_hidden = True
        db.session.commit()
    calendar = Calendar.from_ical(client.get("/funding/deadlines.ics").data)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Deadline: =Formula call"]
    assert "=Formula call" in client.get("/funding/feed.atom").get_data(as_text=True)
    rows = json.loads(client.get("/funding/export.json").data)
    assert rows["count"] == 1 and rows["calls"][0]["countries"] == ["JM", "LC"]
    csv = client.get("/funding/export.csv").get_data(as_text=True)
    assert "'=Formula call" in csv and "Hidden call" not in csv


def test_a_hidden_call_is_not_found_by_members(app, client, sign_in):
    with app.app_context():
        call = make_call()
        call.is_hidden = True
        db.session.commit()
        call_id, member = call.id, make_user().username
    sign_in(member)
    assert client.get(f"/funding/{call_id}").status_code == 404
    assert client.get(f"/funding/{call_id}/edit").status_code == 404


def test_the_author_edits_a_call_and_another_member_may_not(app, client, sign_in):
    with app.app_context():
        partner = make_partner()
        call_id = make_call(partner).id
        names = partner.username, make_user().username
    sign_in(names[1])
    assert client.get(f"/funding/{call_id}/edit").status_code == 403
    client.post("/auth/logout")
    sign_in(names[0])
    assert client.get(f"/funding/{call_id}/edit").status_code == 200
    response = client.post(f"/funding/{call_id}/edit", data=form_of(title="Renamed fund"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Call, call_id).title == "Renamed fund"


def test_an_admin_marks_a_partner_organisation_and_others_may_not(app, client, sign_in):
    with app.app_context():
        admin, moderator = make_user(role=Role.ADMIN).username, make_user(role=Role.MODERATOR).username
        target = make_user("oecs").username
    sign_in(moderator)
    assert client.get("/funding/partners").status_code == 403
    client.post("/auth/logout")
    sign_in(admin)
    assert client.post("/funding/partners", data={"username": "nobody-here"}).status_code == 400
    assert client.post("/funding/partners", data={"username": target}).status_code == 302
    assert target in client.get("/funding/partners").get_data(as_text=True)
