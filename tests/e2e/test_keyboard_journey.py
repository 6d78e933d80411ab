"""The whole register -> confirm -> sign in -> post -> comment journey with the keyboard alone.

Only Tab, Shift+Tab, Enter and Space move and act; ``keyboard.type`` types into the focused field
(typing a few letters on a focused <select> picks the option that starts with them, as it does for
a person). Locators only read state. The confirmation link is opened from the e-mail with ``goto``.
At every stop the focused element must show a focus indicator (an outline or a box shadow from
``:focus-visible``) inside the window.
"""

import re

import pytest

from tests.e2e.keyboard import assert_focus_visible, focused, press, tab_to
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.e2e


def field(field_id: str):
    return lambda element: element["id"] == field_id


def named(tag: str, name: str):
    return lambda element: element["tag"] == tag and element["name"] == name


def activate(page, key: str = "Enter") -> None:
    """Press Enter (or Space) on the focused link or button and wait for the next page."""
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)


def fill_in(page, field_id: str, text: str) -> None:
    """Tab to a field and type into it."""
    tab_to(page, field(field_id))
    page.keyboard.type(text)
    assert focused(page)["value"] == text, f"#{field_id} holds {focused(page)['value']!r}"


def choose(page, field_id: str, letters: str, expected: str) -> None:
    """Tab to a <select> and type the first letters of an option."""
    tab_to(page, field(field_id))
    page.keyboard.type(letters)
    chosen = page.locator(f"#{field_id} option:checked").inner_text()
    assert chosen == expected, f"#{field_id} shows {chosen!r}"


def heading(page) -> str:
    return page.locator("h1").inner_text()


@pytest.mark.parametrize("width", [1280, 320])
def test_a_newcomer_registers_posts_and_comments_with_the_keyboard_alone(page, base_url, outbox, width):
    page.set_viewport_size({"width": width, "height": 720})
    page.goto(base_url + "/")
    skip = press(page, "Tab")
    assert skip["name"] == "Skip to main content"
    assert_focus_visible(skip)
    tab_to(page, named("a", "Join the network"))
    activate(page)
    assert heading(page) == "Join the network"

    # The skip link leads into the form, past the header.
    tab_to(page, named("a", "Skip to main content"))
    page.keyboard.press("Enter")
    assert focused(page)["tag"] == "main"
    fill_in(page, "email", "nadia.m@gov.sr.example")
    fill_in(page, "username", "nadia-m")
    fill_in(page, "password", DEFAULT_PASSWORD)
    fill_in(page, "confirm", "not the same password")
    tab_to(page, named("button", "Create my account"))
    activate(page)
    assert page.locator(".error-summary").is_visible()

    # The error summary's link leads to the field in error; the passwords are typed again.
    tab_to(page, lambda element: element["tag"] == "a" and element["href"] == "#confirm")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "confirm", f"the summary's link left the focus on {focused(page)}"
    tab_to(page, field("password"), key="Shift+Tab", max_tabs=1)
    page.keyboard.type(DEFAULT_PASSWORD)
    fill_in(page, "confirm", DEFAULT_PASSWORD)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Create my account"
    activate(page, "Space")
    assert heading(page) == "Check your inbox"

    [message] = outbox.to("nadia.m@gov.sr.example")
    page.goto(base_url + outbox.link(message, "/auth/confirm/"))
    tab_to(page, named("button", "Confirm my address"))
    activate(page)
    assert page.locator(".flash").filter(has_text="your e-mail address is confirmed").is_visible()

    assert heading(page) == "Sign in"
    fill_in(page, "identifier", "nadia-m")
    fill_in(page, "password", DEFAULT_PASSWORD)
    remember = tab_to(page, field("remember"))
    assert remember["checked"] is False
    assert press(page, "Space")["checked"] is True  # Space ticks a checkbox
    tab_to(page, named("button", "Sign in"))
    activate(page)
    assert page.locator(".flash").filter(has_text=re.compile(r"Welcome(?: back)?, nadia-m")).is_visible()

    # To the forum by the main navigation, then to the form.
    tab_to(page, named("a", "Initiatives"))
    activate(page)
    assert heading(page) == "Initiatives"
    tab_to(page, named("a", "Share an initiative"))
    activate(page)
    assert heading(page) == "Share an initiative"

    fill_in(page, "title", "Suriname's one-stop business portal")
    choose(page, "category", "Dig", "Digital identity & e-services")
    fill_in(page, "summary", "One portal to register a company, with the tax office and the chamber.")
    fill_in(page, "body", "We started with **three** procedures.")
    choose(page, "country", "Sur", "Suriname")
    choose(page, "sector", "Pub", "Public administration")
    sdg = tab_to(page, lambda element: element["type"] == "checkbox" and element["name"].startswith("16."))
    assert press(page, "Space")["checked"] is True
    assert sdg["name"].startswith("16. Peace")
    fill_in(page, "tags", "business, one-stop-shop")
    tab_to(page, named("button", "Publish the initiative"))
    activate(page)
    assert page.locator(".flash").filter(has_text="Your initiative is shared").is_visible()
    assert heading(page) == "Suriname's one-stop business portal"
    assert re.search(r"/initiatives/\d+$", page.url)

    fill_in(page, "body", "Happy to share our process maps, ask me.")
    tab_to(page, named("button", "Post the comment"))
    activate(page)
    assert page.locator(".flash").filter(has_text="Your comment is posted").is_visible()
    assert page.locator(".comment").filter(has_text="Happy to share our process maps").is_visible()


def test_tab_to_fails_on_a_focus_without_indicator(page, base_url):
    page.goto(base_url + "/auth/login")
    page.add_style_tag(content=":focus-visible { outline: none !important; box-shadow: none !important; }")
    with pytest.raises(AssertionError, match="shows no focus indicator"):
        tab_to(page, field("password"))
