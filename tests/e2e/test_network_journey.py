"""A visitor reads the network in numbers on a phone and on a desktop: the map, the tables, a lab's
numbers, a CSV. Real Chromium, axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import go, sign_in
from tests.factories import add_member, get_lab, make_initiative, make_profile, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def forget_the_numbers(live_app):
    """Each journey counts its own data: the numbers kept (a minute) from another one are dropped."""
    live_app.extensions.pop("network_numbers", None)


@pytest.fixture
def numbers(app):
    """Three members in Jamaica, one in the agriculture lab with three initiatives; one in Barbados."""
    with app.app_context():
        jamaicans = [make_profile(make_user(), country="JM").user for _ in range(3)]
        make_profile(make_user(), country="BB")
        add_member(get_lab(), jamaicans[0])
        for number in range(3):
            make_initiative(jamaicans[0], country="JM", sdgs=[2], lab="agriculture", title=f"Farm {number}")
        make_initiative(jamaicans[1], country="BB", sector="health")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_visitor_reads_the_map_switches_to_tables_filters_by_a_lab_and_downloads_a_csv(
    page, base_url, assert_accessible, numbers, width
):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + "/")
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="In numbers"))
    expect(page.get_by_role("heading", name="The network in numbers", level=1)).to_be_visible()
    members_map = page.locator("figure", has=page.get_by_role("heading", name="Members by country"))
    expect(members_map.locator("figcaption")).to_have_text("Jamaica has the most members: 3.")
    expect(members_map.get_by_role("link", name="Jamaica: 3")).to_be_visible()
    expect(members_map.get_by_role("link", name="Barbados: fewer than 3")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    assert_accessible(page)

    members_map.get_by_text("Show the numbers as a table").click()
    expect(members_map.get_by_role("row", name="Jamaica 3")).to_be_visible()
    go(page, page.get_by_role("link", name="Tables", exact=True))
    expect(page.locator("main svg")).to_have_count(0)
    expect(page.get_by_role("row", name="2. Zero hunger 3")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Lab", exact=True).select_option("agriculture")
    go(page, page.get_by_role("button", name="Show the numbers"))
    expect(page).to_have_url(re.compile(r"lab=agriculture"))
    by_country = page.locator("figure", has=page.get_by_role("heading", name="Initiatives by country"))
    expect(by_country.locator("figcaption")).to_have_text("Jamaica has the most initiatives: 3.")
    expect(by_country.get_by_role("row", name="Barbados")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download:
        by_country.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "initiatives-by-country.csv"
    with open(download.value.path(), encoding="utf-8") as saved:
        assert saved.read().splitlines() == ["Country or territory,Initiatives", "Jamaica,3"]

    go(page, page.get_by_role("link", name="Charts", exact=True))
    go(page, by_country.get_by_role("link", name="Jamaica: 3"))
    expect(page).to_have_url(
        re.compile(r"/initiatives/\?(country=JM&lab=agriculture|lab=agriculture&country=JM)$")
    )
    expect(page.get_by_text("3 initiatives", exact=True)).to_be_visible()


def test_a_reversed_period_is_explained_next_to_the_form(page, base_url, assert_accessible):
    page.goto(base_url + "/network?from=2025-06&to=2025-01")
    expect(page.get_by_role("alert")).to_have_text("The period ends before it starts: swap the two months.")
    expect(page.get_by_label("From (month)")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_a_member_reads_their_contributions_on_their_profile(app, page, base_url, assert_accessible):
    with app.app_context():
        author = make_profile(make_user(), country="JM").user
        for number in range(2):
            make_initiative(author, country="JM", title=f"Registry {number}")
        username = author.username
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, base_url, username)
    go(page, page.get_by_role("link", name="Your profile"))
    contributions = page.get_by_role("region", name="Contributions")
    summary = contributions.get_by_role("paragraph").first
    expect(summary).to_have_text("Initiatives shared: 2, Comments: 0, Useful marks received: 0.")
    contributions.get_by_text("Show the numbers as a table").click()
    expect(contributions.get_by_role("row", name="Initiatives shared 2")).to_be_visible()
    assert_accessible(page)
