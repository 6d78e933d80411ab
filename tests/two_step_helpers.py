"""Turning two-step sign-in on through the pages, and the codes an authenticator app would show."""

import re
import time

import pyotp

from tests.factories import DEFAULT_PASSWORD

STEP = 30


def app_code(secret: str, steps_ahead: int = 1) -> str:
    """The code the app shows ``steps_ahead`` 30-second steps from now (a code is good once: tests
    that need several use the next steps, which the server accepts for clock drift)."""
    return pyotp.TOTP(secret).at(time.time() + steps_ahead * STEP)


def turn_on(client) -> tuple[str, list[str]]:
    """Set up the app for the signed-in member; return the secret and the recovery codes shown."""
    assert client.post("/settings/two-step/setup").status_code == 302
    page = client.get("/settings/two-step/confirm").text
    secret = re.search(r'<code class="secret-key">([A-Z2-7]+)</code>', page).group(1)
    response = client.post("/settings/two-step/confirm", data={"code": app_code(secret, 0)})
    assert response.status_code == 200, response.text
    codes = re.findall(r"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>", response.text)
    return secret, codes


def password_step(client, username: str, remember: bool = False, next_url: str | None = None):
    data = {"identifier": username, "password": DEFAULT_PASSWORD}
    if remember:
        data["remember"] = "y"
    url = "/auth/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data=data)
