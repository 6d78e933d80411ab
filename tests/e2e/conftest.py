"""Browser tests: the app served on 127.0.0.1, Debian's Chromium, axe-core, a loopback-only guard."""

import os
import re
import threading
from pathlib import Path

import axe_playwright_python
import pytest
from werkzeug.serving import make_server

from community import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NOT_LOOPBACK = re.compile(
    r"^(?!(https?|wss?)://(127\.\d+\.\d+\.\d+|localhost)(:\d+)?(/|$))(https?|wss?|ftp):"
)


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_E2E"):
        raise pytest.UsageError(f"REQUIRE_E2E is set but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: browser tests SKIPPED")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected into the page: the audit contexts bypass the CSP, a dedicated test does not.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture(scope="session")
def live_app(app):
    """A second app on the same database, with CSRF on as in production."""
    return create_app(
        {
            "TESTING": False,
            "RATELIMIT_ENABLED": False,
            "TWO_FACTOR_REQUIRED_FOR_STAFF": False,  # the two-step journey turns it on
            # Static files cached for the session: a revalidation answered 304 leaves werkzeug's
            # file wrapper unclosed (a ResourceWarning that fails whichever test the GC hits).
            "SEND_FILE_MAX_AGE_DEFAULT": 3600,
            "PASSWORD_HASH_METHOD": app.config["PASSWORD_HASH_METHOD"],
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        }
    )


def _buffered(app):
    """Read each response whole, then close it, before werkzeug writes it out.

    When the browser drops a request (a favicon fetch cut short by a navigation), werkzeug's
    dev server fails before closing the response, leaving a static file open: a ResourceWarning
    that fails whichever test the garbage collector happens to run in.
    """

    def wsgi(environ, start_response):
        iterable = app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()

    return wsgi


@pytest.fixture(scope="session")
def base_url(live_app):
    server = make_server("127.0.0.1", 0, _buffered(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    live_app.config["SITE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield live_app.config["SITE_URL"]
    server.shutdown()


@pytest.fixture
def context(context):
    blocked: list[str] = []
    context.route(NOT_LOOPBACK, lambda route: (blocked.append(route.request.url), route.abort()))
    context.blocked_requests = blocked
    yield context
    assert blocked == [], f"the site asked another host for {blocked}"


def axe_violations(page) -> list:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.fixture
def assert_accessible():
    def check(page) -> None:
        violations = axe_violations(page)
        assert violations == [], f"axe found WCAG violations on {page.url}: {violations}"

    return check


def loaded_width(page, selector: str) -> int:
    """The natural width of an image once it has loaded (images load after the page's load event)."""
    page.wait_for_function(
        "sel => { const img = document.querySelector(sel);"
        " return img && img.complete && img.naturalWidth > 0; }",
        arg=selector,
    )
    return page.locator(selector).evaluate("img => img.naturalWidth")
