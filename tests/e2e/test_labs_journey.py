"""A member joins the Agriculture Innovation Lab from the directory; a lead adds an event. Real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import sign_in
from tests.e2e.conftest import loaded_width
from tests.factories import add_member, get_lab, make_user
from tests.images import picture

pytestmark = pytest.mark.e2e


def test_a_member_joins_the_agriculture_lab_and_a_lead_adds_an_event(app, page, base_url, assert_accessible):
    with app.app_context():
        member = make_user(username="shanice-b").username
        lead = add_member(get_lab(), make_user(username="lead-kemar"), role="lead").user.username

    sign_in(page, base_url, member)
    expect(page.get_by_text(re.compile(rf"Welcome(?: back)?, {member}"))).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Labs").click()
    expect(page.get_by_role("heading", name="Innovation labs", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Theme").select_option("agriculture")
    page.get_by_role("button", name="Show labs").click()
    expect(page).to_have_url(re.compile(r"theme=agriculture"))
    assert_accessible(page)
    page.get_by_role("link", name="Agriculture Innovation Lab").click()
    expect(page.get_by_role("heading", name="Agriculture Innovation Lab", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Join the lab").click()
    expect(page.get_by_text("Welcome to Agriculture Innovation Lab!")).to_be_visible()
    expect(page.get_by_text("You are a member of this lab.")).to_be_visible()
    expect(page.get_by_role("heading", name="2 members")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="All members of the lab in the directory").click()
    expect(page).to_have_url(re.compile(r"/members/\?lab=agriculture$"))
    expect(page.get_by_label("Lab", exact=True)).to_have_value("agriculture")
    expect(page.get_by_text("2 members", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=member, exact=True).click()
    labs = page.get_by_role("region", name="Labs")
    expect(labs.get_by_role("link", name="Agriculture Innovation Lab")).to_be_visible()
    assert_accessible(page)

    # Post an initiative in the lab from its "Post in this lab" button.
    labs.get_by_role("link", name="Agriculture Innovation Lab").click()
    page.get_by_role("link", name="Post in this lab").click()
    expect(page).to_have_url(re.compile(r"/initiatives/new\?lab=agriculture$"))
    expect(page.get_by_label("Lab", exact=True)).to_have_value("agriculture")
    assert_accessible(page)
    page.get_by_label("Title").fill("Drones count the banana trees of Saint Lucia")
    page.get_by_label("Forum category").select_option(label="Agriculture & food security")
    page.get_by_label("Summary").fill("Extension officers map plantations after storms in days, not weeks.")
    page.get_by_label("The initiative").fill("We fly **two drones** with the cooperatives.")
    page.get_by_label("Country", exact=True).select_option("LC")
    page.get_by_label("Sector").select_option("agriculture")
    page.get_by_role("button", name="Publish the initiative").click()
    expect(page.get_by_text("Your initiative is shared")).to_be_visible()
    facts = page.locator("dl.case-facts")
    expect(facts.get_by_role("link", name="Agriculture Innovation Lab")).to_be_visible()
    assert_accessible(page)
    facts.get_by_role("link", name="Agriculture Innovation Lab").click()
    initiatives = page.get_by_role("region", name="Initiatives")
    expect(
        initiatives.get_by_role("link", name="Drones count the banana trees of Saint Lucia")
    ).to_be_visible()
    assert_accessible(page)
    initiatives.get_by_role("link", name="All initiatives of the lab").click()
    expect(page).to_have_url(re.compile(r"/initiatives/\?lab=agriculture$"))
    expect(page.get_by_text("1 initiative", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out")).to_be_visible()

    sign_in(page, base_url, lead)
    expect(page.get_by_text(re.compile(rf"Welcome(?: back)?, {lead}"))).to_be_visible()
    page.goto(base_url + "/labs/agriculture")
    page.get_by_role("navigation", name="Manage the lab").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Announce an event").click()  # lab events live under /events/ now
    expect(page.get_by_role("heading", name="Announce an event")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Farmer registries: sharing what works")
    page.get_by_label("Starts").fill("2030-03-05T14:00")
    page.get_by_label("Ends").fill("2030-03-05T13:00")  # before it starts: refused
    page.get_by_label("Time zone", exact=True).select_option("America/Port_of_Spain")
    page.get_by_label("Online meeting link").fill("https://meet.example.org/agri")
    page.get_by_role("button", name="Announce the event").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("The event must end after it starts.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ends").fill("2030-03-05T15:30")
    page.get_by_role("button", name="Announce the event").click()
    expect(page.get_by_text("The event is announced.")).to_be_visible()
    assert_accessible(page)

    page.goto(base_url + "/labs/agriculture")
    expect(page).to_have_url(re.compile(r"/labs/agriculture$"))
    events = page.get_by_role("region", name="Events and meetings")
    expect(events.get_by_role("heading", name="Farmer registries: sharing what works")).to_be_visible()
    expect(events.get_by_text("(America/Port_of_Spain)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Manage the lab").get_by_role("link", name="Edit the page").click()
    page.get_by_label("Picture", exact=True).set_input_files(
        files=[{"name": "fields.png", "mimeType": "image/png", "buffer": picture("PNG", size=(1500, 600))}]
    )
    page.get_by_role("button", name="Upload the cover").click()
    expect(page.get_by_text("The cover picture is saved.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lab page").click()
    assert loaded_width(page, "img.lab-cover") in (600, 1200)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/labs/", "/labs/agriculture"])
def test_lab_pages_fit_a_320_pixel_screen_without_csp_violations(browser, base_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(base_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
    assert [text for text in problems if "Content Security Policy" in text] == []
