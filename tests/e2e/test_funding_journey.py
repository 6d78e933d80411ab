"""A partner organisation posts a call; a member with a fitting profile is alerted and sees it matched to
their initiative with the reasons; another government offers to partner and is accepted; the deadline
reminder goes out. Real Chromium, axe-core on every page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from community.funding import services
from community.utils import utcnow
from tests.e2e.browsing import go, sign_in, sign_out
from tests.factories import make_initiative, make_profile, make_user
from tests.funding_helpers import make_partner

pytestmark = pytest.mark.e2e


def _local(days: float) -> str:
    return (utcnow() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def test_a_call_reaches_a_fitting_member_who_teams_up_and_is_reminded(app, page, base_url, assert_accessible):
    with app.app_context():
        partner = make_partner("cdb-desk").username
        member = make_profile(make_user("castries-agent"), country="LC").user.username
        make_initiative(
            _user(member), title="Farmers' e-wallet", country="LC", sector="agriculture", sdgs=[2]
        )
        government = make_profile(make_user("kingston-gov"), country="JM").user.username

    # The member asks for alerts and says what the initiative seeks.
    sign_in(page, base_url, member)
    page.goto(base_url + "/settings/notifications")
    assert_accessible(page)
    go(page, page.get_by_role("link", name=re.compile("Funding alerts")))
    assert_accessible(page)
    page.get_by_label("At once, one notification per new call").check()
    page.get_by_label("Agriculture, fisheries and food").check()
    go(page, page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Your funding alerts are saved.")).to_be_visible()
    page.goto(base_url + "/initiatives/")
    go(page, page.get_by_role("link", name="Farmers' e-wallet"))
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Say what the initiative seeks"))
    assert_accessible(page)
    page.get_by_label("Co-funding sought (amount)").fill("60000")
    page.get_by_label("Currency of the co-funding").select_option("XCD")
    page.get_by_label("Partner countries sought").select_option(["JM"])
    go(page, page.get_by_role("button", name="Save"))
    partners = page.get_by_role("region", name="Partners and funding")
    expect(partners.get_by_text("Seeking funding")).to_be_visible()
    expect(partners.get_by_text("60,000 XCD")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The partner organisation posts a call, closing in six days.
    sign_in(page, base_url, partner)
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Funding"))
    expect(page.get_by_role("heading", name="Funding calls", level=1)).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Post a call"))
    assert_accessible(page)
    page.get_by_label("Funder").fill("Caribbean Development Bank")
    page.get_by_label("Title").fill("Digital agriculture challenge fund")
    page.get_by_label("Summary").fill("Grants for digital services to small farmers.")
    page.get_by_label("Kind of support").select_option("grant")
    page.get_by_label("Link to apply").fill("https://funder.example/apply")
    page.get_by_label("Smallest amount").fill("50000")
    page.get_by_label("Largest amount").fill("10")
    page.get_by_label("Opens on").fill(_local(-3))
    page.get_by_label("Closes on (the deadline)").fill(_local(6))
    page.get_by_label("Time zone of these dates").select_option("America/Barbados")
    page.get_by_label("Eligible countries").select_option(["LC", "JM"])
    page.get_by_label("Agriculture, fisheries and food").check()
    page.get_by_label("2. Zero hunger").check()
    go(page, page.get_by_role("button", name="Publish the call"))
    expect(page.get_by_text("The largest amount cannot be smaller than the smallest.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Largest amount").fill("250000")
    go(page, page.get_by_role("button", name="Publish the call"))
    expect(page.get_by_text("The call is published.")).to_be_visible()
    expect(page.get_by_text("Partner organisation", exact=True)).to_be_visible()
    expect(page.get_by_text("Closing within 14 days")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The member is alerted, sees the call matched to the initiative with the reasons, and saves it.
    sign_in(page, base_url, member)
    page.goto(base_url + "/notifications")
    assert_accessible(page)
    go(page, page.get_by_role("link", name=re.compile("A new funding call fits you")))
    matches = page.get_by_role("region", name="Initiatives that fit this call")
    expect(
        matches.get_by_text("St. Lucia is eligible; agriculture, fisheries and food; SDG 2")
    ).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Save and remind me"))
    expect(page.get_by_text("Saved: we will remind you 7 days before the deadline.")).to_be_visible()
    sign_out(page)

    # Another government offers to partner.
    sign_in(page, base_url, government)
    page.goto(base_url + "/initiatives/?seeking=funding")
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Farmers' e-wallet"))
    go(page, page.get_by_role("link", name="Offer to join"))
    assert_accessible(page)
    page.get_by_label("Partner government").check()
    page.get_by_label("Message to the author").fill("Jamaica would pilot the wallet with two cooperatives.")
    go(page, page.get_by_role("button", name="Send the offer"))
    expect(page.get_by_text("Your offer is sent to the author.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The author accepts; the partner is listed with country and role.
    sign_in(page, base_url, member)
    page.goto(base_url + "/initiatives/?seeking=partners")
    go(page, page.get_by_role("link", name="Farmers' e-wallet"))
    expect(page.get_by_text("Jamaica would pilot the wallet with two cooperatives.")).to_be_visible()
    go(page, page.get_by_role("button", name=f"Accept {government}"))
    expect(page.get_by_text("Partner accepted.")).to_be_visible()
    partners = page.get_by_role("region", name="Partners and funding")
    expect(partners.get_by_role("listitem").filter(has_text=government)).to_contain_text("Jamaica")
    expect(partners.get_by_role("listitem").filter(has_text=government)).to_contain_text("Partner government")
    assert_accessible(page)

    # The deadline reminder goes out (the daily command's work).
    with app.app_context():
        assert services.send_reminders() == 1
    page.goto(base_url + "/notifications")
    expect(page.get_by_role("link", name=re.compile("A call you saved closes in 7 days"))).to_be_visible()
    assert_accessible(page)
    page.goto(base_url + "/funding/saved")
    assert_accessible(page)


def _user(username: str):
    from tests.factories import get_user

    return get_user(username)


def test_the_funding_pages_fit_a_phone_without_sideways_scrolling(app, page, base_url, assert_accessible):
    with app.app_context():
        from tests.funding_helpers import make_call

        partner = make_partner("narrow-partner")
        call_id = make_call(
            partner, title="A call with a rather long title about digital public infrastructure"
        ).id
        username = partner.username
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, base_url, username)
    for path in (
        "/funding/",
        f"/funding/{call_id}",
        "/funding/new",
        f"/funding/{call_id}/edit",
        "/funding/alerts",
    ):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide at 375px"
        assert_accessible(page)


@pytest.mark.parametrize("language", ["es", "fr", "nl"])
def test_the_funding_pages_speak_each_language_and_pass_axe(app, page, base_url, assert_accessible, language):
    with app.app_context():
        from tests.funding_helpers import make_call, seek

        partner = make_partner(f"partner-{language}")
        call_id = make_call(partner).id
        initiative = make_initiative(partner, country="LC", sector="agriculture", sdgs=[2])
        seek(initiative, partner_countries=["JM"], cofunding_amount=1000, cofunding_currency="EUR")
        iid, username = initiative.id, partner.username
    page.context.add_cookies([{"name": "locale", "value": language, "url": base_url}])
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, base_url, username)
    heading = {
        "es": "Convocatorias de financiación",
        "fr": "Appels de financement",
        "nl": "Oproepen voor financiering",
    }
    for path in ("/funding/", f"/funding/{call_id}", "/funding/new", f"/initiatives/{iid}",
                 f"/funding/initiatives/{iid}/needs", f"/funding/initiatives/{iid}/matches"):  # fmt: skip
        page.goto(base_url + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert_accessible(page)
    page.goto(base_url + "/funding/")
    expect(page.get_by_role("heading", name=heading[language], level=1)).to_be_visible()
