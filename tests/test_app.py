"""The application's rails: configuration, health, headers, error pages."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from community import ROOT, create_app
from community.config import database_url
from community.extensions import db


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_sqlite_is_tuned_for_several_workers(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the pragmas concern the embedded SQLite only")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_database_url_is_normalized(tmp_path):
    assert database_url(None, tmp_path) == f"sqlite:///{tmp_path / 'community.db'}"
    assert database_url("sqlite:///x.db", tmp_path) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgres://u@h/d", tmp_path) == "postgresql+psycopg://u@h/d"
    assert database_url("postgresql://u@h/d", tmp_path) == "postgresql+psycopg://u@h/d"


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert (Path(tmp_path) / "secret_key").read_text() == first.config["SECRET_KEY"]


def test_environment_sets_any_setting_with_the_prefix(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    monkeypatch.setenv("COMMUNITY_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("SITE_URL", "https://agents.example.org/")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["RATELIMIT_ENABLED"] is False
    assert app.config["SITE_URL"] == "https://agents.example.org"


def test_production_cookies_are_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    monkeypatch.setenv("COMMUNITY_ENV", "production")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["MAIL_BACKEND"] == "smtp"


def test_every_response_carries_the_security_headers(client):
    headers = client.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_landmarks_and_a_skip_link(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert 'href="#main"' in page and '<main id="main"' in page
    assert "<header" in page and "<footer" in page and "<nav" in page


def test_no_inline_script_or_style_in_pages(client):
    for url in ("/", "/auth/login", "/auth/register", "/missing"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)  # only the site's own files
        assert "style=" not in page and "<style" not in page


@pytest.mark.parametrize(
    ("method", "url", "status", "text"),
    [
        ("get", "/no/such/page", 404, "Page not found"),
        ("get", "/auth/logout", 405, "not available this way"),
        ("put", "/auth/login", 405, "not available this way"),
    ],
)
def test_errors_render_inside_the_layout(client, method, url, status, text):
    response = getattr(client, method)(url)
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert text in page and 'id="main"' in page


def test_a_too_large_request_gets_413(client, app):
    response = client.post("/auth/login", data={"identifier": "x" * (17 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_an_unexpected_error_gets_the_500_page_and_rolls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def test_accessibility_statement_says_how_to_report(client):
    page = client.get("/accessibility").get_data(as_text=True)
    assert "WCAG 2.1" in page and "Report a problem" in page


def test_locale_follows_the_browser(client):
    page = client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr">' in page


def test_home_page_runs_a_fixed_number_of_queries(app, client, count_queries):
    from tests.factories import add_member, get_lab, make_comment, make_initiative, make_lab, make_user

    with app.app_context():
        make_user()
        make_initiative()
    with count_queries() as few:
        client.get("/")
    with app.app_context():
        for _ in range(10):
            make_user()
        for _ in range(5):
            add_member(make_lab())
        add_member(get_lab())
        for number in range(8):
            make_comment(make_initiative(title=f"Home case {number}", category="agriculture"))
    with count_queries() as many:
        page = client.get("/").get_data(as_text=True)
    assert page.count('<a href="/labs/lab-number-') == 5  # the labs and their counts are on the page
    assert page.count("Home case") == 6  # the latest initiatives, with their authors and categories
    assert few.count == many.count <= 4  # newest members, labs, initiatives: one query each (+ profiles')


def test_static_files_are_fingerprinted_and_cached_for_a_year(client):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{12})"', page).group(1)
    with client.get(href) as response:
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_forbidden_pages_explain_why(tmp_path, monkeypatch):
    from community.permissions import moderator_required, poster_required
    from tests.factories import make_user

    monkeypatch.setenv("COMMUNITY_INSTANCE", str(tmp_path))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.db",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    app.add_url_rule("/mods", "mods", moderator_required(lambda: "ok"))
    app.add_url_rule("/write", "write", poster_required(lambda: "ok"))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        make_user(username="plain")
        make_user(username="newbie", confirmed=False)
    client = app.test_client()
    assert client.get("/mods").status_code == 302  # a visitor is sent to sign in
    client.post("/auth/login", data={"identifier": "plain", "password": "correct-horse-battery-staple"})
    response = client.get("/mods")
    assert response.status_code == 403 and "does not have permission" in response.get_data(as_text=True)
    client.post("/auth/logout")
    client.post("/auth/login", data={"identifier": "newbie", "password": "correct-horse-battery-staple"})
    response = client.get("/write")
    assert response.status_code == 403 and "Confirm your e-mail address first" in response.get_data(
        as_text=True
    )
    with app.app_context():
        db.engine.dispose()


def test_numbers_beyond_any_id_or_page_are_not_found(app, client, signed_in_member):
    """Walk every rule with an integer in its path, and every list with a huge page."""
    from tests.test_csrf import _dummy_path

    huge = "99999999999999999999"
    for rule in app.url_map.iter_rules():
        if "int" not in str(rule._converters.values()).lower():
            continue
        path = _dummy_path(rule).replace("/1/", f"/{huge}/")
        path = path[: -len("/1")] + f"/{huge}" if path.endswith("/1") else path
        for method in ("GET", "POST") if "POST" in rule.methods else ("GET",):
            response = client.open(path, method=method)
            assert response.status_code in (404, 405), f"{method} {path} answered {response.status_code}"
    for url in ("/initiatives/", "/labs/", "/members/", "/notifications"):
        assert client.get(f"{url}?page={huge}").status_code == 404
        assert client.get(f"{url}?page=-3").status_code == 404
        assert client.get(f"{url}?page=abc").status_code == 200


def test_the_member_menu_leads_to_the_profile_and_moderators_to_the_queue(app, client, sign_in):
    from community.auth.models import Role
    from tests.factories import make_user

    with app.app_context():
        make_user(username="plain-member")
        make_user(username="a-moderator", role=Role.MODERATOR)
    sign_in("plain-member")
    page = client.get("/").text
    assert 'href="/members/plain-member"' in page and 'href="/moderation/"' not in page
    client.post("/auth/logout")
    sign_in("a-moderator")
    assert 'href="/moderation/"' in client.get("/").text


def test_an_empty_instance_variable_means_the_default_folder(monkeypatch):
    from community import ROOT

    monkeypatch.setenv("COMMUNITY_INSTANCE", "")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.instance_path == str(ROOT / "instance")


@pytest.mark.parametrize(
    "path", ["/initiatives/2147483648", "/initiatives/100667413865061216", "/api/v1/initiatives/2147483648"]
)
def test_an_id_no_integer_column_can_hold_is_not_found_on_every_database(client, path):
    """On PostgreSQL a number past INTEGER reached the query and failed it (500)."""
    assert client.get(path).status_code == 404


def test_make_run_on_another_port_mails_links_to_that_port():
    """Mailed links pointed to port 5000 whatever port make run served on."""
    import subprocess

    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "SITE_URL=http://127.0.0.1:8123 " in dry_run and "--port 8123" in dry_run
