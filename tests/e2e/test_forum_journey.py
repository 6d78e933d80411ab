"""A member shares an initiative with an attachment; another replies and finds it useful; in Chromium."""

import pytest

from tests.e2e.browsing import go, sign_in, sign_out
from tests.factories import make_user
from tests.forum_helpers import PDF

pytestmark = pytest.mark.e2e


def test_a_member_shares_an_initiative_and_others_discuss_it(app, page, base_url, assert_accessible):
    with app.app_context():
        make_user(username="amara")
        make_user(username="diego")
    report = {"name": "registry-report.pdf", "mimeType": "application/pdf", "buffer": PDF}

    sign_in(page, base_url, "amara")
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Initiatives"))
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Share an initiative"))
    assert_accessible(page)

    page.get_by_label("Title").fill("A farmers' registry for Saint Lucia")
    page.get_by_label("Forum category").select_option(label="Agriculture & food security")
    page.get_by_label("Summary").fill("One register shared by extension officers and disaster relief.")
    page.get_by_label("The initiative").fill("We built it with the **cooperatives**.")
    page.get_by_label("Country", exact=True).select_option("LC")
    page.get_by_label("Sector").select_option("agriculture")
    page.get_by_label("2. Zero hunger").check()
    page.get_by_label("Tags").fill("farmers, registry")
    go(page, page.get_by_role("button", name="Preview"))
    assert page.get_by_role("heading", name="Preview").is_visible()
    assert page.locator(".preview-body strong", has_text="cooperatives").is_visible()
    assert_accessible(page)

    page.get_by_label("Attachments").set_input_files([report])
    go(page, page.get_by_role("button", name="Publish the initiative"))
    assert page.get_by_text("Your initiative is shared").is_visible()
    assert page.get_by_role("heading", name="A farmers' registry for Saint Lucia").is_visible()
    assert page.get_by_role("link", name="registry-report.pdf").is_visible()
    assert_accessible(page)

    page.get_by_label("Your comment").fill("Ask me anything about the **registry**.")
    go(page, page.get_by_role("button", name="Post the comment"))
    assert page.get_by_text("Your comment is posted").is_visible()
    assert_accessible(page)
    initiative_url = page.url.split("#")[0]
    sign_out(page)

    sign_in(page, base_url, "diego")
    page.goto(initiative_url)
    go(page, page.get_by_role("button", name="Useful").first)
    assert page.get_by_role("button", name="Useful (1)").is_visible()
    go(page, page.get_by_role("link", name="Reply to this comment"))
    assert_accessible(page)
    page.get_by_label("Your comment").fill("How did you reach farmers without phones, @amara?")
    go(page, page.get_by_role("button", name="Post the reply"))
    assert page.get_by_text("Your reply is posted").is_visible()
    assert page.get_by_text("How did you reach farmers without phones").is_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base_url, "amara")
    go(page, page.get_by_role("link", name="Notifications"))
    assert page.get_by_role("link", name="diego replied to your comment").is_visible()
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Mark all as read"))
    assert page.get_by_text("All notifications are marked read").is_visible()


@pytest.fixture
def shared_case(app):
    from tests.factories import make_comment, make_initiative

    with app.app_context():
        initiative = make_initiative(title="Case for the layout checks", tags=["layout"], sdgs=[9])
        make_comment(initiative, parent=make_comment(initiative))
        return initiative.id


def test_forum_pages_raise_no_content_security_policy_violation(browser, base_url, shared_case):
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    for path in ("/initiatives/", f"/initiatives/{shared_case}", "/initiatives/tags/layout"):
        page.goto(base_url + path)
    context.close()
    assert [text for text in problems if "Content Security Policy" in text] == []


@pytest.mark.parametrize("path", ["/initiatives/", "/initiatives/{id}"])
def test_forum_pages_fit_a_320_pixel_screen(browser, base_url, shared_case, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path.format(id=shared_case))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
