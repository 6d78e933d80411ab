"""Alerts of new calls (at once, weekly, never), deadline reminders, and matching with its reasons."""

from datetime import timedelta

from sqlalchemy import select

from community.extensions import db
from community.funding import services
from community.funding.models import AlertSetting
from community.notifications.models import Notification
from community.utils import utcnow
from tests.factories import make_initiative, make_profile, make_user
from tests.funding_helpers import form_of, make_call, make_partner, seek


def _kinds(username: str) -> list[str]:
    from tests.factories import get_user

    user = get_user(username)
    return list(db.session.scalars(select(Notification.kind).where(Notification.user_id == user.id)))


def test_a_member_chooses_funding_alerts_in_the_notification_settings(app, client, signed_in_member):
    assert "/funding/alerts" in client.get("/settings/notifications").get_data(as_text=True)
    response = client.post("/funding/alerts", data={"mode": "weekly", "sectors": ["agriculture", "health"]})
    assert response.status_code == 302
    assert client.post("/funding/alerts", data={"mode": "hourly"}).status_code == 400
    with app.app_context():
        setting = db.session.scalars(select(AlertSetting)).one()
        assert setting.mode == "weekly" and setting.sectors == ["agriculture", "health"]


def test_a_member_with_a_fitting_profile_is_alerted_at_once_and_others_are_not(app, client, sign_in):
    with app.app_context():
        fits = make_profile(make_user("castries"), country="LC").user
        elsewhere = make_profile(make_user("havana"), country="CU").user
        other_sector = make_profile(make_user("roseau"), country="LC").user
        quiet = make_profile(make_user("quiet"), country="LC").user
        services.set_alerts(fits, "immediately", ["agriculture"])
        services.set_alerts(elsewhere, "immediately", [])
        services.set_alerts(other_sector, "immediately", ["health"])
        services.set_alerts(quiet, "never", [])
        partner = make_partner().username
    sign_in(partner)
    assert client.post("/funding/new", data=form_of()).status_code == 302
    with app.app_context():
        assert _kinds("castries") == ["funding_call"]
        assert _kinds("havana") == _kinds("roseau") == _kinds("quiet") == []


def test_the_weekly_digest_mails_new_fitting_calls_once(app, outbox):
    with app.app_context():
        member = make_profile(make_user("bridgetown"), country="BB").user
        services.set_alerts(member, "weekly", [])
        db.session.get(AlertSetting, member.id).last_digest_at = utcnow() - timedelta(days=8)
        db.session.commit()
        make_call(title="Barbados data fund", countries=["BB"])
        make_call(title="Cuban fund", countries=["CU"])
        assert services.send_digests() == 1
        assert services.send_digests() == 0  # not due again for a week
        address = member.email
    (message,) = outbox.to(address)
    body = outbox.body(message)
    assert "Barbados data fund" in body and "Cuban fund" not in body


def test_the_digest_command_runs_from_the_cli(app):
    result = app.test_cli_runner().invoke(args=["funding", "send-digests"])
    assert result.exit_code == 0 and "digest" in result.output


def test_a_saved_call_is_reminded_once_seven_days_before_its_deadline(app, client, sign_in):
    now = utcnow()
    with app.app_context():
        soon = make_call(title="Soon", closes=now + timedelta(days=6)).id
        later = make_call(title="Later", closes=now + timedelta(days=30)).id
        member = make_user("saver").username
    sign_in(member)
    for call_id in (soon, later):
        assert client.post(f"/funding/{call_id}/save").status_code == 302
    assert "Soon" in client.get("/funding/saved").get_data(as_text=True)
    with app.app_context():
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
        assert _kinds("saver") == ["funding_reminder"]


def test_a_call_lists_the_fitting_initiatives_with_the_reasons_in_words(app, client):
    with app.app_context():
        fitting = make_initiative(title="Farm registry", country="LC", sector="agriculture", sdgs=[2])
        seek(fitting, cofunding_amount=20_000, cofunding_currency="USD")
        not_seeking = make_initiative(title="Not seeking", country="LC", sector="agriculture")
        ineligible = make_initiative(title="Cuban farms", country="CU", sector="agriculture")
        seek(ineligible, cofunding_amount=5_000, cofunding_currency="USD")
        call_id = make_call(countries=["LC"], sectors=["agriculture"], sdgs=[2]).id
        assert not_seeking.id
    page = client.get(f"/funding/{call_id}").get_data(as_text=True)
    assert "Farm registry" in page
    assert "St. Lucia is eligible; agriculture, fisheries and food; SDG 2" in page
    assert "Not seeking" not in page and "Cuban farms" not in page


def test_members_who_could_help_come_with_reasons_and_never_the_unlisted(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative(title="Payments pilot", country="LC", sector="finance")
        seek(initiative, partner_countries=["JM"], expertise=["digital-payments"])
        make_profile(make_user("kingston"), country="JM", expertise=["digital-payments"])
        unlisted = make_profile(make_user("unconfirmed", confirmed=False), country="JM").user
        make_initiative(title="Payments in Jamaica", country="JM", sector="finance")
        iid, viewer = initiative.id, make_user().username
        assert unlisted.confirmed_at is None
    sign_in(viewer)
    page = client.get(f"/funding/initiatives/{iid}/matches").get_data(as_text=True)
    assert "kingston" in page and "Digital payments; from Jamaica" in page
    assert "unconfirmed" not in page
    assert "Payments in Jamaica" in page


def test_the_funding_pages_read_a_fixed_number_of_queries(app, client, count_queries, sign_in):
    def counts() -> dict[str, int]:
        found = {}
        for path in (
            "/funding/",
            f"/funding/{call_id}",
            f"/funding/initiatives/{iid}/matches",
            f"/initiatives/{iid}",
        ):
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            found[path] = counter.count
        return found

    with app.app_context():
        initiative = make_initiative(country="LC", sector="agriculture", sdgs=[2])
        seek(
            initiative,
            partner_countries=["JM"],
            expertise=["agritech"],
            cofunding_amount=1,
            cofunding_currency="USD",
        )
        iid, call_id = initiative.id, make_call().id
        viewer = make_user().username
        make_profile(
            make_user(), country="JM", expertise=["agritech"], languages=["en"]
        )  # one of each listed
        seek(
            make_initiative(country="JM", sector="agriculture", sdgs=[2]),
            cofunding_amount=1,
            cofunding_currency="USD",
        )
    sign_in(viewer)
    small = counts()
    with app.app_context():
        for number in range(12):
            make_call(title=f"Call {number}")
            other = make_initiative(country="LC" if number % 2 else "JM", sector="agriculture", sdgs=[2, 5])
            seek(other, partner_countries=["BB"], cofunding_amount=number + 1, cofunding_currency="EUR")
            make_profile(make_user(), country="JM", expertise=["agritech"], languages=["en"])
    assert counts() == small
    assert max(small.values()) <= 16  # the initiative page: see tests/test_page_queries.py


def test_the_demo_has_a_dozen_calls_open_and_closed_seekers_and_one_partnership(app):
    from community.funding.models import Call, Need, Offer

    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "12 funding calls" in result.output
    with app.app_context():
        statuses = {call.status() for call in db.session.scalars(select(Call))}
        assert {"open", "closing", "closed", "upcoming"} <= statuses
        assert db.session.scalars(select(Need).where(Need.seeks_partners.is_(True))).first() is not None
        assert db.session.scalars(select(Offer).where(Offer.state == "accepted")).one()
