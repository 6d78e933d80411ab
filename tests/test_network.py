"""/network: the network in numbers, counted against hand-made data through HTTP."""

import csv
import io

import pytest

from community.auth.models import AccountState
from community.extensions import db
from community.network import panels, svg
from community.profiles.models import EmailVisibility, VisitorView
from community.profiles.services import set_privacy
from community.utils import utcnow
from tests.factories import add_member, get_lab, make_comment, make_initiative, make_profile, make_user

SEEN = 1 + panels.query_count()  # the labs the filter offers, then each panel's aggregate queries


@pytest.fixture(autouse=True)
def forget_the_numbers(app):
    """Each test counts its own data: the numbers another test kept (a minute) are dropped."""
    app.extensions.pop("network_numbers", None)


def _member(country: str | None):
    return make_profile(make_user(), country=country).user


@pytest.fixture
def network(app):
    """Jamaica: 4 listed members (plus one unconfirmed and one banned, not counted); Trinidad: 1. Both in the
    agriculture lab, the Trinidadian's profile open to everyone.

    Jamaica: 3 initiatives (health, pilot, SDG 3) and a hidden one; Trinidad: 1 in the agriculture lab
    (education, idea, SDGs 3 and 4). Comments: 4 visible, 1 hidden, 1 deleted.
    """
    with app.app_context():
        jamaicans = [_member("JM") for _ in range(4)]
        make_profile(make_user(confirmed=False), country="JM")
        banned = _member("JM")
        banned.state = AccountState.BANNED
        trini = _member("TT")
        set_privacy(trini, EmailVisibility.NOBODY, VisitorView.FULL)
        add_member(get_lab(), trini)
        add_member(get_lab(), jamaicans[3])  # a summary profile: visitors do not learn its labs
        cases = [
            make_initiative(jamaicans[0], country="JM", sector="health", sdgs=[3], title=f"Clinic {n}")
            for n in range(3)
        ]
        hidden = make_initiative(jamaicans[1], country="JM", sector="finance", title="Hidden")
        hidden.is_hidden = True
        lab_case = make_initiative(
            trini, country="TT", sector="education", stage="idea", sdgs=[3, 4], lab="agriculture"
        )
        for author in jamaicans[1:]:
            make_comment(lab_case, author)
        make_comment(cases[0], jamaicans[1])
        make_comment(cases[0], jamaicans[2]).is_hidden = True
        make_comment(cases[0], jamaicans[3]).deleted_at = utcnow()
        db.session.commit()
        return {"author": jamaicans[0].username}


def _csv(client, key: str, query: str = "") -> dict[str, str]:
    response = client.get(f"/network/{key}.csv{query}")
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    return {label: value for label, value, *_ in rows[1:]}


def test_members_are_counted_by_country_leaving_out_those_the_directory_hides(client, network):
    page = client.get("/network").get_data(as_text=True)
    assert "Jamaica has the most members: 4." in page
    counts = _csv(client, "members-by-country")
    assert counts["Jamaica"] == "4"
    assert counts["Trinidad & Tobago"] == "fewer than 3"
    assert counts["Barbados"] == "0"


def test_initiatives_are_counted_by_goal_sector_stage_and_country_without_hidden_ones(client, network):
    assert _csv(client, "initiatives-by-goal")["3. Good health and well-being"] == "4"
    assert _csv(client, "initiatives-by-goal")["4. Quality education"] == "fewer than 3"
    sectors = _csv(client, "initiatives-by-sector")
    assert sectors == {"Health": "3", "Education": "fewer than 3"}
    stages = _csv(client, "initiatives-by-stage")
    assert stages["Pilot"] == "3" and stages["Idea"] == "fewer than 3" and stages["Completed"] == "0"
    assert _csv(client, "initiatives-by-country") == {"Jamaica": "3", "Trinidad & Tobago": "fewer than 3"}


def test_new_things_are_counted_per_month_over_24_months(client, network):
    comments = _csv(client, "new-comments")
    assert len(comments) == 24
    assert list(comments.values())[-1] == "4"  # this month: the hidden and the deleted comment left out
    assert list(_csv(client, "new-members").values())[-1] == "5"  # 4 in Jamaica, 1 in Trinidad
    assert set(list(_csv(client, "new-initiatives").values())[:-1]) == {"0"}


def test_labs_are_ranked_by_their_new_initiatives_and_comments(client, network):
    response = client.get("/network/labs-by-activity.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        ["Lab", "New initiatives and comments", "New initiatives", "New comments"],
        ["Agriculture Innovation Lab", "4", "1", "3"],
    ]


def test_filtering_by_a_lab_counts_its_members_and_initiatives_only(client, network):
    assert _csv(client, "initiatives-by-country", "?lab=agriculture") == {"Trinidad & Tobago": "fewer than 3"}
    members = _csv(client, "members-by-country", "?lab=agriculture")
    assert members["Trinidad & Tobago"] == "fewer than 3" and members["Jamaica"] == "0"
    page = client.get("/network?lab=agriculture").get_data(as_text=True)
    assert "/initiatives/?lab=agriculture" in page  # the charts link to the lists they count


def test_filtering_by_a_country_and_the_links_open_that_countrys_lists(client, network):
    assert _csv(client, "initiatives-by-country", "?country=JM") == {"Jamaica": "3"}
    page = client.get("/network").get_data(as_text=True)
    assert 'href="/initiatives/?country=JM"' in page
    assert 'href="/members/?country=JM"' in page
    assert 'href="/initiatives/?sdg=3"' in page


def test_a_period_without_data_says_so_instead_of_drawing_empty_charts(client, network):
    response = client.get("/network?from=2001-01&to=2001-12")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Nothing to count for these filters" in page
    assert "<svg" not in page.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?country=XX", 404, "There is no country with the code"),
        ("?lab=no-such-lab", 404, "There is no lab"),
        ("?from=2025-06&to=2025-01", 400, "The period ends before it starts"),
        ("?from=1999-12", 400, "Choose a month between 2000-01 and"),
        ("?to=2999-01", 400, "Choose a month between 2000-01 and"),
        ("?from=2025-13", 400, "for example 2025-03"),
        ("?from=last+year", 400, "for example 2025-03"),
    ],
)
def test_a_bad_filter_gets_a_clear_message_and_no_charts(client, query, status, message):
    response = client.get(f"/network{query}")
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert message in page
    assert 'role="alert"' in page and 'aria-invalid="true"' in page
    assert client.get(f"/network/members-by-country.csv{query}").status_code == status


def test_an_unknown_chart_has_no_download(client):
    assert client.get("/network/nothing.csv").status_code == 404
    assert client.get("/network/members-by-country.pdf").status_code == 404


def test_each_chart_downloads_as_svg_and_png(client, network):
    drawing = client.get("/network/initiatives-by-goal.svg")
    assert drawing.content_type == "image/svg+xml"
    assert drawing.headers["Content-Disposition"] == 'attachment; filename="initiatives-by-goal.svg"'
    body = drawing.get_data(as_text=True)
    assert "<title>Initiatives by Sustainable Development Goal</title>" in body
    assert 'href="https://network.example/initiatives/?sdg=3"' in body
    picture = client.get("/network/members-by-country.png")
    assert picture.content_type == "image/png"
    assert picture.data.startswith(b"\x89PNG")


@pytest.fixture
def counted_at_each_write(app, monkeypatch):
    """Numbers kept until the next write (the site keeps them a minute whatever happens)."""
    monkeypatch.setitem(app.config, "NETWORK_FRESH_SECONDS", 0)


def test_numbers_are_kept_a_minute_even_when_the_site_is_written_to(app, client, network, count_queries):
    assert _csv(client, "initiatives-by-country", "?country=JM") == {"Jamaica": "3"}
    with app.app_context():
        make_initiative(_member("JM"), country="JM", sector="health")
    with count_queries() as counter:
        assert _csv(client, "initiatives-by-country", "?country=JM") == {"Jamaica": "3"}
    assert counter.count == 0


def test_the_page_runs_a_fixed_number_of_queries_and_keeps_its_numbers_until_a_write(
    app, client, network, count_queries, counted_at_each_write
):
    with count_queries() as counter:
        assert client.get("/network?country=JM").status_code == 200
    assert counter.count == SEEN
    with count_queries() as counter:
        assert client.get("/network?country=JM&view=table").status_code == 200
    assert counter.count == 0  # kept: the same numbers, shown as tables
    with app.app_context():
        for _ in range(3):
            make_initiative(_member("JM"), country="JM", sector="health")
    with count_queries() as counter:
        page = client.get("/network?country=JM&from=2020-01").get_data(as_text=True)
    assert counter.count == SEEN  # more data, filters: the same statements
    assert _csv(client, "initiatives-by-country", "?country=JM") == {"Jamaica": "6"}  # a write refreshed it
    assert "Nothing to count" not in page


def test_every_colour_reads_well_on_its_fill():
    fills = [*svg.SDG_COLOURS.values(), *svg.BLUES, svg.EMPTY_TILE, svg.BAR]
    for fill in fills:
        assert svg.contrast(fill, svg.text_on(fill)) >= 4.5, fill
    assert svg.contrast(svg.BAR, "#ffffff") >= 4.5  # the bars stand out on the white page
    assert svg.contrast(svg.OUTLINE, "#ffffff") >= 3  # the SDG bars' outline too


def test_the_page_is_small_and_loads_nothing_from_elsewhere(client, network):
    import gzip

    page = client.get("/network").data
    assert len(gzip.compress(page)) < 50_000
    assert b"<script" not in page
    assert b"http://" not in page.split(b"<main", 1)[1].replace(b"http://www.w3.org/2000/svg", b"")


def test_a_member_reads_their_own_contributions_on_their_profile(client, network, sign_in):
    sign_in(network["author"])
    page = client.get(f"/members/{network['author']}").get_data(as_text=True)
    assert '<h2 id="contributions-title">Contributions</h2>' in page
    assert "Initiatives shared: 3, Comments: 0, Useful marks received: 0." in page  # the hidden one left out


def test_nobody_else_sees_a_members_contributions(app, client, network, sign_in):
    with app.app_context():
        make_user(username="someone-else")
    assert "contributions-title" not in client.get(f"/members/{network['author']}").get_data(as_text=True)
    sign_in("someone-else")
    assert "contributions-title" not in client.get(f"/members/{network['author']}").get_data(as_text=True)


@pytest.mark.parametrize("locale", ["es", "fr", "nl"])
def test_the_page_speaks_the_readers_language(client, network, locale):
    page = client.get("/network", headers={"Accept-Language": locale}).get_data(as_text=True)
    assert "The network in numbers" not in page


def test_the_demo_fills_every_chart(app, client):
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    page = client.get("/network").get_data(as_text=True)
    assert "has the most members" in page and "Most initiatives serve goal" in page
    assert "was the most active lab in the last 90 days" in page
    assert 'class="notice"' not in page.split("<main", 1)[1]  # no chart says it has nothing to show


def test_without_the_cairo_library_the_page_offers_no_png(client, network, monkeypatch):
    from community.network import views

    monkeypatch.setattr(views, "_png_available", lambda: False)
    page = client.get("/network?view=table").get_data(as_text=True)
    assert ".svg" in page and ".png" not in page
    assert client.get("/network/members-by-country.png").status_code == 404
