"""Teaming up through HTTP: what an initiative seeks, offers to join, accepting them, applying to calls."""

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.forum.models import Follow
from community.funding.models import Need, Offer
from community.notifications.models import Notification
from tests.factories import make_comment, make_initiative, make_profile, make_user
from tests.funding_helpers import make_call, make_partner, seek


def _offers() -> int:
    return db.session.scalar(select(func.count(Offer.id)))


def test_the_author_says_what_the_initiative_seeks_and_its_page_shows_it(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative()
        iid, author = initiative.id, initiative.author.username
    sign_in(author)
    data = {
        "partner_countries": ["JM", "BB"],
        "expertise": ["agritech"],
        "cofunding_amount": "25000",
        "cofunding_currency": "XCD",
        "technical_assistance": "y",
        "note": "We need a second island to pilot.",
    }
    assert client.post(f"/funding/initiatives/{iid}/needs", data=data).status_code == 302
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "Seeking partners" in page and "Seeking funding" in page
    assert "25,000 XCD" in page and "Jamaica" in page and "Agriculture technology" in page


@pytest.mark.parametrize(
    "change",
    [{"cofunding_amount": "-10"}, {"cofunding_currency": "ZZZ"}, {"partner_countries": ["QQ"]}],
)
def test_bad_needs_get_an_error_and_nothing_is_stored(app, client, sign_in, change):
    with app.app_context():
        initiative = make_initiative()
        iid, author = initiative.id, initiative.author.username
    sign_in(author)
    data = {"cofunding_amount": "100", "cofunding_currency": "USD", **change}
    assert client.post(f"/funding/initiatives/{iid}/needs", data=data).status_code == 400
    with app.app_context():
        assert db.session.get(Need, iid) is None


def test_only_the_author_says_what_an_initiative_seeks(app, client, sign_in):
    with app.app_context():
        iid, other = make_initiative().id, make_user().username
    sign_in(other)
    assert client.get(f"/funding/initiatives/{iid}/needs").status_code == 403
    assert client.get("/funding/initiatives/999999/needs").status_code == 404


def test_another_government_offers_to_partner_and_is_accepted(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative()
        seek(initiative, partner_countries=["JM"])
        iid, author = initiative.id, initiative.author.username
        partner = make_profile(make_user("kingston"), country="JM").user.username
    sign_in(partner)
    response = client.post(
        f"/funding/initiatives/{iid}/offer", data={"role": "government", "message": "Jamaica joins."}
    )
    assert response.status_code == 302
    again = client.post(f"/funding/initiatives/{iid}/offer", data={"role": "expert", "message": "Again"})
    assert again.status_code == 400 and "already" in again.get_data(as_text=True)
    with app.app_context():
        offer_id = db.session.scalar(select(Offer.id))
        assert db.session.scalar(select(Notification.kind).where(Notification.url.contains(str(iid)))) == (
            "funding_offer"
        )
    assert client.post(f"/funding/offers/{offer_id}/accept").status_code == 403  # not the author
    client.post("/auth/logout")
    sign_in(author)
    assert "Jamaica joins." in client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert client.post(f"/funding/offers/{offer_id}/accept").status_code == 302
    page = client.get(f"/initiatives/{iid}").get_data(as_text=True)
    assert "kingston" in page and "Jamaica" in page and "Partner government" in page
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        assert offer.state == "accepted"
        assert db.session.get(Follow, (offer.user_id, iid)) is not None  # told of its comments
        make_comment(db.session.get(type(offer.initiative), iid))
        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == offer.user_id))
        assert {"funding_accepted", "comment"} <= set(kinds)


def test_nobody_offers_to_join_their_own_initiative(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative()
        iid, author = initiative.id, initiative.author.username
    sign_in(author)
    response = client.post(f"/funding/initiatives/{iid}/offer", data={"role": "expert", "message": "Me"})
    assert response.status_code == 403
    with app.app_context():
        assert _offers() == 0


def test_an_initiative_applies_to_a_call_shown_on_the_call_only_if_chosen(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative(title="Seed registry")
        hidden = make_initiative(initiative.author, title="Quiet registry")
        call_id, iid, hid = make_call().id, initiative.id, hidden.id
        author = initiative.author.username
    sign_in(author)
    assert (
        client.post(f"/funding/initiatives/{iid}/apply", data={"call": call_id, "is_public": "y"}).status_code
        == 302
    )
    assert client.post(f"/funding/initiatives/{hid}/apply", data={"call": call_id}).status_code == 302
    assert client.post(f"/funding/initiatives/{iid}/apply", data={"call": 999999}).status_code == 400
    page = client.get(f"/funding/{call_id}").get_data(as_text=True)
    assert "Seed registry" in page and "Quiet registry" not in page
    assert "Seed registry" in client.get(f"/initiatives/{iid}").get_data(as_text=True)


def test_lists_of_initiatives_filter_those_seeking_partners_or_funding(app, client):
    with app.app_context():
        seek(make_initiative(title="Wants partners"), partner_countries=["JM"])
        seek(make_initiative(title="Wants money"), cofunding_amount=900, cofunding_currency="EUR")
        make_initiative(title="Wants nothing")
    partners = client.get("/initiatives/?seeking=partners").get_data(as_text=True)
    assert "Wants partners" in partners and "Wants money" not in partners and "Wants nothing" not in partners
    funding = client.get("/initiatives/?seeking=funding").get_data(as_text=True)
    assert "Wants money" in funding and "Wants partners" not in funding
    assert "Wants nothing" in client.get("/initiatives/?seeking=bogus").get_data(as_text=True)


def test_the_data_download_holds_the_members_funding_data(app, client, sign_in):
    import json

    from community.funding import services

    with app.app_context():
        partner = make_partner("cdb")
        call = make_call(partner, title="Exported fund")
        services.save_call(partner, call)
        services.set_alerts(partner, "weekly", ["health"])
        initiative = make_initiative(partner, title="Own initiative")
        seek(initiative, note="Looking for Dutch-speaking partners", technical_assistance=True)
    sign_in("cdb")
    document = json.loads(client.get("/settings/export/download").get_data(as_text=True))
    funding = document["funding"]
    assert funding["partner_organisation"] is True
    assert funding["calls_posted"][0]["title"] == "Exported fund"
    assert funding["alerts"] == {"mode": "weekly", "sectors": ["health"]}
    assert len(funding["saved_calls"]) == 1
    assert funding["initiatives_seek"][0]["note"] == "Looking for Dutch-speaking partners"
