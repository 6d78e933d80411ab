"""A member fills in a profile and uploads a picture; another member finds them in the directory."""

import re

import pytest

from tests.e2e.browsing import sign_in
from tests.e2e.conftest import loaded_width
from tests.factories import make_user
from tests.images import picture

pytestmark = pytest.mark.e2e


def test_member_fills_in_a_profile_and_another_finds_them(app, page, base_url, assert_accessible):
    with app.app_context():
        make_user(username="keisha-t")
        make_user(username="diego-r")
        for _ in range(3):
            make_user()  # others in the directory, so the filters have something to leave out

    sign_in(page, base_url, "keisha-t")
    assert page.get_by_text(re.compile(r"Welcome(?: back)?, keisha-t")).is_visible()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Profile").click()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Keisha Thomas")
    page.get_by_label("Headline").fill("Digital skills for every public officer")
    page.get_by_label("Organization").fill("Ministry of Innovation")
    page.get_by_label("Country").select_option("BB")
    page.get_by_label("Digital identity").check()
    page.get_by_label("Spanish").check()
    page.get_by_label("Website").fill("not a web address")
    page.get_by_role("button", name="Save your profile").click()
    assert page.get_by_role("alert").is_visible()  # the error summary
    assert_accessible(page)
    page.get_by_label("Website").fill("https://innovation.gov.bb.example")
    page.get_by_role("button", name="Save your profile").click()
    assert page.get_by_role("heading", name="Keisha Thomas", level=1).is_visible()
    assert_accessible(page)

    page.goto(base_url + "/settings/avatar")
    assert_accessible(page)
    page.get_by_label("Picture").set_input_files(
        files=[{"name": "keisha.png", "mimeType": "image/png", "buffer": picture("PNG", size=(500, 400))}]
    )
    page.get_by_role("button", name="Upload the picture").click()
    assert page.get_by_text("Your picture is saved.").is_visible()
    assert loaded_width(page, "img.avatar-256") == 256
    assert_accessible(page)
    page.goto(base_url + "/settings/privacy")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base_url, "diego-r")
    assert page.get_by_text(re.compile(r"Welcome(?: back)?, diego-r")).is_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    assert_accessible(page)
    page.get_by_label("Name, organization or headline").fill("innovation")
    page.get_by_label("Country").select_option("BB")
    page.get_by_role("combobox", name="Expertise").select_option("digital-identity")
    page.get_by_label("Speaks").select_option("es")
    page.get_by_role("button", name="Show members").click()
    assert "country=BB" in page.url and "expertise=digital-identity" in page.url and "language=es" in page.url
    assert page.get_by_text("1 member", exact=True).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Keisha Thomas").click()
    assert page.get_by_role("heading", name="Keisha Thomas", level=1).is_visible()
    assert loaded_width(page, "img.avatar-256") == 256
    assert_accessible(page)


@pytest.fixture
def profile_paths(app):
    with app.app_context():
        from tests.factories import make_profile

        make_profile(
            make_user(username="ravi-s"),
            display_name="Ravi Singh",
            headline="Data governance",
            country="TT",
            expertise=["data-governance", "open-data"],
            languages=["en", "hi"],
            bio="A **long** bio " * 40,
        )
    return ["/members/", "/members/?country=TT&sort=name", "/members/ravi-s"]


def test_profile_pages_raise_no_content_security_policy_violation(browser, base_url, profile_paths):
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    for path in profile_paths:
        page.goto(base_url + path)
    context.close()
    assert [text for text in problems if "Content Security Policy" in text] == []


def test_profile_pages_fit_a_320_pixel_screen(browser, base_url, profile_paths):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in profile_paths:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
    context.close()
