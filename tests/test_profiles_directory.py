"""The member directory: search, filters, sort, pages, bad links, and a fixed number of queries."""

import re
from datetime import timedelta

import pytest

from community.auth.models import AccountState
from community.extensions import db
from community.profiles import services
from community.profiles.models import VisitorView
from community.utils import utcnow
from tests.factories import add_member, get_lab, make_lab, make_profile, make_user

PEOPLE = [
    # username, name, organization, headline, country, expertise, languages, activity
    (
        "amara-j",
        "Amara Joseph",
        "Ministry of Public Service",
        "Digital ID lead",
        "LC",
        ["digital-identity"],
        ["en", "fr"],
        5,
    ),
    (
        "diego-r",
        "Diego Ramírez",
        "OGTIC",
        "E-procurement pilot",
        "DO",
        ["procurement", "e-services"],
        ["es", "en"],
        9,
    ),
    ("kemar-b", "Kemar Brown", "eGov Jamaica", "Runs procurement reform", "JM", ["procurement"], ["en"], 1),
    (
        "ravi-s",
        "Ravi Singh",
        "Ministry of Digital Transformation",
        "Data governance",
        "TT",
        ["data-governance"],
        ["en", "hi"],
        3,
    ),
]


@pytest.fixture
def people(app):
    with app.app_context():
        start = utcnow() - timedelta(days=10)
        for number, (username, name, org, headline, country, expertise, languages, activity) in enumerate(
            PEOPLE
        ):
            user = make_user(username=username)
            user.created_at = start + timedelta(days=number)
            make_profile(
                user,
                display_name=name,
                organization=org,
                headline=headline,
                country=country,
                expertise=expertise,
                languages=languages,
            )
            services.set_privacy(user, "nobody", VisitorView.FULL)
            services.record_activity(user, activity)
            db.session.commit()


def names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'class="member-card-name"><a href="/members/([^"]+)"', response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ravi-s", "kemar-b", "diego-r", "amara-j"]),
        ("?q=amara", ["amara-j"]),
        ("?q=MINISTRY", ["ravi-s", "amara-j"]),
        ("?q=procurement", ["kemar-b", "diego-r"]),
        ("?q=ministry+transformation", ["ravi-s"]),
        ("?q=%25", []),
        ("?q=_", []),
        ("?country=JM", ["kemar-b"]),
        ("?expertise=procurement", ["kemar-b", "diego-r"]),
        ("?language=es", ["diego-r"]),
        ("?language=en&expertise=procurement&country=DO", ["diego-r"]),
        ("?q=reform&expertise=procurement", ["kemar-b"]),
        ("?sort=name", ["amara-j", "diego-r", "kemar-b", "ravi-s"]),
        ("?sort=active", ["diego-r", "amara-j", "ravi-s", "kemar-b"]),
    ],
)
def test_directory_searches_filters_and_sorts(client, people, sign_in, query, expected):
    sign_in("amara-j")
    assert names(client.get("/members/" + query)) == expected


def test_cards_show_name_headline_country_and_expertise(client, people, sign_in):
    sign_in("amara-j")
    page = client.get("/members/?country=DO").get_data(as_text=True)
    for text in ("Diego Ramírez", "E-procurement pilot", "Dominican Republic", "Procurement", "E-services"):
        assert text in page


def test_filters_stay_in_the_links_of_other_pages(app, client, sign_in):
    with app.app_context():
        for _ in range(30):
            make_profile(country="JM", expertise=["cybersecurity"])
    sign_in(make_user_name(app))
    page = client.get("/members/?country=JM&expertise=cybersecurity&sort=name").get_data(as_text=True)
    assert "/members/?country=JM&amp;expertise=cybersecurity&amp;sort=name&amp;page=2" in page
    second = client.get("/members/?country=JM&expertise=cybersecurity&sort=name&page=2")
    assert len(names(second)) == 5
    assert "selected>Jamaica" in page.replace('"JM" selected', "selected") or 'value="JM" selected' in page


def make_user_name(app) -> str:
    with app.app_context():
        return make_user().username


def test_pages_hold_25_members(app, client):
    with app.app_context():
        for _ in range(27):
            make_user()
    assert len(names(client.get("/members/"))) == 25
    assert len(names(client.get("/members/?page=2"))) == 2


@pytest.mark.parametrize("page", ["0", "-1", "3", "99999999999999999999999", "10001"])
def test_pages_out_of_range_are_404(app, client, page):
    with app.app_context():
        make_user()
    assert client.get(f"/members/?page={page}").status_code == 404


def test_a_page_that_is_not_a_number_shows_the_first(app, client):
    with app.app_context():
        make_user(username="only-one")
    assert names(client.get("/members/?page=abc")) == ["only-one"]


@pytest.mark.parametrize(
    "query", ["?country=XX", "?expertise=astrology", "?language=tlh", "?sort=random", "?country=%01"]
)
def test_unknown_filter_codes_are_ignored_with_a_message(client, people, query):
    response = client.get("/members/" + query)
    assert len(names(response)) == 4
    assert "We left out what we did not recognise" in response.get_data(as_text=True)


def test_long_and_odd_search_text_is_harmless(client, people):
    assert client.get("/members/?q=" + "x" * 5000).status_code == 200
    assert client.get("/members/?q=%27%22%3B--+%00").status_code == 400  # NUL: refused site-wide
    assert names(client.get("/members/?q=ama%01ra%02")) == ["amara-j"]  # control characters dropped
    for name in ("country", "expertise", "language", "sort", "page"):
        assert client.get(f"/members/?{name}=%01%FF").status_code in (200, 404)
        assert client.get(f"/members/?{name}=%00").status_code == 400


def test_unconfirmed_and_banned_members_are_not_listed(app, client):
    with app.app_context():
        make_user(username="pending", confirmed=False)
        banned = make_user(username="banned-one")
        banned.state = AccountState.BANNED
        db.session.commit()
        make_user(username="listed")
    assert names(client.get("/members/")) == ["listed"]


def test_visitors_cannot_find_summary_profiles_by_what_they_hide(app, client, sign_in):
    with app.app_context():
        user = make_user(username="quiet")
        make_profile(
            user,
            display_name="Quiet Agent",
            headline="Cloud lead",
            organization="Hidden Agency",
            country="BB",
            expertise=["cybersecurity"],
            languages=["nl"],
        )
    assert names(client.get("/members/?q=cloud")) == ["quiet"]  # the headline is public
    assert names(client.get("/members/?country=BB")) == ["quiet"]
    for query in ("?q=hidden", "?expertise=cybersecurity", "?language=nl"):
        assert names(client.get("/members/" + query)) == []
    page = client.get("/members/").get_data(as_text=True)
    assert "Cybersecurity" not in page.split('<h2 class="visually-hidden"')[1]
    sign_in(make_user_name(app))
    for query in ("?q=hidden", "?expertise=cybersecurity", "?language=nl"):
        assert names(client.get("/members/" + query)) == ["quiet"]


def _fill(app, count: int) -> None:
    with app.app_context():
        for number in range(count):
            user = make_user()
            make_profile(
                user,
                headline="Agent",
                country="GY",
                expertise=["e-services", "open-data"],
                languages=["en"],
                tags=[f"tag{number}"],
            )
            if number % 3 == 0:
                user.role = "moderator"
            if number % 2 == 0:
                add_member(get_lab(), user)
        make_lab()  # one more lab in the lab filter's list
        db.session.commit()


@pytest.mark.parametrize(
    "path",
    [
        "/members/",
        "/members/?q=agent&country=GY&expertise=e-services&language=en",
        "/members/?sort=active",
        "/members/?lab=agriculture&country=GY&sort=name",
        "/members/?lab=no-such-lab",
        "/",
    ],
)
def test_directory_and_home_run_a_fixed_number_of_queries(app, client, sign_in, count_queries, path):
    sign_in(make_user_name(app))
    _fill(app, 2)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _fill(app, 40)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == few.count, many.statements
    # session, unread notifications, the page itself; a member's "/" is their dashboard (home.queries),
    # with their coming events (events.dashboard)
    assert few.count <= (14 if path == "/" else 7)


def test_a_topic_keeps_its_case_and_is_found_whatever_the_case_searched(app, client, signed_in_member):
    with app.app_context():
        make_profile(make_user(username="gov-tech"), display_name="Tech Agent", tags=["GovTech"])
    assert names(client.get("/members/?q=govtech")) == ["gov-tech"]
    assert "GovTech" in client.get("/members/gov-tech").get_data(as_text=True)
