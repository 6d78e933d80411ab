"""A member shares an initiative with an attachment; another replies and finds it useful; in Chromium."""

import pytest

from tests.factories import DEFAULT_PASSWORD, make_user
from tests.forum_helpers import PDF

pytestmark = pytest.mark.e2e


def _sign_in(page, base_url, username):
    page.goto(base_url + "/auth/login")
    page.get_by_label("E-mail address or username").fill(username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_member_shares_an_initiative_and_others_discuss_it(app, page, base_url, assert_accessible):
    with app.app_context():
        make_user(username="amara")
        make_user(username="diego")
    report = {"name": "registry-report.pdf", "mimeType": "application/pdf", "buffer": PDF}

    _sign_in(page, base_url, "amara")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Initiatives").click()
    assert_accessible(page)
    page.get_by_role("link", name="Share an initiative").click()
    assert_accessible(page)

    page.get_by_label("Title").fill("A farmers' registry for Saint Lucia")
    page.get_by_label("Forum category").select_option(label="Agriculture & food security")
    page.get_by_label("Summary").fill("One register shared by extension officers and disaster relief.")
    page.get_by_label("The initiative").fill("We built it with the **cooperatives**.")
    page.get_by_label("Country", exact=True).select_option("LC")
    page.get_by_label("Sector").select_option("agriculture")
    page.get_by_label("2. Zero hunger").check()
    page.get_by_label("Tags").fill("farmers, registry")
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("heading", name="Preview").is_visible()
    assert page.locator(".preview-body strong", has_text="cooperatives").is_visible()
    assert_accessible(page)

    page.get_by_label("Attachments").set_input_files([report])
    page.get_by_role("button", name="Publish the initiative").click()
    assert page.get_by_text("Your initiative is shared").is_visible()
    assert page.get_by_role("heading", name="A farmers' registry for Saint Lucia").is_visible()
    assert page.get_by_role("link", name="registry-report.pdf").is_visible()
    assert_accessible(page)

    page.get_by_label("Your comment").fill("Ask me anything about the **registry**.")
    page.get_by_role("button", name="Post the comment").click()
    assert page.get_by_text("Your comment is posted").is_visible()
    assert_accessible(page)
    initiative_url = page.url.split("#")[0]
    _sign_out(page)

    _sign_in(page, base_url, "diego")
    page.goto(initiative_url)
    page.get_by_role("button", name="Useful").first.click()
    assert page.get_by_role("button", name="Useful (1)").is_visible()
    page.get_by_role("link", name="Reply to this comment").click()
    assert_accessible(page)
    page.get_by_label("Your comment").fill("How did you reach farmers without phones, @amara?")
    page.get_by_role("button", name="Post the reply").click()
    assert page.get_by_text("Your reply is posted").is_visible()
    assert page.get_by_text("How did you reach farmers without phones").is_visible()
    assert_accessible(page)
    _sign_out(page)

    _sign_in(page, base_url, "amara")
    page.get_by_role("link", name="Notifications").click()
    assert page.get_by_role("link", name="diego replied to your comment").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").click()
    assert page.get_by_text("All notifications are marked read").is_visible()
