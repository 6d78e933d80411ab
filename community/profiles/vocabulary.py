"""The lists a profile chooses from: areas of expertise, languages, countries (names localized)."""

from __future__ import annotations

from functools import cache

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from community import countries

EXPERTISE = {
    "digital-identity": _l("Digital identity"),
    "e-services": _l("E-services"),
    "data-governance": _l("Data governance"),
    "open-data": _l("Open data"),
    "interoperability": _l("Interoperability"),
    "cybersecurity": _l("Cybersecurity"),
    "agritech": _l("Agriculture technology"),
    "procurement": _l("Procurement"),
    "service-design": _l("Service design"),
    "change-leadership": _l("Change leadership"),
    "digital-payments": _l("Digital payments"),
    "cloud-infrastructure": _l("Cloud and infrastructure"),
    "digital-skills": _l("Digital skills"),
    "health-information": _l("Health information systems"),
    "disaster-resilience": _l("Disaster resilience"),
    "policy-regulation": _l("Policy and regulation"),
}

# Languages of the region first; names come from the CLDR data in the reader's language.
LANGUAGES = ("en", "es", "fr", "nl", "pt", "ht", "pap", "srn", "hi", "zh", "de")


def _locale() -> Locale:
    try:
        return Locale.parse(str(get_locale() or "en"))
    except (ValueError, TypeError):
        return Locale.parse("en")


@cache
def _language_names(locale: str) -> dict[str, str]:
    names = Locale.parse(locale).languages
    return {code: names.get(code, code) for code in LANGUAGES}


def countries_grouped() -> list[tuple[str, str, bool]]:
    """(code, name, is_caribbean): the Caribbean first, then the rest of the world by name."""
    names = countries.names()
    return [(code, names[code], code in countries.CARIBBEAN) for code in countries.ordered_codes()]


def language_names() -> dict[str, str]:
    """ISO 639 code -> name in the current language, capitalized as a list item."""
    names = _language_names(str(_locale()))
    return {code: name[:1].upper() + name[1:] for code, name in names.items()}


def language_name(code: str) -> str:
    return language_names().get(code, code)


def expertise_name(code: str) -> str:
    return str(EXPERTISE.get(code, code))


def is_country(code: str | None) -> bool:
    return bool(code) and code in countries.all_codes()
