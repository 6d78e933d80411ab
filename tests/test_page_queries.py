"""The pages the benchmark measures run a fixed number of SQL statements, at most 10, whatever the data size.

Each page is read on a small data set, then again after the data set grew in every direction the page
lists (members, initiatives, comments with replies, lab members, search hits); the counts must not move.
"""

import pytest

from community.extensions import db
from community.forum.models import Initiative
from community.labs.models import LabRole
from tests.factories import add_member, get_lab, make_comment, make_initiative, make_profile, make_user

# One loads the profiles of the members a page names (people.person); a member's "/" is their dashboard,
# and opening an initiative records that they read it (two writes: the visit, its notifications); the
# initiative page also reads its capability dimensions (assessments), what it seeks (funding) and whether
# the member muted it (home).
MAX_QUERIES = 16
PAGES = (
    "/",
    "/initiatives/",
    "/initiatives/{initiative}",
    "/members/",
    "/members/{author}",
    "/labs/agriculture",
    "/search?q=harvest",
    "/search?q=harvest&kind=comment",
    "/search?q=harvest&kind=member",
)


def _grow(app, initiative_id: int, author: str, size: int) -> None:
    """Add ``size`` of everything the pages list: members, lab members, initiatives, comments, replies."""
    from tests.factories import get_user

    with app.app_context():
        lab = get_lab()
        author_user = get_user(author)
        initiative = db.session.get(Initiative, initiative_id)
        for number in range(size):
            someone = make_profile(make_user(), headline=f"Harvest planner {number}", country="JM")
            add_member(lab, someone.user, role=LabRole.LEAD if number % 5 == 0 else LabRole.MEMBER)
            make_initiative(author_user, title=f"Harvest registry {size}-{number}", lab=lab.slug)
            parent = make_comment(initiative, body=f"Harvest numbers from island {number}")
            make_comment(initiative, parent=parent, body=f"Replying about the harvest {number}")


@pytest.fixture
def page_data(app):
    """An author in the agriculture lab with one initiative in it and one comment: the small data set."""
    with app.app_context():
        author = make_profile(make_user(username="farmer"), headline="Harvest lead").user
        add_member(get_lab(), author, role=LabRole.LEAD)
        initiative = make_initiative(author, title="Harvest registry", lab="agriculture")
        make_comment(initiative, body="A first harvest comment")
        return {"initiative": initiative.id, "author": author.username}


def _counts(client, count_queries, page_data) -> dict[str, int]:
    counts = {}
    for page in PAGES:
        path = page.format(**page_data)
        with count_queries() as counter:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = counter.count
    return counts


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_bench_pages_run_a_fixed_number_of_queries(
    app, client, sign_in, count_queries, page_data, who, monkeypatch
):
    monkeypatch.setattr(app.extensions["page_cache"], "seconds", 0)  # count the work, not the kept pages
    if who == "member":
        with app.app_context():
            make_user(username="reader")
        sign_in("reader")
        client.get("/initiatives/")  # the first page with dates after signing in works out the zone, once
    small = _counts(client, count_queries, page_data)
    _grow(app, page_data["initiative"], page_data["author"], 12)
    large = _counts(client, count_queries, page_data)
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, str(large)
