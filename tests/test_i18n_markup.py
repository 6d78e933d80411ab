"""Markup for people and assistive technology: the language of content, form errors, the statement."""

import re

from community import ROOT
from tests.factories import make_initiative

# Content keeps its own language


def test_a_post_in_another_language_than_the_page_is_marked_up_with_it(app, client):
    with app.app_context():
        initiative_id = make_initiative(title="Ventanilla única digital", language="es").id
    page = client.get(f"/initiatives/{initiative_id}").get_data(as_text=True)
    assert '<h1 id="initiative-title" lang="es">Ventanilla única digital</h1>' in page
    assert '<p class="lead" lang="es">' in page and '<div class="prose" lang="es">' in page
    assert '<span class="badge badge-language">Spanish</span>' in page  # the badge speaks the page's language
    listing = client.get("/initiatives/").get_data(as_text=True)
    assert re.search(r'<h\d id="initiative-\d+-title" class="card-title" lang="es">', listing)
    assert re.search(r'<p class="card-summary" lang="es">', listing)
    assert re.search(r'<h3 lang="es"><a href="/initiatives/\d+">Ventanilla', client.get("/").text)


def test_a_post_in_the_pages_language_or_an_unknown_one_gets_no_lang(app, client):
    with app.app_context():
        spanish = make_initiative(title="Ventanilla única", language="es").id
        other = make_initiative(title="Balcão único", language="other").id
    page = client.get(f"/initiatives/{spanish}", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<h1 id="initiative-title">Ventanilla única</h1>' in page
    page = client.get(f"/initiatives/{other}").get_data(as_text=True)
    assert '<h1 id="initiative-title">Balcão único</h1>' in page
    assert 'lang=""' not in page


def test_search_hits_carry_the_language_of_the_post(app, client):
    with app.app_context():
        make_initiative(title="Guichet unique numérique", summary="Un guichet pour tout", language="fr")
    page = client.get("/search?q=guichet").get_data(as_text=True)
    assert re.search(r'<h3 id="hit-\d+" class="card-title" lang="fr">', page)
    assert '<p class="snippet" lang="fr">' in page


def test_the_feed_marks_each_entry_with_its_language(app, client):
    with app.app_context():
        make_initiative(title="Digitale balie", language="nl")
    feed = client.get("/feeds/initiatives.atom").get_data(as_text=True)
    assert '<title xml:lang="nl">Digitale balie</title>' in feed


# Forms announce their errors


def test_a_form_with_errors_has_a_summary_linking_to_each_field(client):
    page = client.post("/auth/register", data={"email": "not-an-address", "username": ""}).get_data(
        as_text=True
    )
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', page, re.S).group(0)
    assert 'href="#email"' in summary and 'href="#username"' in summary
    for name in ("email", "username"):
        field = re.search(rf"<input[^>]*\bid=\"{name}\"[^>]*>", page).group(0)
        assert 'aria-invalid="true"' in field
        described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
        assert f"{name}-error" in described
        assert f'id="{name}-error"' in page
    assert page.index('class="error-summary"') < page.index('id="email"')


def test_a_form_without_errors_has_no_summary(client):
    page = client.get("/auth/register").get_data(as_text=True)
    assert "error-summary" not in page and "aria-invalid" not in page


def test_every_template_with_a_posted_form_of_fields_shows_the_error_summary():
    """The summary is one macro call per form: a new form that forgets it fails here."""
    forgotten = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        fields = re.search(r"\b(field|choice_group)\(|include \"[^\"]*_fields\.html\"", text)
        if 'method="post"' in text and fields and "error_summary(" not in text:
            forgotten.append(str(path.relative_to(ROOT)))
    assert not forgotten


# The accessibility statement


def test_the_accessibility_statement_says_what_is_tested_and_how_to_report(app, client):
    page = client.get("/accessibility").get_data(as_text=True)
    for words in ("axe-core", "WCAG 2.1", "Spanish, French and Dutch", "keyboard alone", "320", "200%",
                  "Known limitations", "Report a problem"):  # fmt: skip
        assert words in page, words
    address = app.config["CONTACT_EMAIL"]
    assert f'<a href="mailto:{address}">{address}</a>' in page


def test_every_page_links_to_the_accessibility_statement(client):
    for path in ("/", "/auth/login", "/no-such-page"):
        assert '<a href="/accessibility">Accessibility</a>' in client.get(path).get_data(as_text=True)
