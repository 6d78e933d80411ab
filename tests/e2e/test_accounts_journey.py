"""A newcomer registers, confirms from the mail file, signs in and out, in a real Chromium."""

import pytest

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


def test_newcomer_registers_confirms_signs_in_and_out(page, base_url, outbox, assert_accessible):
    page.goto(base_url + "/")
    assert_accessible(page)
    page.get_by_role("link", name="Join the network").first.click()
    assert_accessible(page)

    page.get_by_label("E-mail address").fill("keisha.thomas@gov.bb.example")
    page.get_by_label("Username").fill("keisha-t")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    assert page.get_by_role("alert").is_visible()  # the error summary
    assert_accessible(page)  # the form with its errors shown

    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_label("Repeat the password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    assert page.get_by_role("heading", name="Check your inbox").is_visible()
    assert_accessible(page)

    [message] = outbox.to("keisha.thomas@gov.bb.example")
    page.goto(base_url + outbox.link(message, "/auth/confirm/"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my address").click()
    assert page.get_by_text("your e-mail address is confirmed").is_visible()
    assert_accessible(page)  # the sign-in page

    page.get_by_label("E-mail address or username").fill("keisha-t")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("Welcome, keisha-t.").is_visible()  # the first sign-in: getting started
    assert_accessible(page)

    page.get_by_role("link", name="Settings").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_text("You are signed out").is_visible()
    assert (
        page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").is_visible()
    )


def test_axe_reports_a_broken_page(page, base_url):
    from tests.e2e.conftest import axe_violations

    page.goto(base_url + "/auth/login")
    page.evaluate("document.querySelector('label[for=identifier]').remove()")
    assert any(rule == "label" for rule, _impact, _nodes in axe_violations(page))


def test_pages_raise_no_content_security_policy_violation(browser, base_url):
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    for path in ("/", "/auth/register", "/auth/login", "/accessibility", "/missing"):
        page.goto(base_url + path)
    context.close()
    assert [text for text in problems if "Content Security Policy" in text] == []


@pytest.mark.parametrize("path", ["/", "/auth/register", "/auth/login"])
def test_pages_fit_a_320_pixel_screen(browser, base_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
