"""The network's core loop in a real Chromium: a newcomer gets started, watches a lab, sees a peer's new
initiative as new on their home page and in their digest, writes to its author, who replies."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import go, sign_in, sign_out
from tests.factories import (
    DEFAULT_PASSWORD,
    add_member,
    get_lab,
    get_user,
    make_initiative,
    make_profile,
    make_user,
)

pytestmark = pytest.mark.e2e


def _register_and_confirm(page, base_url, outbox, assert_accessible) -> None:
    page.goto(base_url + "/auth/register")
    page.get_by_label("E-mail address").fill("tamika.richards@gov.kn.example")
    page.get_by_label("Username").fill("tamika-r")
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Repeat the password").fill(DEFAULT_PASSWORD)
    go(page, page.get_by_role("button", name="Create my account"))
    [message] = outbox.to("tamika.richards@gov.kn.example")
    page.goto(base_url + outbox.link(message, "/auth/confirm/"))
    go(page, page.get_by_role("button", name="Confirm my address"))
    page.get_by_label("E-mail address or username").fill("tamika-r")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    go(page, page.get_by_role("button", name="Sign in"))


def _get_started(page, assert_accessible) -> None:
    expect(page.get_by_text("Welcome, tamika-r.")).to_be_visible()
    expect(page.get_by_role("heading", name="Get started", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name as others see it").fill("Tamika Richards")
    page.get_by_label("Job title").fill("Digital services lead")
    page.get_by_label("Organisation").fill("Ministry of Information")
    page.get_by_label("Country").select_option("KN")
    go(page, page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_role("heading", name="Your labs", level=2)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Agriculture Innovation Lab").check()
    go(page, page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_role("heading", name="What to watch", level=2)).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Save and finish"))
    expect(page.get_by_role("heading", name="Your home", level=1)).to_be_visible()
    assert_accessible(page)


def test_a_newcomer_gets_started_watches_a_lab_and_talks_with_a_peer(
    app, page, base_url, outbox, assert_accessible
):
    with app.app_context():
        who = {"display_name": "André Henry", "job_title": "ICT manager", "organization": "RADA"}
        author = make_profile(make_user(username="andre-h"), country="JM", **who).user
        add_member(get_lab(), author)
        author_name = author.username

    _register_and_confirm(page, base_url, outbox, assert_accessible)
    _get_started(page, assert_accessible)

    with app.app_context():
        make_initiative(get_user(author_name), title="Farmer registry and drought alerts", lab="agriculture")
        from community.notifications.services import send_digests

        send_digests()
    [digest] = [m for m in outbox.to("tamika.richards@gov.kn.example") if "digest" in m["Subject"].lower()]
    assert "Farmer registry and drought alerts" in outbox.body(digest)

    page.reload()
    new = page.get_by_role("region", name="New in what you follow")
    expect(new.get_by_role("link", name="Farmer registry and drought alerts")).to_be_visible()
    expect(new.get_by_text("New", exact=True)).to_be_visible()
    expect(new.get_by_text("ICT manager, RADA, Jamaica")).to_be_visible()
    assert_accessible(page)

    go(page, new.get_by_role("link", name="André Henry"))
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Message André Henry"))
    assert_accessible(page)
    page.get_by_label("Subject").fill("Your drought alerts")
    page.get_by_label("Message", exact=True).fill(
        "Hello André, could we reuse your **alerts** in Saint Kitts?"
    )
    go(page, page.get_by_role("button", name="Send"))
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base_url, "andre-h")
    messages = page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name=re.compile("Messages")
    )
    expect(messages).to_contain_text("1")
    go(page, messages)
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Your drought alerts"))
    expect(page.locator(".message-body strong")).to_have_text("alerts")
    page.get_by_label("Your reply").fill("Of course, Tamika: I will send you the code.")
    go(page, page.get_by_role("button", name="Send the reply"))
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base_url, "tamika-r")
    go(
        page,
        page.get_by_role("navigation", name="Your account").get_by_role("link", name=re.compile("Messages")),
    )
    go(page, page.get_by_role("link", name="Your drought alerts"))
    expect(page.get_by_text("I will send you the code.")).to_be_visible()
    assert_accessible(page)
