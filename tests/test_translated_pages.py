"""A visitor, a member and a moderator who chose Spanish, French or Dutch read no English interface text.

The pages of the demo are crawled in each language; any text node, or label-like attribute, that is exactly
an English message of the catalog (one the catalog translates differently) is interface text left in English.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from community import demo
from tests.test_csrf import _crawl

TRANSLATIONS = Path(__file__).resolve().parent.parent / "community" / "translations"
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
PAGES_PER_CRAWL = 80
NOT_INTERFACE_TEXT = {
    "English",  # the language menus name each language in itself
    "Caribbean",  # the demo labs' region, as their proposers wrote it
}


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "pre", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value.strip())
        if tag == "input" and dict(attrs).get("type") in ("submit", "button") and dict(attrs).get("value"):
            self.texts.append(dict(attrs)["value"].strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "pre", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(" ".join(data.split()))


def _english_messages(language: str) -> set[str]:
    """Messages without placeholders whose translation differs from the English."""
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalog = read_po(file)
    english = set()
    for message in catalog:
        if not message.id or message.pluralizable or "%" in message.id:
            continue
        if message.string and message.string != message.id and len(message.id) > 3:
            english.add(" ".join(message.id.split()))
    return english


@pytest.mark.parametrize("language", ["es", "fr", "nl"])
def test_no_english_interface_text_is_left(app, language):
    with app.app_context():
        demo.seed()
    english = _english_messages(language)
    left: dict[str, set[str]] = {}
    for who in (None, "amara-j", "admin"):
        client = app.test_client()
        client.set_cookie("locale", language)
        if who:
            client.post("/auth/login", data={"identifier": who, "password": demo.DEMO_PASSWORD})
        for url, page in _crawl(client, limit=PAGES_PER_CRAWL):
            texts = _Texts()
            texts.feed(page.html)
            for text in texts.texts:
                if text in english and text not in NOT_INTERFACE_TEXT:
                    left.setdefault(text, set()).add(url)
    assert not left, {text: sorted(urls)[:3] for text, urls in left.items()}
