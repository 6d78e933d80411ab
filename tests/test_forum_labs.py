"""Initiatives in labs, through HTTP: posting in a lab, the lab filter, the lab page and feed,
the forum's parts of the profile page and data export, activity counts, the home page and demo."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.auth.models import Role
from community.extensions import db
from community.forum import services
from community.forum.models import Category, Comment, Initiative
from community.labs.models import Lab, LabMembership, LabStatus, MembershipState
from community.profiles.models import Profile, VisitorView
from community.utils import utcnow
from tests.factories import (
    add_member,
    get_lab,
    get_user,
    make_comment,
    make_initiative,
    make_lab,
    make_user,
)
from tests.forum_helpers import category_id, initiative_form

ATOM = "{http://www.w3.org/2005/Atom}"


def _initiatives() -> int:
    return db.session.scalar(select(func.count(Initiative.id)))


@pytest.fixture
def lab_member(app):
    """A confirmed member of the Agriculture Innovation Lab."""
    with app.app_context():
        return add_member(get_lab()).user.username


def test_a_lab_member_posts_in_the_lab_and_the_lab_shows_new_activity(app, client, sign_in, lab_member):
    with app.app_context():
        lab = get_lab()
        lab.latest_activity_at = utcnow() - timedelta(days=30)
        db.session.commit()
        form = initiative_form(category_id(), lab="agriculture")
    sign_in(lab_member)
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 302
    with app.app_context():
        initiative = db.session.scalar(select(Initiative))
        assert initiative.lab.slug == "agriculture"
        assert get_lab().latest_activity_at > utcnow() - timedelta(minutes=1)
        path = f"/initiatives/{initiative.id}"
    page = client.get(path).get_data(as_text=True)
    assert '<a href="/labs/agriculture">Agriculture Innovation Lab</a>' in page


def test_the_form_offers_the_members_labs_and_preselects_the_one_in_the_url(app, client, sign_in, lab_member):
    with app.app_context():
        make_lab(name="Lab she is not in")
    sign_in(lab_member)
    page = client.get("/initiatives/new?lab=agriculture").get_data(as_text=True)
    assert '<option selected value="agriculture">Agriculture Innovation Lab</option>' in page
    assert "Lab she is not in" not in page
    assert '<label for="lab"' in page


def test_posting_in_a_lab_one_is_not_a_member_of_is_refused_next_to_the_field(app, client, sign_in, member):
    with app.app_context():
        form = initiative_form(category_id(), lab="agriculture")
    sign_in(member)
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Only members of Agriculture Innovation Lab post in it" in page
    assert 'aria-invalid="true"' in page
    with app.app_context():
        assert _initiatives() == 0


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("no-such-lab", "Choose one of your labs from the list."),
        ("x" * 500, "Field cannot be longer than 60 characters."),
        ("archived", "is archived: it takes no new initiatives."),
        ("proposed", "Choose one of your labs from the list."),
    ],
)
def test_unknown_archived_and_proposed_labs_are_refused(app, client, sign_in, slug, message):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR)
        archived = make_lab(name="Old lab", lead=moderator)
        archived.status = LabStatus.ARCHIVED
        proposed = make_lab(name="Future lab", approve=False)
        db.session.commit()
        slugs = {"archived": archived.slug, "proposed": proposed.slug}
        form = initiative_form(category_id(), lab=slugs.get(slug, slug))
        username = moderator.username
    sign_in(username)  # moderators may post in any active lab, not in these
    response = client.post("/initiatives/new", data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert _initiatives() == 0


def test_moderators_post_in_any_active_lab(app, client, sign_in):
    with app.app_context():
        username = make_user(role=Role.MODERATOR).username
        other = make_lab(name="Climate lab")
        form = initiative_form(category_id(), lab=other.slug)
    sign_in(username)
    assert client.post("/initiatives/new", data=form).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Initiative)).lab.name == "Climate lab"


def test_an_author_who_left_the_lab_keeps_the_initiative_in_it_when_editing(app, client, sign_in):
    with app.app_context():
        membership = add_member(get_lab())
        initiative = make_initiative(author=membership.user, lab="agriculture", category="agriculture")
        username, path = membership.user.username, f"/initiatives/{initiative.id}/edit"
        db.session.delete(membership)
        db.session.commit()
        form = initiative_form(category_id(), title="Changed title", lab="agriculture")
    sign_in(username)
    assert '<option selected value="agriculture">' in client.get(path).get_data(as_text=True)
    assert client.post(path, data=form).status_code == 302
    with app.app_context():
        initiative = db.session.scalar(select(Initiative))
        assert (initiative.title, initiative.lab.slug) == ("Changed title", "agriculture")
    with app.app_context():
        other = make_lab(name="Elsewhere").slug
    response = client.post(path, data={**form, "lab": other})  # but cannot move it to a lab of others
    assert response.status_code == 400
    assert client.post(path, data={**form, "lab": ""}).status_code == 302  # and may take it out
    with app.app_context():
        assert db.session.scalar(select(Initiative)).lab is None


def _two_labs(app):
    with app.app_context():
        poster = add_member(get_lab()).user
        make_initiative(author=poster, lab="agriculture", title="Farm registry LC", country="LC")
        make_initiative(author=poster, lab="agriculture", title="Drone survey JM", country="JM")
        make_initiative(author=poster, title="Outside the lab LC", country="LC")
        hidden = make_initiative(author=poster, lab="agriculture", title="Hidden farm case")
        hidden.is_hidden = True
        db.session.commit()


def test_the_list_filters_by_lab_combined_with_other_filters(app, client):
    _two_labs(app)
    page = client.get("/initiatives/?lab=agriculture").get_data(as_text=True)
    assert "Farm registry LC" in page and "Drone survey JM" in page
    assert "Outside the lab" not in page and "Hidden farm case" not in page
    page = client.get("/initiatives/?lab=agriculture&country=LC").get_data(as_text=True)
    assert "Farm registry LC" in page and "Drone survey JM" not in page
    assert '<option selected value="agriculture">' in page  # the filter shows what is applied
    assert "/initiatives/export.csv?country=LC&amp;lab=agriculture" in page
    assert "/feeds/labs/agriculture.atom" in page


@pytest.mark.parametrize("query", ["lab=no-such-lab", "lab=" + "x" * 300, "lab=%01%FF", "lab=Agriculture"])
def test_an_unknown_lab_in_the_filter_is_ignored(app, client, query):
    _two_labs(app)
    response = client.get("/initiatives/?" + query)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Farm registry LC" in page and "Outside the lab LC" in page
    assert client.get("/initiatives/export.json?" + query).status_code == 200


def test_an_archived_lab_still_filters_the_list(app, client):
    _two_labs(app)
    with app.app_context():
        get_lab().status = LabStatus.ARCHIVED
        db.session.commit()
    page = client.get("/initiatives/?lab=agriculture").get_data(as_text=True)
    assert "Farm registry LC" in page and "Outside the lab" not in page


def test_exports_carry_the_lab_filter_and_column(app, client):
    _two_labs(app)
    rows = json.loads(client.get("/initiatives/export.json?lab=agriculture&country=LC").data)["initiatives"]
    assert [(row["title"], row["lab"]) for row in rows] == [("Farm registry LC", "agriculture")]
    text = client.get("/initiatives/export.csv?lab=agriculture").get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(text)))
    assert {row["title"] for row in table} == {"Farm registry LC", "Drone survey JM"}
    assert {row["lab"] for row in table} == {"agriculture"}


def test_the_lab_page_lists_its_visible_initiatives_and_links_to_the_rest(app, client):
    _two_labs(app)
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Farm registry LC" in page and "Drone survey JM" in page
    assert "Hidden farm case" not in page and "Outside the lab" not in page
    assert 'href="/initiatives/?lab=agriculture"' in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/feeds/labs/agriculture.atom"' in page


@pytest.mark.parametrize(("who", "shown"), [("visitor", False), ("member", False), ("lab member", True),
                                            ("moderator", True)])  # fmt: skip
def test_the_post_in_this_lab_button_is_shown_to_those_who_may_post(app, client, sign_in, who, shown):
    with app.app_context():
        people = {
            "member": make_user().username,
            "lab member": add_member(get_lab()).user.username,
            "moderator": make_user(role=Role.MODERATOR).username,
        }
    if who in people:
        sign_in(people[who])
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert ('href="/initiatives/new?lab=agriculture"' in page) is shown


def test_an_archived_lab_shows_its_initiatives_but_no_post_button(app, client, sign_in):
    _two_labs(app)
    with app.app_context():
        get_lab().status = LabStatus.ARCHIVED
        db.session.commit()
        username = make_user(role=Role.MODERATOR).username
    sign_in(username)
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Farm registry LC" in page
    assert "/initiatives/new?lab=agriculture" not in page


def test_the_lab_feed_lists_the_labs_visible_initiatives(app, client):
    _two_labs(app)
    response = client.get("/feeds/labs/agriculture.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.data)  # noqa: S314 - our own feed
    titles = {entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")}
    assert titles == {"Farm registry LC", "Drone survey JM"}
    assert "Agriculture Innovation Lab" in feed.find(f"{ATOM}title").text


def test_the_lab_feed_of_an_unknown_or_proposed_lab_is_not_found(app, client):
    with app.app_context():
        proposed = make_lab(name="Not yet", approve=False).slug
    assert client.get("/feeds/labs/no-such-lab.atom").status_code == 404
    assert client.get(f"/feeds/labs/{proposed}.atom").status_code == 404
    assert client.get("/feeds/labs/" + "x" * 400 + ".atom").status_code == 404


def test_the_profile_shows_the_members_initiatives_and_recent_comments(app, client, sign_in, member):
    with app.app_context():
        author = make_user(username="farmer-jo")
        mine = make_initiative(author=author, title="Jo's registry")
        hidden = make_initiative(author=author, title="Jo's hidden case")
        hidden.is_hidden = True
        make_comment(make_initiative(title="Someone's case"), author=author, body="Great work on this.")
        removed = make_comment(mine, author=author, body="A comment Jo removed")
        services.delete_comment(removed, author)
        db.session.commit()
    sign_in(member)
    page = client.get("/members/farmer-jo").get_data(as_text=True)
    assert '<h2 id="initiatives-title">Initiatives</h2>' in page
    assert "Jo&#39;s registry" in page and "Jo&#39;s hidden case" not in page
    assert '<h2 id="comments-title">Recent comments</h2>' in page
    assert "Great work on this." in page and "Someone&#39;s case" in page
    assert "A comment Jo removed" not in page


def test_visitors_see_no_posts_on_a_summary_only_profile(app, client):
    with app.app_context():
        author = make_user(username="private-pat")
        make_initiative(author=author, title="Pat's case")
        assert db.session.get(Profile, author.id).visitor_view == VisitorView.SUMMARY
    page = client.get("/members/private-pat").get_data(as_text=True)
    assert "Pat&#39;s case" not in page


def test_the_data_export_holds_the_members_forum_data(app, client, sign_in):
    with app.app_context():
        author = make_user(username="export-eve")
        initiative = make_initiative(author=author, title="Eve's case")
        make_comment(initiative, author=author, body="Eve's comment")
    sign_in("export-eve")
    response = client.get("/settings/export/download")
    assert response.status_code == 200
    data = json.loads(response.data)
    assert [item["title"] for item in data["forum"]["initiatives"]] == ["Eve's case"]
    assert [item["body"] for item in data["forum"]["comments"]] == ["Eve's comment"]


def _activity(username: str) -> int:
    return db.session.get(Profile, get_user(username).id).activity_count


def test_posting_and_deleting_count_towards_most_active(app, client, sign_in):
    with app.app_context():
        busy = make_user(username="busy-bee")
        make_user(username="quiet-one")
        initiative_id = make_initiative(author=busy).id
        form = initiative_form(category_id(), title="Busy's second case")
    sign_in("busy-bee")
    assert client.post("/initiatives/new", data=form).status_code == 302
    path = f"/initiatives/{initiative_id}/comments"
    assert client.post(path, data={"body": "A first comment", "language": "en"}).status_code == 302
    with app.app_context():
        assert _activity("busy-bee") == 3
        comment_id = db.session.scalar(select(Comment.id))
    assert client.post(f"/initiatives/comments/{comment_id}/delete").status_code == 302
    with app.app_context():
        assert _activity("busy-bee") == 2
        assert _activity("quiet-one") == 0
    page = client.get("/members/?sort=active").get_data(as_text=True)
    assert page.index("busy-bee") < page.index("quiet-one")


def test_the_home_page_shows_the_latest_initiatives(app, client):
    with app.app_context():
        author = make_user(username="home-hal")
        initiative = make_initiative(author=author, title="Hal's e-ID case", country="JM")
        make_comment(initiative)
        hidden = make_initiative(title="A hidden one")
        hidden.is_hidden = True
        db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Hal&#39;s e-ID case" in page and "A hidden one" not in page
    assert "Jamaica" in page and "home-hal" in page and "1 comment" in page
    assert page.index("Newest initiatives") < page.index("Innovation labs") < page.index("Newest members")


def test_the_demo_puts_the_agriculture_initiatives_in_the_agriculture_lab(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        farming = select(Initiative).join(Category).where(Category.slug == "agriculture")
        cases = list(db.session.scalars(farming))
        assert cases and all(case.lab is not None and case.lab.slug == "agriculture" for case in cases)
        others = db.session.scalar(
            select(func.count(Initiative.id)).join(Lab).where(Lab.slug != "agriculture")
        )
        assert others >= 3
        for case in db.session.scalars(select(Initiative).where(Initiative.lab_id.is_not(None))):
            if case.author.role == Role.MEMBER:
                membership = db.session.scalar(
                    select(LabMembership).where(
                        LabMembership.lab_id == case.lab_id, LabMembership.user_id == case.author_id
                    )
                )
                assert membership is not None and membership.state == MembershipState.ACTIVE
