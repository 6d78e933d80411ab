"""Countries (ISO 3166-1 alpha-2) with names in the reader's language; Caribbean states first.

The one list every feature uses (profiles, forum, labs).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

# CARICOM members and associates, then the other states and territories of the Caribbean.
CARIBBEAN = (
    "AG", "BS", "BB", "BZ", "DM", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT", "MS",
    "AI", "BM", "VG", "KY", "TC",
    "AW", "CW", "SX", "BQ", "CU", "DO", "PR", "VI", "GP", "MQ", "BL", "MF", "GF",
)  # fmt: skip
# Babel's territories include regions, placeholders and reserved codes that are not ISO 3166-1 countries.
_NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
# Not a country: an initiative that concerns several (the forum's choice).
REGIONAL = "regional"


@cache
def _names(locale: str) -> dict[str, str]:
    territories = Locale.parse(locale).territories
    return {
        code: name for code, name in territories.items() if _ALPHA2.match(code) and code not in _NOT_COUNTRIES
    }


@cache
def all_codes() -> frozenset[str]:
    return frozenset(_names("en"))


def _locale() -> str:
    locale = get_locale()
    return str(locale) if locale else "en"


def names() -> dict[str, str]:
    """ISO 3166 code -> name in the reader's language."""
    return _names(_locale())


def country_name(code: str | None) -> str:
    """The country's name in the reader's language: "" for none, the code itself when unknown.

    The one such function, and the one Jinja global of that name (``init_app``).
    """
    if not code:
        return ""
    if code == REGIONAL:
        return str(_l("Regional (several countries)"))
    return _names(_locale()).get(code, code)


def country_names(codes) -> str:
    """'Jamaica, Saint Lucia': the names in picker order, for a line of text."""
    return ", ".join(country_name(code) for code in ordered_codes(codes))


def ordered_codes(codes=None) -> list[str]:
    """The codes (all countries by default): Caribbean states first, then the rest by name."""
    names = _names(_locale())
    codes = set(names) if codes is None else set(codes)
    caribbean = [code for code in CARIBBEAN if code in codes]
    others = sorted((code for code in codes if code not in CARIBBEAN and code in names), key=names.get)
    return caribbean + others


def country_choices(codes=None, grouped: bool = True) -> list[SelectChoice]:
    """Choices for a picker: the Caribbean first (in its own group), then the world."""
    caribbean_group, world_group = str(_l("Caribbean")), str(_l("Other countries"))
    return [
        SelectChoice(
            code,
            country_name(code),
            optgroup=(caribbean_group if code in CARIBBEAN else world_group) if grouped else None,
        )
        for code in ordered_codes(codes)
    ]


def init_app(app) -> None:
    """Let every template name countries: ``country_name(code)``, ``codes | country_names``."""
    app.jinja_env.globals["country_name"] = country_name
    app.jinja_env.filters["country_names"] = country_names
