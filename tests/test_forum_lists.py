"""Lists of initiatives: filters in the URL, sorting, pages, exports, feeds, fixed query counts."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from community.extensions import db
from community.forum import services
from community.forum.vocabulary import Stage
from tests.factories import add_member, get_lab, make_comment, make_initiative, make_user

ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def cases(app):
    """Three initiatives that differ by every filter."""
    with app.app_context():
        make_initiative(
            title="Farm drones pilot",
            country="JM",
            sector="agriculture",
            sdgs=[2, 13],
            stage=Stage.SCALING,
            language="en",
            tags=["drones"],
            category="agriculture",
        )
        make_initiative(
            title="Registro civil digital",
            country="DO",
            sector="public-administration",
            sdgs=[16],
            stage=Stage.PILOT,
            language="es",
            tags=["e-id"],
        )
        make_initiative(
            title="École numérique",
            country="HT",
            sector="education",
            sdgs=[4],
            stage=Stage.IDEA,
            language="fr",
        )


def test_filters_combine_and_stay_in_the_urls(client, cases):
    page = _titles(client, "/initiatives/?country=JM&sdg=2&stage=scaling")
    assert "Farm drones pilot" in page and "Registro" not in page and "École numérique" not in page
    assert "country=JM" in page and "sdg=2" in page  # in the export links
    assert "Registro civil" in _titles(client, "/initiatives/?language=es")
    assert "Registro civil" not in _titles(client, "/initiatives/?language=es&sector=education")
    assert "École numérique" in _titles(client, "/initiatives/?sector=education")


def test_category_and_tag_lists(client, cases):
    page = _titles(client, "/initiatives/categories/agriculture")
    assert "Farm drones pilot" in page and "Registro" not in page
    page = _titles(client, "/initiatives/tags/e-id")
    assert "Registro civil" in page and "Farm drones" not in page


@pytest.mark.parametrize(
    "query",
    [
        "sdg=99", "sdg=abc", "page=999", "page=abc", "country=<script>", "sort=drop%20table",
        "stage=" + "x" * 5000, "language[]=en", "sector=%01", "sdg=2&sdg=3",
    ],
)  # fmt: skip
def test_bad_filters_are_ignored_never_an_error(client, cases, query):
    assert client.get(f"/initiatives/?{query}").status_code == 200
    assert client.get(f"/initiatives/export.csv?{query}").status_code == 200


def test_a_nul_byte_in_a_filter_is_refused(client):
    assert client.get("/initiatives/?sector=%00").status_code == 400


def test_sorting_by_activity_newest_and_usefulness(app, client):
    with app.app_context():
        old = make_initiative(title="Old but discussed")
        useful = make_initiative(title="Most useful one")
        make_initiative(title="Brand new")
        make_comment(old)
        services.toggle_useful(make_user(), initiative=useful)

    def order(url):
        page = _titles(client, url)
        return sorted(["Old but discussed", "Most useful one", "Brand new"], key=page.index)

    assert order("/initiatives/")[0] == "Old but discussed"
    assert order("/initiatives/?sort=newest")[0] == "Brand new"
    assert order("/initiatives/?sort=useful")[0] == "Most useful one"


def test_lists_are_paginated(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "FORUM_PAGE_SIZE", 2)
    with app.app_context():
        author = make_user()
        for number in range(5):
            make_initiative(author=author, title=f"Case number {number}")
    first = _titles(client, "/initiatives/?sort=newest")
    assert "Case number 4" in first and "Case number 2" not in first and "Page 1 of 3" in first
    assert "page=2" in first and "sort=newest" in first
    last = _titles(client, "/initiatives/?sort=newest&page=3")
    assert "Case number 0" in last and "Case number 4" not in last


def test_the_list_exports_as_csv_and_json_with_its_filters(app, client, cases):
    response = client.get("/initiatives/export.json?language=es")
    assert response.headers["Content-Disposition"] == 'attachment; filename="initiatives.json"'
    data = json.loads(response.get_data(as_text=True))
    assert data["count"] == 1
    row = data["initiatives"][0]
    assert row["title"] == "Registro civil digital" and row["sdgs"] == [16] and row["licence"] == "CC BY 4.0"
    assert row["url"].startswith("https://network.example/initiatives/")
    response = client.get("/initiatives/export.csv?category=agriculture")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["title"] for r in rows] == ["Farm drones pilot"] and rows[0]["sdgs"] == "2; 13"


def test_csv_cells_cannot_run_as_formulas(app, client):
    with app.app_context():
        make_initiative(title='=HYPERLINK("https://evil.example")', summary="+1 and -1 and @sum")
    rows = list(csv.DictReader(io.StringIO(client.get("/initiatives/export.csv").get_data(as_text=True))))
    assert rows[0]["title"].startswith("'=") and rows[0]["summary"].startswith("'+")


def test_hidden_initiatives_stay_out_of_exports_and_feeds(app, client, cases):
    with app.app_context():
        hidden = make_initiative(title="Secret hidden case")
        hidden.is_hidden = True
        db.session.commit()
    assert "Secret hidden case" not in client.get("/initiatives/export.json").get_data(as_text=True)
    assert "Secret hidden case" not in client.get("/feeds/initiatives.atom").get_data(as_text=True)


def test_atom_feeds_of_the_latest_and_of_a_category(client, cases):
    response = client.get("/feeds/initiatives.atom")
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.data)  # noqa: S314 - our own feed
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert set(titles) == {"Farm drones pilot", "Registro civil digital", "École numérique"}
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("https://network.example/initiatives/")
    category = ET.fromstring(client.get("/feeds/categories/agriculture.atom").data)  # noqa: S314 - our own feed
    assert [e.find(f"{ATOM}title").text for e in category.iter(f"{ATOM}entry")] == ["Farm drones pilot"]
    assert client.get("/feeds/categories/nope.atom").status_code == 404


def test_feed_content_is_escaped_html(app, client):
    with app.app_context():
        make_initiative(title="<b>Tags</b> & more", body="A [link](https://gov.example) <script>x</script>")
    feed = ET.fromstring(client.get("/feeds/initiatives.atom").data)  # noqa: S314 - our own feed
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "<b>Tags</b> & more"
    content = entry.find(f"{ATOM}content").text
    assert "<a href" in content and "<script" not in content


def _seed(app, count: int) -> int:
    with app.app_context():
        authors = [make_user() for _ in range(3)]
        last = None
        for author in authors:
            add_member(get_lab(), user=author)
        for number in range(count):
            last = make_initiative(
                author=authors[number % 3],
                tags=[f"tag{number % 4}", "shared"],
                sdgs=[2, 5],
                lab="agriculture" if number % 2 else None,
            )
            make_comment(last, author=authors[(number + 1) % 3])
        return last.id


@pytest.mark.parametrize(
    "path",
    ["/initiatives/", "/initiatives/?lab=agriculture&country=LC&sort=newest", "/initiatives/?lab=nope"],
)
def test_the_list_page_runs_a_fixed_number_of_queries(app, client, sign_in, member, count_queries, path):
    sign_in(member)
    _seed(app, 2)
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _seed(app, 12)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    # 10, plus the profiles of the people it names (one query) and the member's reading (the visit, and
    # the notifications of the initiative marked read: two writes)
    assert few.count == many.count <= 13, many.statements


def test_the_initiative_page_runs_a_fixed_number_of_queries(app, client, sign_in, member, count_queries):
    sign_in(member)
    initiative_id = _seed(app, 1)
    with count_queries() as few:
        assert client.get(f"/initiatives/{initiative_id}").status_code == 200
    with app.app_context():
        from community.forum.models import Initiative

        initiative = db.session.get(Initiative, initiative_id)
        for _ in range(10):
            parent = make_comment(initiative)
            make_comment(initiative, parent=parent)
    with count_queries() as many:
        assert client.get(f"/initiatives/{initiative_id}").status_code == 200
    # 10, plus the profiles of the people it names (one query) and the member's reading (the visit, and
    # the notifications of the initiative marked read: two writes), its capability dimensions
    # (assessments), what it seeks (funding) and whether the member muted it (home)
    assert few.count == many.count <= 16, many.statements


def test_the_filter_form_shows_no_error_for_an_empty_or_bad_query(client, cases):
    for query in ("", "?sdg=99&stage=nope"):
        page = _titles(client, f"/initiatives/{query}")
        assert "Not a valid choice" not in page and "aria-invalid" not in page


def test_goal_choices_are_in_the_readers_language(client):
    client.set_cookie("locale", "es")
    page = client.get("/initiatives/").get_data(as_text=True)
    assert '<option value="3">3. Salud y bienestar</option>' in page


def test_the_home_page_and_the_list_it_links_to_show_initiatives_in_the_same_order(app, client):
    """The home page listed the newest while its link opened the list by latest activity."""
    with app.app_context():
        older, newer = make_initiative(), make_initiative()
        make_comment(older)  # the older one now has the latest activity
        titles = [older.title, newer.title]
    home = client.get("/").get_data(as_text=True)
    link = re.search(r'href="(/initiatives/\?sort=newest)"', home)
    assert link is not None
    listed = client.get(link[1]).get_data(as_text=True)
    assert home.index(titles[1]) < home.index(titles[0])
    assert listed.index(titles[1]) < listed.index(titles[0])
