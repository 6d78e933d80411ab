"""Labs through HTTP: proposals and their review, editing a lab, who may manage what."""

import threading

import pytest
from sqlalchemy import select

from community.auth.models import Role, User
from community.extensions import db
from community.labs import services
from community.labs.models import JoinPolicy, Lab, LabMembership, LabStatus, LabTheme
from tests.factories import add_member, get_lab, get_user, make_lab, make_user

LAB_FORM = {
    "name": "Fisheries Innovation Lab",
    "theme": "agriculture",
    "short_description": "Digital tools for small-scale fishers.",
    "description": "## Goals\n\nLicences online.",
    "region": "Eastern Caribbean",
    "countries": ["LC", "GD"],
    "contact": "fish-lab@network.example",
    "join_policy": "by_request",
}


def _people(app, lab_slug="agriculture"):
    """A lead of the lab, a member of it, a member of the network outside it, a moderator, an admin."""
    with app.app_context():
        lab = get_lab(lab_slug)
        return {
            "lead": add_member(lab, role="lead").user.username,
            "lab member": add_member(lab).user.username,
            "outsider": make_user().username,
            "unconfirmed lead": add_member(lab, make_user(confirmed=False), role="lead").user.username,
            "moderator": make_user(role=Role.MODERATOR).username,
            "admin": make_user(role=Role.ADMIN).username,
        }


MANAGE_PAGES = [
    "/labs/agriculture/edit",
    "/labs/agriculture/people",
    "/labs/agriculture/resources",
]


@pytest.mark.parametrize("path", MANAGE_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("visitor", 302),
        ("outsider", 403),
        ("lab member", 403),
        ("unconfirmed lead", 403),
        ("lead", 200),
        ("moderator", 200),
        ("admin", 200),
    ],
)
def test_who_may_manage_a_lab(app, client, sign_in, path, who, status):
    people = _people(app)
    if who in people:
        sign_in(people[who])
    assert client.get(path).status_code == status


def test_managers_see_the_manage_links_and_members_do_not(app, client, sign_in):
    people = _people(app)
    sign_in(people["lab member"])
    assert "/labs/agriculture/edit" not in client.get("/labs/agriculture").get_data(as_text=True)
    client.post("/auth/logout")
    sign_in(people["lead"])
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert 'href="/labs/agriculture/edit"' in page and "You lead this lab." in page


def test_a_member_posting_an_edit_is_refused_and_nothing_changes(app, client, sign_in):
    people = _people(app)
    sign_in(people["lab member"])
    response = client.post("/labs/agriculture/edit", data={**LAB_FORM, "name": "Hijacked"})
    assert response.status_code == 403
    with app.app_context():
        assert get_lab().name == "Agriculture Innovation Lab"


def test_a_lead_edits_the_lab(app, client, sign_in):
    people = _people(app)
    sign_in(people["lead"])
    form = client.get("/labs/agriculture/edit").get_data(as_text=True)
    assert 'value="Agriculture Innovation Lab"' in form
    response = client.post(
        "/labs/agriculture/edit", data={**LAB_FORM, "name": "Agriculture and Fisheries Lab"}
    )
    assert response.status_code == 302 and response.location.endswith("/labs/agriculture")
    with app.app_context():
        lab = get_lab()
        assert lab.name == "Agriculture and Fisheries Lab" and lab.slug == "agriculture"  # addresses stay
        assert lab.country_codes == ["GD", "LC"] and lab.join_policy == JoinPolicy.BY_REQUEST
        assert "<h2>Goals</h2>" in lab.description_html
    page = client.get("/labs/agriculture").get_data(as_text=True)
    assert "Grenada, St. Lucia" in page or "St. Lucia, Grenada" in page
    assert "fish-lab@network.example" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 121}, "Field must be between 3 and 120 characters long."),
        ({"theme": "astrology"}, "Not a valid choice."),
        ({"countries": ["LC", "XX"]}, "is not a valid choice"),
        ({"join_policy": "whenever"}, "Not a valid choice."),
        ({"short_description": ""}, "This field is required."),
    ],
)
def test_bad_lab_fields_are_shown_next_to_the_field(app, client, sign_in, change, message):
    people = _people(app)
    sign_in(people["lead"])
    response = client.post("/labs/agriculture/edit", data={**LAB_FORM, **change})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "There is a problem" in page and message in page
    with app.app_context():
        assert get_lab().name == "Agriculture Innovation Lab"


def test_renaming_a_lab_to_another_labs_name_is_refused(app, client, sign_in):
    people = _people(app)
    with app.app_context():
        make_lab("Data Lab")
    sign_in(people["lead"])
    response = client.post("/labs/agriculture/edit", data={**LAB_FORM, "name": "  DATA   lab "})
    assert "Another lab has this name already" in response.get_data(as_text=True)
    with app.app_context():
        assert get_lab().name == "Agriculture Innovation Lab"


# Proposals


def test_a_confirmed_member_proposes_a_lab(app, client, signed_in_member):
    assert client.get("/labs/propose").status_code == 200
    response = client.post("/labs/propose", data=LAB_FORM)
    assert response.status_code == 302 and response.location.endswith("/labs/fisheries-innovation-lab")
    page = client.get("/labs/fisheries-innovation-lab").get_data(as_text=True)
    assert "This lab is a proposal" in page
    assert "Fisheries" not in client.get("/labs/").get_data(as_text=True)  # not listed until approved
    with app.app_context():
        lab = get_lab("fisheries-innovation-lab")
        assert lab.status == LabStatus.PROPOSED and lab.proposed_by.username == signed_in_member
        [membership] = db.session.scalars(select(LabMembership).where(LabMembership.lab_id == lab.id))
        assert membership.is_lead


@pytest.mark.parametrize(("who", "status"), [("visitor", 302), ("unconfirmed", 403), ("member", 200)])
def test_who_may_propose_a_lab(app, client, sign_in, who, status):
    with app.app_context():
        people = {"unconfirmed": make_user(confirmed=False).username, "member": make_user().username}
    if who in people:
        sign_in(people[who])
    assert client.get("/labs/propose").status_code == status


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "agriculture innovation LAB"}, "name", "Another lab has this name already"),
        ({"slug": "agriculture"}, "slug", "Another lab has this web address already"),
        ({"slug": "proposals"}, "slug", "Use at least three lowercase letters"),
        ({"slug": "Bad Slug!"}, "slug", "Use lowercase letters, digits and hyphens."),
        ({"name": "!!!"}, "slug", "Use at least three lowercase letters"),
    ],
)
def test_a_proposal_with_a_taken_or_bad_name_or_address_is_refused(
    app, client, signed_in_member, change, field, message
):
    response = client.post("/labs/propose", data={**LAB_FORM, **change})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page and f'id="{field}-error"' in page
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Lab.id))) == 1


def test_two_proposals_with_one_name_at_once_make_one_lab(app):
    """The unique index settles a race that the checks before it cannot see."""
    with app.app_context():
        people = [make_user(), make_user()]
        details = services.LabDetails(name="Race Lab", theme=LabTheme.OTHER, short_description="Fast.")
        services.propose_lab(people[0], details)
        with pytest.raises(services.LabError) as refused:
            original = services._check_unique
            services._check_unique = lambda *args, **kwargs: None  # as if both checked before either wrote
            try:
                services.propose_lab(people[1], details, slug="race-lab-2")
            finally:
                services._check_unique = original
        assert refused.value.field == "name"
        assert db.session.scalar(select(db.func.count(Lab.id)).where(Lab.name_key == "race lab")) == 1


@pytest.mark.parametrize(("who", "status"), [("visitor", 302), ("member", 403), ("moderator", 200)])
def test_only_moderators_see_the_proposals_queue(app, client, sign_in, who, status):
    with app.app_context():
        make_lab("Pending Lab", approve=False)
        people = {"member": make_user().username, "moderator": make_user(role=Role.MODERATOR).username}
    if who in people:
        sign_in(people[who])
    response = client.get("/labs/proposals")
    assert response.status_code == status
    if status == 200:
        assert "Pending Lab" in response.get_data(as_text=True)


def test_a_moderator_approves_a_proposal_and_the_proposer_is_told(app, client, sign_in, outbox):
    with app.app_context():
        proposer = make_user()
        make_lab("Pending Lab", lead=proposer, approve=False)
        email, moderator = proposer.email, make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    response = client.post("/labs/pending-lab/approve", follow_redirects=True)
    assert "Pending Lab is open." in response.get_data(as_text=True)
    with app.app_context():
        assert get_lab("pending-lab").status == LabStatus.ACTIVE
    [message] = outbox.to(email)
    assert outbox.link(message, "/labs/pending-lab") == "/labs/pending-lab"
    assert "pending-lab" in client.get("/labs/").get_data(as_text=True)
    again = client.post("/labs/pending-lab/approve", follow_redirects=True)
    assert "not waiting for a review any more" in again.get_data(as_text=True)


def test_a_member_cannot_approve(app, client, sign_in):
    with app.app_context():
        proposer = make_user()
        make_lab("Pending Lab", lead=proposer, approve=False)
        username = proposer.username
    sign_in(username)  # even the proposer
    assert client.post("/labs/pending-lab/approve").status_code == 403
    assert client.post("/labs/pending-lab/decline", data={"reason": "no"}).status_code == 403
    with app.app_context():
        assert get_lab("pending-lab").status == LabStatus.PROPOSED


def test_a_moderator_declines_with_a_reason_sent_to_the_proposer(app, client, sign_in, outbox):
    with app.app_context():
        proposer = make_user()
        make_lab("Pending Lab", lead=proposer, approve=False)
        email, moderator = proposer.email, make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    assert client.get("/labs/pending-lab/decline").status_code == 200
    empty = client.post("/labs/pending-lab/decline", data={"reason": ""})
    assert "This field is required." in empty.get_data(as_text=True)
    assert outbox.to(email) == []
    response = client.post("/labs/pending-lab/decline", data={"reason": "The Data Lab covers this; join it."})
    assert response.status_code == 302
    with app.app_context():
        assert get_lab("pending-lab") is None  # the name is free for a better proposal
        assert db.session.scalar(select(db.func.count(LabMembership.id))) == 0
    [message] = outbox.to(email)
    assert "The Data Lab covers this; join it." in outbox.body(message)
    assert "Pending Lab" in outbox.body(message)


def test_an_active_lab_cannot_be_declined(app, client, sign_in):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    response = client.post("/labs/agriculture/decline", data={"reason": "x"}, follow_redirects=True)
    assert "not waiting for a review any more" in response.get_data(as_text=True)
    with app.app_context():
        assert get_lab() is not None


def test_a_lead_of_a_proposal_cannot_manage_it_before_approval(app, client, sign_in):
    with app.app_context():
        proposer = make_user()
        make_lab("Pending Lab", lead=proposer, approve=False)
        username = proposer.username
    sign_in(username)
    assert client.get("/labs/pending-lab/edit").status_code == 403
    page = client.get("/labs/pending-lab").get_data(as_text=True)
    assert "You lead this lab." in page


def test_a_deleted_proposer_leaves_a_proposal_that_moderators_can_decline(app, client, sign_in):
    with app.app_context():
        proposer = make_user()
        make_lab("Orphan Lab", lead=proposer, approve=False)
        db.session.delete(get_user(proposer.username))
        db.session.commit()
        moderator = make_user(role=Role.MODERATOR).username
    sign_in(moderator)
    assert "a former member" in client.get("/labs/proposals").get_data(as_text=True)
    assert client.post("/labs/orphan-lab/decline", data={"reason": "No lead."}).status_code == 302


def test_concurrent_joins_of_one_member_make_one_membership(app):
    """Two requests of the same member at once: the unique constraint keeps one row, no error escapes."""
    with app.app_context():
        user_id = make_user().id
    errors: list[Exception] = []

    def join():
        with app.app_context():
            try:
                services.join_lab(db.session.get(User, user_id), get_lab())
            except services.LabError:
                pass
            except Exception as error:  # collected for the assertion below
                errors.append(error)

    threads = [threading.Thread(target=join) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        assert db.session.scalar(select(db.func.count(LabMembership.id))) == 1
    assert errors == []
