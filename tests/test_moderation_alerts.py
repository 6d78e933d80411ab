"""Moderators hear of waiting flags by e-mail: at once, once a day, or never, as they chose."""

from community.auth.models import Role
from community.extensions import db
from community.moderation import alerts
from community.moderation.models import AlertMode, ModeratorAlert
from tests.factories import get_user, make_initiative, make_user


def test_a_moderator_chooses_and_hears_at_once_of_a_new_flag(app, client, sign_in, outbox):
    with app.app_context():
        make_user(username="mod", email="mod@gov.example", role=Role.MODERATOR)
        make_user(username="quiet", email="quiet@gov.example", role=Role.MODERATOR)
        initiative_id = make_initiative(title="Cheap watches").id
        make_user(username="flagger1")
        make_user(username="flagger2")
    sign_in("mod")
    assert client.post("/moderation/alerts", data={"mode": "immediately"}).status_code == 302
    assert client.post("/moderation/alerts", data={"mode": "sometimes"}).status_code == 200
    client.post("/auth/logout")
    for name in ("flagger1", "flagger2"):
        sign_in(name)
        client.post(f"/moderation/flag/initiative/{initiative_id}", data={"reason": "spam"})
        client.post("/auth/logout")
    mails = outbox.to("mod@gov.example")
    assert len(mails) == 1  # the second flag on the same thing sends nothing more
    assert "Cheap watches" in outbox.body(mails[0]) and "/moderation/" in outbox.body(mails[0])
    assert outbox.to("quiet@gov.example") == []


def test_the_daily_alert_goes_once_a_day_and_only_when_flags_wait(app, client, sign_in, outbox):
    with app.app_context():
        make_user(username="mod", email="mod@gov.example", role=Role.MODERATOR)
        never = make_user(username="never", email="never@gov.example", role=Role.MODERATOR)
        alerts.set_alert_mode(never, AlertMode.NEVER)
        assert alerts.send_daily_alerts() == 0
        initiative_id = make_initiative().id
        make_user(username="flagger")
    sign_in("flagger")
    client.post(f"/moderation/flag/initiative/{initiative_id}", data={"reason": "abuse"})
    runner = app.test_cli_runner()
    assert "Sent 1 alert(s)." in runner.invoke(args=["moderation", "send-alerts"]).output
    assert "Sent 0 alert(s)." in runner.invoke(args=["moderation", "send-alerts"]).output
    assert len(outbox.to("mod@gov.example")) == 1 and outbox.to("never@gov.example") == []
    with app.app_context():
        assert db.session.get(ModeratorAlert, get_user("mod").id).last_sent_at is not None


def test_a_member_cannot_open_the_alert_settings(client, signed_in_member):
    assert client.get("/moderation/alerts").status_code == 403
