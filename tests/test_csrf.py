"""Every state change is a POST with a CSRF token: the forms carry one, and a POST without is refused."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from community import demo

SKIP_PREFIXES = ("/static/",)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action"),
                    "token": False,
                }
            )
        elif tag == "input" and attrs.get("name") == "csrf_token" and self.forms:
            self.forms[-1]["token"] = True


def _crawl(client, start="/", limit=400):
    """Visit every page reachable by links from ``start``; yield (path, parsed page)."""
    seen, queue = set(), [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or parts.path in seen or parts.path.startswith(SKIP_PREFIXES):
            continue
        seen.add(parts.path)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.mimetype != "text/html":
            continue
        page = _Page()
        page.html = response.get_data(as_text=True)
        page.feed(page.html)
        yield url, page
        queue.extend(urljoin(url, link) for link in page.links if not link.startswith(("#", "mailto:")))


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _sign_in_with_token(client, username: str) -> None:
    """Sign in as a browser does with CSRF on: the token comes from the form."""
    login = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    data = {"identifier": username, "password": demo.DEMO_PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=data).status_code == 302, f"{username} could not sign in"


def test_every_post_form_on_every_page_carries_a_token(app, csrf_on):
    """And the tokens render without an id: a page with several forms keeps its ids unique."""
    with app.app_context():
        demo.seed()
    visited = 0
    for who in (None, "admin", "amara-j"):
        client = app.test_client()
        if who:
            _sign_in_with_token(client, who)
        for url, page in _crawl(client):
            visited += 1
            repeated = sorted({name for name in page.ids if page.ids.count(name) > 1})
            assert repeated == [], f"{url} repeats the ids {repeated}"
            for form in page.forms:
                if form["method"] == "post":
                    assert form["token"], f"a POST form on {url} (to {form['action']}) has no CSRF token"
    assert visited > 10


def _dummy_path(rule) -> str:
    """The rule's path with a placeholder for each argument (1 for numbers, x otherwise)."""
    converters = rule._converters
    values = {arg: 1 if "int" in str(converters.get(arg, "")).lower() else "x" for arg in rule.arguments}
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), rule.rule)


# The API reads no cookie (a bearer token or nothing), so no other site can act with a member's session
# there: it takes no form token (tests/test_api.py proves it ignores the session).
NO_COOKIES = ("/static", "/api/")


def _post_rules(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith(NO_COOKIES):
            yield _dummy_path(rule)


def test_a_post_without_token_is_refused_on_every_route(app, client, csrf_on, member, sign_in):
    paths = list(_post_rules(app))
    assert "/auth/login" in paths and "/auth/logout" in paths
    for signed_in in (False, True):
        if signed_in:
            app.config["WTF_CSRF_ENABLED"] = False
            sign_in(member)
            app.config["WTF_CSRF_ENABLED"] = True
        for path in paths:
            response = client.post(path, data={"anything": "x"})
            assert response.status_code == 400, f"POST {path} without a token answered {response.status_code}"
            assert "The form expired" in response.get_data(as_text=True)
