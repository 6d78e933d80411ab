"""The Spanish, French and Dutch catalogs hold every string of the code and templates, fully translated.

The strings are extracted afresh, as ``make messages`` does, so a string added since the last
``make messages`` fails here too. To fix a failure: ``make messages``, then translate what is empty.
"""

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from community import ROOT

TRANSLATIONS = ROOT / "community" / "translations"
LANGUAGES = ("es", "fr", "nl")
# The options of `make messages` (Makefile): keep them the same.
EXTRACT = ["extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext"]
EXTRACT += ["--add-comments=Translators:", "--no-location", "--sort-output"]
# A %-placeholder as Python formats it: %(name)s, %d, %.1f …; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>.)", re.S
)
CONVERSIONS = set("diouxXeEfFgGcrsa%")


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as source:
        return read_po(source, locale=locale)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The strings of the code and templates now: (msgid, plural msgid or None, context) -> flags."""
    pot = tmp_path_factory.mktemp("messages") / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", *EXTRACT, "-o", str(pot), str(ROOT)])
    return {_key(message): message for message in _read(pot) if message.id}


@pytest.fixture(scope="module", params=LANGUAGES)
def catalog(request):
    return _read(TRANSLATIONS / request.param / "LC_MESSAGES" / "messages.po", request.param)


def _key(message) -> tuple[str, str | None, str | None]:
    if isinstance(message.id, tuple | list):
        return message.id[0], message.id[1], message.context
    return message.id, None, message.context


def _strings(value) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _placeholders(text: str) -> list[tuple[str | None, str]]:
    """The placeholders of ``text`` (name, conversion), sorted; a stray % shows as (None, "?")."""
    found = []
    for match in PLACEHOLDER.finditer(text):
        kind = match["type"] if match["type"] in CONVERSIONS else "?"
        if kind != "%":
            found.append((match["name"], kind))
    if "%" in PLACEHOLDER.sub("", text):  # a lone % at the end
        found.append((None, "?"))
    return sorted(found, key=lambda item: (item[0] or "", item[1]))


def _describe(key) -> str:
    return key[0] if key[2] is None else f"{key[2]}: {key[0]}"


def test_the_committed_template_holds_every_string_of_the_code(extracted):
    committed = {_key(message) for message in _read(TRANSLATIONS / "messages.pot") if message.id}
    missing = sorted(_describe(key) for key in set(extracted) - committed)
    assert not missing, f"run `make messages`: {len(missing)} strings are not in messages.pot: {missing[:20]}"


def test_every_string_of_the_code_is_in_the_catalog(extracted, catalog):
    present = {_key(message) for message in catalog if message.id}
    missing = sorted(_describe(key) for key in set(extracted) - present)
    assert not missing, (
        f"{catalog.locale}: run `make messages`, then translate {len(missing)}: {missing[:20]}"
    )


def test_no_entry_is_fuzzy_or_empty(catalog):
    assert not catalog.fuzzy, f"{catalog.locale}: the catalog's header is marked fuzzy"
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    empty = [
        message.id
        for message in catalog
        if message.id and (not message.string or not all(_strings(message.string)))
    ]
    assert not fuzzy, f"{catalog.locale}: {len(fuzzy)} fuzzy entries: {fuzzy[:20]}"
    assert not empty, f"{catalog.locale}: {len(empty)} untranslated entries: {empty[:20]}"


def test_plural_entries_have_every_form_of_the_language(catalog):
    wrong = [
        message.id
        for message in catalog
        if message.pluralizable and len(_strings(message.string)) != catalog.num_plurals
    ]
    assert not wrong, f"{catalog.locale}: plural entries without {catalog.num_plurals} forms: {wrong[:20]}"


def test_translations_keep_the_placeholders_of_the_english(catalog):
    """A placeholder lost, renamed or added would break the page (or say something else)."""
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = _strings(message.id)
        expected = _placeholders(ids[-1])
        # A singular form may drop the count when the English singular does ("One comment").
        optional = {name for name, _kind in expected} - {name for name, _kind in _placeholders(ids[0])}
        for form in _strings(message.string):
            if not form:
                continue
            got = _placeholders(form)
            kept = [item for item in expected if item[0] not in optional or item in got]
            if got != kept:
                wrong.append((message.id, form))
    assert not wrong, f"{catalog.locale}: placeholders differ from the English in {len(wrong)}: {wrong[:10]}"


def test_babel_finds_no_error_in_the_catalog(catalog):
    errors = [(message.id, [str(error) for error in found]) for message, found in catalog.check()]
    assert not errors, f"{catalog.locale}: {errors[:10]}"
