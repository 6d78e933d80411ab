"""The capability assessment in a real Chromium: a self-assessment rated with the keyboard alone,
then a team round closed, agreed and published, and the regional view. axe-core on every page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from community.assessments import services
from community.assessments.models import Round
from community.extensions import db
from community.utils import utcnow
from tests.e2e.browsing import go, sign_in, sign_out
from tests.e2e.keyboard import press, tab_to
from tests.factories import get_user, make_user

pytestmark = pytest.mark.e2e

# Per step, the rating of each statement: a value on the 1-5 scale, or "dk" for "don't know".
RATINGS = [["5", "4", "4", "5"], ["3", "3", "dk", "3"], ["2", "1", "2", "2"],
           ["3", "4", "3", "3"], ["4", "4", "3", "dk"], ["2", "2", "3", "2"]]  # fmt: skip


def rate_with_the_keyboard(page, ratings: list[str]) -> None:
    """Tab into each statement's radio group, Space picks the first level, arrows move to the rating."""
    for number, rating in enumerate(ratings, start=1):
        first = tab_to(page, lambda element, n=number: element["id"] == f"rating_{n}-0")
        assert first["type"] == "radio"
        chosen = press(page, "Space")
        steps = 5 if rating == "dk" else int(rating) - 1
        for _ in range(steps):
            chosen = press(page, "ArrowRight")
        assert chosen["checked"] is True and chosen["value"] == rating, chosen
    tab_to(page, lambda element: element["tag"] == "input" and element["value"] == "Save and continue")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def published_round(facilitator, members, name, country, level):
    """A team's round rated, agreed and published through the services."""
    round_ = services.open_round(
        facilitator,
        {"name": name, "kind": "country", "country": country},
        utcnow().date() + timedelta(days=3),
        [m.username for m in members],
    )
    services.close_round(facilitator, round_)
    agreed = {sid: (level, "") for sid in round_.framework.statement_ids}
    services.save_consensus(facilitator, round_, None, agreed)
    services.publish_round(facilitator, round_, "")


def rate_round_in_services(round_id: int, user, level: int) -> None:
    round_ = db.session.get(Round, round_id)
    participant = next(p for p in round_.participants if p.user_id == user.id)
    assessment = services.take_part(user, round_, participant)
    for dimension in round_.framework.dimensions:
        services.save_dimension(
            user, assessment, dimension["id"], {s["id"]: (level, "") for s in dimension["statements"]}
        )
    services.submit_assessment(user, assessment)


def test_a_member_assesses_alone_then_a_team_publishes_and_the_region_appears(
    app, page, base_url, assert_accessible
):
    with app.app_context():
        for name in ("ilse-v", "tomas-k", "wendy-a", "other-lead"):
            make_user(username=name)
        lead, others = get_user("other-lead"), [get_user("tomas-k"), get_user("wendy-a")]
        published_round(lead, others, "Jamaica team", "JM", 3)
        published_round(lead, others, "Barbados team", "BB", 4)

    sign_in(page, base_url, "ilse-v")
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Assessments"))
    expect(page.get_by_role("heading", name="Digital government capability assessment")).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Start a self-assessment"))
    assert_accessible(page)
    page.get_by_label("Organisation").fill("Ministry of Economic Affairs, Aruba")
    go(page, page.get_by_role("button", name="Begin"))

    # The rating pages, with the keyboard alone: one dimension per page, saved at every step.
    for step, ratings in enumerate(RATINGS, start=1):
        expect(page.locator(".breadcrumb")).to_contain_text(f"Step {step} of 6")
        assert_accessible(page)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        rate_with_the_keyboard(page, ratings)
    expect(page.get_by_role("heading", name="Review and submit")).to_be_visible()
    assert_accessible(page)
    tab_to(page, lambda element: element["name"] == "Submit the assessment")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")

    expect(page.get_by_text("Your assessment is submitted.")).to_be_visible()
    expect(page.get_by_role("img", name="Radar chart of the score per dimension")).to_be_visible()
    expect(page.get_by_role("img", name="Bar chart of the score per dimension")).to_be_visible()
    table = page.get_by_role("table").first
    vision = table.locator("tr", has_text="Vision and leadership").locator("td")
    expect(vision).to_have_text(["4.50", "4 / 4", "0"])
    strategy = table.locator("tr", has_text="Strategy and governance").locator("td")
    expect(strategy).to_have_text(["3.00", "3 / 4", "1"])
    expect(page.get_by_text("Strongest:")).to_contain_text("Vision and leadership")
    expect(page.get_by_text("Weakest:")).to_contain_text("Legal and regulatory frame")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 800})

    # A team round: opened in the browser, two colleagues rate, the facilitator closes and agrees.
    page.goto(base_url + "/assessments/rounds/new")
    assert_accessible(page)
    page.get_by_label("Team name").fill("Aruba country team")
    page.get_by_label("Country").select_option("AW")
    page.get_by_label("Closing date").fill((utcnow().date() + timedelta(days=7)).isoformat())
    page.get_by_label("Invite members").fill("tomas-k\nwendy-a")
    go(page, page.get_by_role("button", name="Open the round"))
    expect(page.get_by_text("The round is open")).to_be_visible()
    assert_accessible(page)
    round_id = int(page.url.rsplit("/", 1)[1])
    with app.app_context():
        rate_round_in_services(round_id, get_user("tomas-k"), 2)
        rate_round_in_services(round_id, get_user("wendy-a"), 4)
    page.reload()
    go(page, page.get_by_role("button", name="Close the round now"))
    go(page, page.get_by_role("link", name="See the spread and agree the scores"))
    expect(page.get_by_role("heading", name="Spread and consensus")).to_be_visible()
    assert_accessible(page)
    for number in range(1, 25):
        page.locator(f"#rating_{number}-2").check()
    go(page, page.get_by_role("button", name="Save the consensus"))
    expect(page.get_by_text("The consensus is saved.")).to_be_visible()
    page.get_by_label("Summary for readers").fill("Strong leadership; skills next.")
    go(page, page.get_by_role("button", name="Publish the team's result"))
    expect(page.get_by_text("The team's result is published.")).to_be_visible()
    expect(page.get_by_role("img", name="Radar chart of the score per dimension")).to_be_visible()
    assert_accessible(page)

    # The region: three teams from three countries published; the team shows its own beside it.
    go(page, page.get_by_role("link", name="Compare with the region"))
    expect(page.get_by_text("3 teams from 3 countries")).to_be_visible()
    expect(page.get_by_text("Diamond: Aruba country team.")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Spread of team scores"))).to_be_visible()
    assert_accessible(page)
    sign_out(page)
    assert_accessible(page)
