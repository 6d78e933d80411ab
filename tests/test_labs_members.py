"""Labs on the member pages: the directory's lab filter, a profile's labs, the data export, the home page."""

import json
import re

import pytest

from community.auth.models import Role
from community.extensions import db
from community.labs.models import LabRole, LabStatus
from community.profiles.models import VisitorView
from tests.factories import AGRICULTURE, add_member, get_lab, get_user, make_lab, make_profile, make_user


def names(response) -> list[str]:
    """The usernames of the member cards, in order."""
    assert response.status_code == 200
    return re.findall(r'class="member-card-name"><a href="/members/([^"]+)"', response.get_data(as_text=True))


def _agent(username: str, country: str = "JM", visitor_view: VisitorView = VisitorView.FULL) -> str:
    user = make_user(username=username)
    make_profile(user, headline="Agent", country=country).visitor_view = visitor_view
    db.session.commit()
    return user.username


def test_the_lab_filter_lists_the_lab_members_and_leads_only(app, client, sign_in):
    with app.app_context():
        lab = get_lab()
        add_member(lab, get_user(_agent("farmer")))
        add_member(lab, get_user(_agent("grower")), role=LabRole.LEAD)
        add_member(lab, get_user(_agent("asking")), pending=True)
        _agent("outsider")
        other = make_lab("Identity Lab")
        add_member(other, get_user(_agent("ider")))
    sign_in("outsider")
    assert sorted(names(client.get("/members/?lab=agriculture"))) == ["farmer", "grower"]
    assert "ider" in names(client.get("/members/?lab=identity-lab"))


def test_the_lab_filter_combines_with_the_others_and_stays_in_the_links(app, client, sign_in):
    with app.app_context():
        for number in range(30):
            username = _agent(f"jam{number:02d}", country="JM" if number % 2 else "TT")
            add_member(get_lab(), get_user(username))
        _agent("viewer")
    sign_in("viewer")
    response = client.get("/members/?lab=agriculture&country=JM&sort=name")
    assert len(names(response)) == 15
    page = response.get_data(as_text=True)
    assert '<option value="agriculture" selected>Agriculture Innovation Lab</option>' in page
    assert '<label for="lab">Lab</label>' in page
    assert "Clear the filters" in page
    both = client.get("/members/?lab=agriculture&country=TT").get_data(as_text=True)
    assert "15 members" in both
    assert 'href="/members/?country=TT&amp;lab=agriculture&amp;page=2"' not in both  # one page only
    many = client.get("/members/?lab=agriculture").get_data(as_text=True)
    assert "lab=agriculture&amp;page=2" in many  # pagination keeps the filter


@pytest.mark.parametrize("slug", ["no-such-lab", "Agriculture", "waiting-lab", "x" * 300, "<script>"])
def test_an_unknown_lab_in_the_link_is_ignored_and_named(app, client, slug):
    with app.app_context():
        make_lab("Waiting Lab", approve=False)  # a proposal: not found through the directory
        _agent("someone")
    response = client.get("/members/", query_string={"lab": slug})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "We left out what we did not recognise in the link: lab." in page
    assert "someone" in names(response)
    assert "<script>" not in page.split("</header>")[1]


def test_the_lab_select_offers_active_labs_and_an_archived_one_from_its_page(app, client):
    with app.app_context():
        make_lab("Open Lab")
        make_lab("Waiting Lab", approve=False)
        old = make_lab("Old Lab")
        old.status = LabStatus.ARCHIVED
        db.session.commit()
    page = client.get("/members/").get_data(as_text=True)
    select = page.split('<select id="lab" name="lab">')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "agriculture", "open-lab"]
    archived = client.get("/members/?lab=old-lab").get_data(as_text=True)  # linked from its page
    assert '<option value="old-lab" selected>Old Lab</option>' in archived
    assert "We left out" not in archived


def test_the_lab_page_links_to_its_members_in_the_directory(app, client):
    with app.app_context():
        add_member(get_lab(), get_user(_agent("farmer")))
        _agent("outsider")
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert 'href="/members/?lab=agriculture"' in page
    assert names(client.get("/members/?lab=agriculture")) == ["farmer"]


def test_visitors_find_only_opened_profiles_through_the_lab_filter(app, client, sign_in):
    with app.app_context():
        add_member(get_lab(), get_user(_agent("open")))
        add_member(get_lab(), get_user(_agent("closed", visitor_view=VisitorView.SUMMARY)))
    assert names(client.get("/members/?lab=agriculture")) == ["open"]
    sign_in("open")
    assert sorted(names(client.get("/members/?lab=agriculture"))) == ["closed", "open"]


# The profile page's labs


def test_a_profile_lists_the_labs_joined_with_a_lead_badge(app, client, sign_in):
    with app.app_context():
        user = get_user(_agent("kemar"))
        add_member(get_lab(), user)
        make_lab("Identity Lab", lead=user)
        waiting = make_lab("Waiting Lab", lead=user, approve=False)
        old = make_lab("Old Lab")
        add_member(old, user)
        old.status = LabStatus.ARCHIVED
        add_member(make_lab("Asked Lab"), user, pending=True)
        db.session.commit()
        assert waiting.is_proposed
        viewer = make_user().username
    sign_in(viewer)
    page = client.get("/members/kemar").get_data(as_text=True)
    section = page.split('<h2 id="labs-title">Labs</h2>')[1].split("</section>")[0]
    assert re.findall(r'<a href="/labs/([^"]+)">', section) == ["agriculture", "identity-lab"]
    assert 'Identity Lab</a> <span class="badge badge-role">Lead</span>' in section
    assert "Agriculture Innovation Lab</a></li>" in section


def test_a_profile_without_labs_has_no_labs_section(app, client):
    with app.app_context():
        _agent("loner")
    page = client.get("/members/loner").get_data(as_text=True)
    assert 'id="labs-title"' not in page


def test_visitors_see_labs_only_on_profiles_opened_to_everyone(app, client):
    with app.app_context():
        add_member(get_lab(), get_user(_agent("open")))
        add_member(get_lab(), get_user(_agent("closed", visitor_view=VisitorView.SUMMARY)))
    assert 'id="labs-title"' in client.get("/members/open").get_data(as_text=True)
    assert 'id="labs-title"' not in client.get("/members/closed").get_data(as_text=True)


def test_the_profile_page_runs_a_fixed_number_of_queries(app, client, sign_in, count_queries):
    with app.app_context():
        user = get_user(_agent("busy"))
        add_member(get_lab(), user)
        viewer = make_user().username
    sign_in(viewer)
    with count_queries() as few:
        assert client.get("/members/busy").status_code == 200
    with app.app_context():
        user = get_user("busy")
        for _ in range(6):
            make_lab(lead=user)
    with count_queries() as many:
        page = client.get("/members/busy").get_data(as_text=True)
    assert page.count('<span class="badge badge-role">Lead</span>') == 6
    assert many.count == few.count, many.statements


# The data export


def test_the_export_holds_lab_memberships_and_proposals(app, client, sign_in):
    with app.app_context():
        user = get_user(_agent("exporter"))
        add_member(get_lab(), user)
        make_lab("Identity Lab", lead=user)
        make_lab("Waiting Lab", lead=user, approve=False)
        add_member(make_lab("Asked Lab"), user, pending=True)
    sign_in("exporter")
    data = json.loads(client.get("/settings/export/download").get_data(as_text=True))
    memberships = {row["lab"]["slug"]: row for row in data["lab_memberships"]}
    assert set(memberships) == {"agriculture", "identity-lab", "waiting-lab", "asked-lab"}
    assert memberships["agriculture"]["role"] == "member" and memberships["agriculture"]["state"] == "active"
    assert memberships["identity-lab"]["role"] == "lead"
    assert memberships["asked-lab"]["state"] == "pending"
    assert memberships["waiting-lab"]["lab"]["status"] == "proposed"
    assert memberships["agriculture"]["joined_at"].endswith("Z")
    proposals = {row["slug"]: row["status"] for row in data["lab_proposals"]}
    assert proposals == {"identity-lab": "active", "waiting-lab": "proposed"}


def test_the_export_of_a_member_without_labs_has_empty_lab_parts(app, client, signed_in_member):
    data = json.loads(client.get("/settings/export/download").get_data(as_text=True))
    assert data["lab_memberships"] == [] and data["lab_proposals"] == []


# The home page


def test_the_home_page_shows_the_active_labs_with_their_member_counts(app, client):
    with app.app_context():
        add_member(get_lab())
        add_member(get_lab())
        make_lab("Waiting Lab", approve=False)
        make_lab("Open Lab")
    page = client.get("/").get_data(as_text=True)
    labs = page.split('<h2 id="labs-title">')[1].split("</section>")[0]
    assert '<a href="/labs/agriculture">Agriculture Innovation Lab</a>' in labs
    assert "Agriculture and food security" in labs
    assert "<p>2 members</p>" in labs
    assert '<a href="/labs/open-lab">Open Lab</a>' in labs and "<p>1 member</p>" in labs
    assert "Waiting Lab" not in labs


def test_the_home_page_names_no_lab_when_none_is_open(app, client):
    with app.app_context():
        get_lab().status = LabStatus.ARCHIVED
        db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "No lab is open yet." in page


def test_a_moderator_is_not_needed_to_see_the_home_labs(app, client, sign_in):
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
    sign_in("mod")
    client.post("/auth/logout")  # a member's "/" is their dashboard: the home page's labs are the visitors'
    assert AGRICULTURE in client.get("/").get_data(as_text=True)
