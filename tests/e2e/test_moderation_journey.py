"""A member flags an initiative; a moderator hides it from the queue, then restores it; in Chromium."""

import pytest

from community.auth.models import Role
from tests.e2e.browsing import go, sign_in, sign_out
from tests.factories import make_initiative, make_user

pytestmark = pytest.mark.e2e


def test_a_flag_leads_to_hiding_then_restoring(app, page, base_url, assert_accessible):
    with app.app_context():
        initiative = make_initiative(make_user(username="amara"), title="Cheap watches for ministries")
        initiative_url = f"{base_url}/initiatives/{initiative.id}"
        make_user(username="diego")
        make_user(username="mod", role=Role.MODERATOR)

    sign_in(page, base_url, "diego")
    page.goto(initiative_url)
    go(page, page.get_by_role("link", name="Flag this initiative"))
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Details for the moderators").fill("An advertisement, not an initiative.")
    go(page, page.get_by_role("button", name="Send the flag"))
    assert page.get_by_text("the moderators will look at it").is_visible()
    sign_out(page)

    sign_in(page, base_url, "mod")
    page.goto(base_url + "/moderation/")
    assert page.get_by_role("heading", name="Moderation queue").is_visible()
    assert page.get_by_text("An advertisement, not an initiative.").is_visible()
    assert_accessible(page)
    item = page.locator(".moderation-item", has_text="Cheap watches for ministries")
    item.get_by_label("Reason").first.fill("Advertising is not allowed")
    go(page, item.get_by_role("button", name="Hide Cheap watches for ministries"))
    assert page.get_by_text("Hidden: members no longer see it.").is_visible()
    assert_accessible(page)

    page.goto(initiative_url)
    assert page.get_by_text("Hidden by moderators").first.is_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Restore this initiative"))
    assert_accessible(page)
    page.get_by_label("Reason").fill("Checked with the author")
    go(page, page.get_by_role("button", name="Restore"))
    assert page.get_by_text("Restored: members see it again.").is_visible()

    page.goto(base_url + "/moderation/audit")
    assert page.get_by_role("cell", name="Advertising is not allowed").is_visible()
    assert page.get_by_role("cell", name="Checked with the author").is_visible()
    assert_accessible(page)
