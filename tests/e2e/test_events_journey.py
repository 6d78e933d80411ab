"""An organiser announces a three-session series; members register, one waits and moves up; reminders
with .ics go out; after the first session attendees evaluate it and the organiser reads the series report.
Real Chromium, axe-core on every page the journey visits."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from community.auth.models import Role
from community.events import reminders
from community.events.models import Event
from community.extensions import db
from community.utils import utcnow
from tests.e2e.browsing import go, sign_in, sign_out
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def _announce(page, base_url, assert_accessible, title: str, day: int) -> None:
    go(page, page.get_by_role("link", name="Announce a session"))
    expect(page.get_by_role("heading", name="Announce an event")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Starts").fill(f"2030-03-{day:02d}T14:00")
    page.get_by_label("Ends").fill(f"2030-03-{day:02d}T15:30")
    page.get_by_label("Time zone", exact=True).select_option("America/Port_of_Spain")
    page.get_by_label("Online meeting link").fill("https://meet.example.org/clinic")
    page.get_by_label("Places").fill("2")
    go(page, page.get_by_role("button", name="Announce the event"))
    expect(page.get_by_text("The event is announced.")).to_be_visible()
    expect(page.get_by_text("(America/Port_of_Spain)")).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name=re.compile("^Series: ")))
    assert_accessible(page)


def _register(page, base_url, assert_accessible, username: str, expected: str) -> None:
    sign_in(page, base_url, username)
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Events"))
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Clinic 1: self-assessment"))
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Register"))
    expect(page.get_by_text(expected).first).to_be_visible()
    assert_accessible(page)
    sign_out(page)


def test_a_three_session_series_from_announcement_to_the_series_report(
    app, page, base_url, assert_accessible, outbox
):
    with app.app_context():
        organiser = make_user(username="org-nadia", role=Role.MODERATOR).username
        ana, ben, cy = (make_user(username=name).username for name in ("ana-p", "ben-t", "cy-r"))

    sign_in(page, base_url, organiser)
    go(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Events"))
    expect(page.get_by_role("heading", name="Learning events", level=1)).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Start a series"))
    assert_accessible(page)
    page.get_by_label("Title of the series").fill("Capability clinics")
    go(page, page.get_by_role("button", name="Create the series"))
    expect(page.get_by_role("heading", name="Capability clinics", level=1)).to_be_visible()
    assert_accessible(page)
    for number, day in ((1, 5), (2, 12), (3, 19)):
        _announce(page, base_url, assert_accessible, f"Clinic {number}: self-assessment", day)
    expect(page.get_by_role("listitem").filter(has_text="Clinic 3")).to_be_visible()
    sign_out(page)

    _register(page, base_url, assert_accessible, ana, "You are registered.")
    _register(page, base_url, assert_accessible, ben, "You are registered.")
    _register(page, base_url, assert_accessible, cy, "you are on the waiting list")

    sign_in(page, base_url, ana)  # ana cannot come: her place goes to cy
    page.goto(base_url + "/events/mine")
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Clinic 1: self-assessment"))
    go(page, page.get_by_role("button", name="Cancel my registration"))
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    with app.app_context():  # the day before the first session: cron sends the reminders
        event = db.session.scalar(select(Event).where(Event.title == "Clinic 1: self-assessment"))
        event_id = event.id
        event.starts_at, event.ends_at = utcnow() + timedelta(hours=12), utcnow() + timedelta(hours=14)
        db.session.commit()
        assert reminders.send_reminders() == 2  # ben and cy, who moved up
    attachments = [part for message in outbox.messages for part in message.walk() if part.get_filename()]
    assert [part.get_filename() for part in attachments] == ["event.ics", "event.ics"]

    with app.app_context():  # the session took place; cron invites its participants to evaluate
        event = db.session.get(Event, event_id)
        event.starts_at, event.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
        db.session.commit()
        assert reminders.send_invitations() == 2

    sign_in(page, base_url, cy)
    page.goto(base_url + "/notifications")
    expect(page.get_by_text("A place opened in").first).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name=re.compile("has ended")).first)
    expect(page.get_by_role("heading", name="Evaluate Clinic 1: self-assessment")).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Save my evaluation"))  # no rating: refused
    expect(page.get_by_text("Choose a rating from 1 to 5.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="4").check()
    page.get_by_label("What did you like?").fill("The worked examples from Saint Lucia.")
    page.get_by_label("What would you do differently next time?").fill("Send the template beforehand.")
    go(page, page.get_by_role("button", name="Save my evaluation"))
    expect(page.get_by_text("your evaluation is saved")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, base_url, organiser)
    page.goto(base_url + f"/events/{event_id}")
    go(page, page.get_by_role("link", name="Evaluation results"))
    expect(page.get_by_text("Average rating: 4.0 out of 5, from 1 answer.")).to_be_visible()
    expect(page.get_by_text("The worked examples from Saint Lucia.")).to_be_visible()
    assert_accessible(page)
    go(page, page.get_by_role("link", name="Report across the series"))
    expect(page.get_by_role("heading", name="Trend across the sessions")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Clinic 3")
    assert_accessible(page)
