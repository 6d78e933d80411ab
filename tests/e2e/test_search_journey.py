"""A visitor searches from the header's box, reads ranked hits and switches tabs; in Chromium."""

import pytest

from tests.e2e.browsing import go
from tests.factories import make_comment, make_initiative, make_lab, make_profile, make_user

pytestmark = pytest.mark.e2e


def test_a_visitor_searches_from_the_header(app, page, base_url, assert_accessible):
    with app.app_context():
        author = make_user(username="amara")
        make_profile(author, display_name="Amara Joseph", headline="Cassava value chains")
        initiative = make_initiative(
            author=author, title="Gestión de la yuca", body="Cassava farmers' registry."
        )
        make_comment(initiative, body="Our cassava co-operative would join.")
        make_lab(name="Cassava lab")

    page.goto(base_url + "/")
    page.get_by_label("Search the network").first.fill("cassava")
    go(page, page.get_by_role("search").first.get_by_role("button", name="Search"))
    assert page.get_by_role("heading", name="Search", exact=True).is_visible()
    hit = page.get_by_role("link", name="Gestión de la yuca")
    assert hit.is_visible()
    assert page.locator(".snippet mark", has_text="Cassava").first.is_visible()
    tabs = page.get_by_role("navigation", name="Kinds of results")
    assert tabs.locator('[aria-current="page"]').inner_text().startswith("Initiatives")
    assert_accessible(page)

    go(page, tabs.get_by_role("link", name="Members"))
    assert page.get_by_role("link", name="Amara Joseph").is_visible()
    assert_accessible(page)

    page.get_by_label("Words to find").fill("gestion")
    go(page, page.get_by_role("search", name="Search the network").last.get_by_role("button", name="Search"))
    assert page.get_by_text("Nothing found.").is_visible()  # the members tab stays chosen
    go(page, page.get_by_role("navigation", name="Kinds of results").get_by_role("link", name="Initiatives"))
    go(page, page.get_by_role("link", name="Gestión de la yuca"))
    assert page.get_by_role("heading", name="Gestión de la yuca").is_visible()
