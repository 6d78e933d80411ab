"""Labs through HTTP: the directory, a lab's page, joining and leaving, proposals, editing."""

import re

import pytest
from sqlalchemy import select

from community.auth.models import Role
from community.extensions import db
from community.labs.models import JoinPolicy, Lab, LabMembership, LabRole, LabStatus, LabTheme
from tests.factories import AGRICULTURE, add_member, get_lab, get_user, make_lab, make_user


def _membership(slug: str, username: str) -> LabMembership | None:
    lab, user = get_lab(slug), get_user(username)
    return db.session.scalar(
        select(LabMembership).where(LabMembership.lab_id == lab.id, LabMembership.user_id == user.id)
    )


def _listed(page: str) -> list[str]:
    """The slugs of the lab cards on a directory page."""
    return re.findall(r'<h3><a href="/labs/([^"]+)">', page)


def test_a_fresh_install_lists_the_agriculture_lab(client):
    response = client.get("/labs/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Agriculture Innovation Lab" in page
    assert 'href="/labs/agriculture"' in page


def test_the_agriculture_lab_page_shows_its_description(client):
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert '<h1 id="lab-title">Agriculture Innovation Lab</h1>' in page
    assert "<h2>What we work on</h2>" in page  # its markdown, rendered again since the renderer changed
    assert "Sign in to join the lab" in page


def test_the_header_links_to_the_labs(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/labs/"' in page


def test_the_directory_shows_only_active_labs_with_facts(app, client):
    with app.app_context():
        make_lab("Open Lab", countries=("LC", "JM"))
        make_lab("Waiting Lab", approve=False)
        archived = make_lab("Old Lab")
        archived.status = LabStatus.ARCHIVED
        add_member(get_lab("open-lab"))
        db.session.commit()
    page = client.get("/labs/").get_data(as_text=True)
    assert "Open Lab" in page and "Agriculture Innovation Lab" in page
    assert "Waiting Lab" not in page and "Old Lab" not in page
    assert "Jamaica, St. Lucia" in page  # Caribbean order, names in the reader's language
    assert "<dt>Members</dt><dd>2</dd>" in page  # the proposer (lead) and one member


def test_the_directory_filters_by_theme_and_country(app, client):
    with app.app_context():
        make_lab("Identity Lab", theme=LabTheme.DIGITAL_IDENTITY, countries=("TT",))
        make_lab("Design Lab", theme=LabTheme.SERVICE_DESIGN, countries=("BB",))
    assert _listed(client.get("/labs/?theme=digital-identity").get_data(as_text=True)) == ["identity-lab"]
    by_country = client.get("/labs/?country=BB").get_data(as_text=True)
    assert _listed(by_country) == ["design-lab"]
    assert '<option selected value="BB">Barbados</option>' in by_country
    both = client.get("/labs/?theme=digital-identity&country=BB").get_data(as_text=True)
    assert _listed(both) == [] and "No lab matches these filters." in both
    assert len(_listed(client.get("/labs/").get_data(as_text=True))) == 3


@pytest.mark.parametrize(
    "query",
    ["?theme=bogus", "?country=ZZ", "?country=lc", "?page=x", "?country=%ff&theme=\u00e9"],
)
def test_malformed_filters_are_reported_not_fatal(client, query):
    response = client.get("/labs/" + query)
    assert response.status_code == 200
    assert "Agriculture Innovation Lab" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_filter_is_a_bad_request(client):
    assert client.get("/labs/?theme=%00").status_code == 400


def test_an_unknown_filter_value_is_shown_next_to_its_field(client):
    page = client.get("/labs/?theme=bogus").get_data(as_text=True)
    assert 'id="theme-error"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/labs/nowhere",
        "/labs/nowhere/edit",
        "/labs/nowhere/people",
        "/labs/a%2Fb",
    ],
)
def test_unknown_labs_are_404(client, signed_in_member, path):
    assert client.get(path).status_code == 404
    assert client.post("/labs/nowhere/join").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("visitor", 404), ("member", 404), ("proposer", 200), ("moderator", 200)]
)
def test_a_proposal_is_seen_by_its_proposer_and_moderators(app, client, sign_in, who, status):
    with app.app_context():
        proposer = make_user()
        make_lab("Pending Lab", lead=proposer, approve=False)
        people = {
            "member": make_user().username,
            "proposer": proposer.username,
            "moderator": make_user(role=Role.MODERATOR).username,
        }
    if who in people:
        sign_in(people[who])
    response = client.get("/labs/pending-lab")
    assert response.status_code == status


# Joining and leaving


def test_a_member_joins_an_open_lab(app, client, signed_in_member):
    response = client.post("/labs/agriculture/join", follow_redirects=True)
    assert "Welcome to Agriculture Innovation Lab!" in response.get_data(as_text=True)
    with app.app_context():
        membership = _membership(AGRICULTURE, signed_in_member)
        assert membership.is_active and membership.role == LabRole.MEMBER
    assert "You are a member of this lab." in client.get("/labs/agriculture").get_data(as_text=True)


def test_joining_twice_says_so_and_changes_nothing(app, client, signed_in_member):
    client.post("/labs/agriculture/join")
    response = client.post("/labs/agriculture/join", follow_redirects=True)
    assert response.status_code == 200
    assert "You are a member of this lab already." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(LabMembership.id))) == 1


def test_a_visitor_is_sent_to_sign_in_to_join(client):
    response = client.post("/labs/agriculture/join")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_an_unconfirmed_member_cannot_join(app, client, sign_in):
    with app.app_context():
        username = make_user(confirmed=False).username
    sign_in(username)
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Join the lab</button>" not in page
    response = client.post("/labs/agriculture/join", follow_redirects=True)
    assert "Confirm your e-mail address to join labs." in response.get_data(as_text=True)
    with app.app_context():
        assert _membership(AGRICULTURE, username) is None


def test_joining_a_lab_by_request_waits_for_a_lead(app, client, sign_in):
    with app.app_context():
        lead = make_user()
        make_lab("Closed Lab", lead=lead, join_policy=JoinPolicy.BY_REQUEST)
        asker, lead_name = make_user().username, lead.username
    sign_in(asker)
    page = client.get("/labs/closed-lab").get_data(as_text=True)
    assert "Ask to join the lab" in page
    response = client.post("/labs/closed-lab/join", follow_redirects=True)
    assert "Your request is sent" in response.get_data(as_text=True)
    assert "Withdraw my request" in response.get_data(as_text=True)
    with app.app_context():
        membership = _membership("closed-lab", asker)
        assert not membership.is_active
        membership_id = membership.id
    client.post("/auth/logout")
    sign_in(lead_name)
    page = client.get("/labs/closed-lab").get_data(as_text=True)
    assert "Requests to join" in page and asker in page
    response = client.post(f"/labs/closed-lab/requests/{membership_id}/approve", follow_redirects=True)
    assert f"{asker} is now a member of the lab." in response.get_data(as_text=True)
    with app.app_context():
        assert _membership("closed-lab", asker).is_active


def test_a_lead_declines_a_request(app, client, sign_in):
    with app.app_context():
        lab = make_lab("Closed Lab", join_policy=JoinPolicy.BY_REQUEST)
        lead = db.session.scalar(select(LabMembership).where(LabMembership.lab_id == lab.id)).user.username
        request_id = add_member(lab, pending=True).id
    sign_in(lead)
    client.post(f"/labs/closed-lab/requests/{request_id}/decline")
    with app.app_context():
        assert db.session.get(LabMembership, request_id) is None
    # answering it again: it is gone
    assert client.post(f"/labs/closed-lab/requests/{request_id}/approve").status_code == 404


def test_a_request_of_another_lab_is_not_found_here(app, client, sign_in):
    with app.app_context():
        lab = make_lab("Closed Lab", join_policy=JoinPolicy.BY_REQUEST)
        other = make_lab("Other Lab", join_policy=JoinPolicy.BY_REQUEST)
        lead = db.session.scalar(select(LabMembership).where(LabMembership.lab_id == lab.id)).user.username
        foreign_request = add_member(other, pending=True).id
    sign_in(lead)
    assert client.post(f"/labs/closed-lab/requests/{foreign_request}/approve").status_code == 404
    assert client.post(f"/labs/other-lab/requests/{foreign_request}/approve").status_code == 403


def test_a_member_answering_requests_is_refused(app, client, sign_in):
    with app.app_context():
        lab = make_lab("Closed Lab", join_policy=JoinPolicy.BY_REQUEST)
        member = add_member(lab).user.username
        request_id = add_member(lab, pending=True).id
    sign_in(member)
    assert client.post(f"/labs/closed-lab/requests/{request_id}/approve").status_code == 403


def test_a_member_leaves(app, client, signed_in_member):
    client.post("/labs/agriculture/join")
    response = client.post("/labs/agriculture/leave", follow_redirects=True)
    assert "You left Agriculture Innovation Lab." in response.get_data(as_text=True)
    with app.app_context():
        assert _membership(AGRICULTURE, signed_in_member) is None


def test_leaving_a_lab_one_is_not_in_says_so(client, signed_in_member):
    response = client.post("/labs/agriculture/leave", follow_redirects=True)
    assert "You are not a member of this lab." in response.get_data(as_text=True)


def test_the_last_lead_cannot_leave(app, client, sign_in):
    with app.app_context():
        lead = make_user()
        make_lab("Solo Lab", lead=lead)
        lead_name = lead.username
    sign_in(lead_name)
    response = client.post("/labs/solo-lab/leave", follow_redirects=True)
    assert "You are the last lead of this lab" in response.get_data(as_text=True)
    with app.app_context():
        assert _membership("solo-lab", lead_name).is_lead


def test_a_lead_leaves_when_another_lead_remains(app, client, sign_in):
    with app.app_context():
        lead = make_user()
        lab = make_lab("Duo Lab", lead=lead)
        add_member(lab, role=LabRole.LEAD)
        lead_name = lead.username
    sign_in(lead_name)
    client.post("/labs/duo-lab/leave")
    with app.app_context():
        assert _membership("duo-lab", lead_name) is None


def test_an_archived_lab_takes_no_new_members(app, client, signed_in_member):
    with app.app_context():
        get_lab().status = LabStatus.ARCHIVED
        db.session.commit()
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "This lab is archived" in page and "Join the lab</button>" not in page
    response = client.post("/labs/agriculture/join", follow_redirects=True)
    assert "This lab takes no new members." in response.get_data(as_text=True)


# The people page: roles


def test_a_lead_makes_a_member_lead_and_back(app, client, sign_in):
    with app.app_context():
        lead = make_user()
        lab = make_lab("Team Lab", lead=lead)
        other = add_member(lab)
        other_id, lead_name = other.id, lead.username
    sign_in(lead_name)
    assert client.get("/labs/team-lab/people").status_code == 200
    client.post(f"/labs/team-lab/people/{other_id}/role", data={"role": "lead"})
    with app.app_context():
        assert db.session.get(LabMembership, other_id).is_lead
    client.post(f"/labs/team-lab/people/{other_id}/role", data={"role": "member"})
    with app.app_context():
        assert not db.session.get(LabMembership, other_id).is_lead


def test_the_last_lead_cannot_step_down(app, client, sign_in):
    with app.app_context():
        lead = make_user()
        make_lab("Solo Lab", lead=lead)
        membership_id, lead_name = _membership("solo-lab", lead.username).id, lead.username
    sign_in(lead_name)
    response = client.post(
        f"/labs/solo-lab/people/{membership_id}/role", data={"role": "member"}, follow_redirects=True
    )
    assert "A lab needs at least one lead" in response.get_data(as_text=True)
    bad = client.post(
        f"/labs/solo-lab/people/{membership_id}/role", data={"role": "king"}, follow_redirects=True
    )
    assert "Choose member or lead." in bad.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(LabMembership, membership_id).is_lead


# Archive and reopen


@pytest.mark.parametrize(("who", "status"), [("visitor", 302), ("lead", 403), ("moderator", 302)])
def test_only_moderators_archive_a_lab(app, client, sign_in, who, status):
    with app.app_context():
        lead = make_user()
        make_lab("Some Lab", lead=lead)
        people = {"lead": lead.username, "moderator": make_user(role=Role.MODERATOR).username}
    if who in people:
        sign_in(people[who])
    response = client.post("/labs/some-lab/archive")
    assert response.status_code == status
    with app.app_context():
        assert get_lab("some-lab").status == (LabStatus.ARCHIVED if who == "moderator" else LabStatus.ACTIVE)


def test_a_moderator_reopens_an_archived_lab(app, client, sign_in):
    with app.app_context():
        get_lab().status = LabStatus.ARCHIVED
        db.session.commit()
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    client.post("/labs/agriculture/reopen")
    with app.app_context():
        assert get_lab().status == LabStatus.ACTIVE


def test_the_agriculture_lab_is_back_for_the_next_test(app):
    with app.app_context():
        lab = get_lab()
        assert lab.status == LabStatus.ACTIVE and lab.name == "Agriculture Innovation Lab"
        assert db.session.scalar(select(db.func.count(Lab.id))) == 1
