"""Steps every browser journey takes: follow a link or button to the next page, sign in, sign out."""

from tests.factories import DEFAULT_PASSWORD


def go(page, locator) -> None:
    """Click and wait for the next page to load fully (no request is cut off half-way)."""
    with page.expect_navigation(wait_until="load"):
        locator.click()


def sign_in(page, base_url: str, username: str) -> None:
    """Through the sign-in form, in whatever language the page speaks."""
    page.goto(base_url + "/auth/login")
    page.locator("#identifier").fill(username)
    page.locator("#password").fill(DEFAULT_PASSWORD)
    go(page, page.locator("main form button[type=submit]"))
    assert page.locator("form[action$='/auth/logout']").count() == 1, f"{username} could not sign in"


def sign_out(page) -> None:
    go(page, page.locator("form[action$='/auth/logout'] button"))
