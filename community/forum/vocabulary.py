"""The structured fields' vocabularies: what an initiative's country, sector, SDGs… may be."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l

from community import countries


class Stage(enum.StrEnum):
    IDEA = "idea"
    PILOT = "pilot"
    SCALING = "scaling"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"


class Licence(enum.StrEnum):
    CC_BY = "cc-by-4.0"
    CC_BY_SA = "cc-by-sa-4.0"
    CC0 = "cc0-1.0"


STAGES = {
    Stage.IDEA: _l("Idea"),
    Stage.PILOT: _l("Pilot"),
    Stage.SCALING: _l("Scaling up"),
    Stage.COMPLETED: _l("Completed"),
    Stage.DISCONTINUED: _l("Discontinued"),
}

LICENCES = {
    Licence.CC_BY: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence.CC_BY_SA: ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    Licence.CC0: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}

# The region's countries and territories (the site's one list); "regional" spans several.
COUNTRIES = countries.CARIBBEAN
REGIONAL = countries.REGIONAL

SECTORS = {
    "agriculture": _l("Agriculture, fisheries and food"),
    "health": _l("Health"),
    "education": _l("Education"),
    "finance": _l("Finance, tax and customs"),
    "justice": _l("Justice and public safety"),
    "social": _l("Social protection"),
    "environment": _l("Environment, climate and disasters"),
    "tourism": _l("Tourism and culture"),
    "trade": _l("Trade, business and investment"),
    "infrastructure": _l("Transport, energy and infrastructure"),
    "public-administration": _l("Public administration"),
    "digital": _l("Digital infrastructure and cybersecurity"),
    "other": _l("Other"),
}

SDGS = {
    1: _l("No poverty"),
    2: _l("Zero hunger"),
    3: _l("Good health and well-being"),
    4: _l("Quality education"),
    5: _l("Gender equality"),
    6: _l("Clean water and sanitation"),
    7: _l("Affordable and clean energy"),
    8: _l("Decent work and economic growth"),
    9: _l("Industry, innovation and infrastructure"),
    10: _l("Reduced inequalities"),
    11: _l("Sustainable cities and communities"),
    12: _l("Responsible consumption and production"),
    13: _l("Climate action"),
    14: _l("Life below water"),
    15: _l("Life on land"),
    16: _l("Peace, justice and strong institutions"),
    17: _l("Partnerships for the goals"),
}

CONTENT_LANGUAGES = {
    "en": _l("English"),
    "es": _l("Spanish"),
    "fr": _l("French"),
    "nl": _l("Dutch"),
    "other": _l("Another language"),
}

SORTS = {
    "activity": _l("Latest activity"),
    "newest": _l("Newest"),
    "useful": _l("Most useful"),
}


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the reader's language, "regional" first."""
    names = sorted(((code, countries.country_name(code)) for code in COUNTRIES), key=lambda pair: pair[1])
    return [(REGIONAL, countries.country_name(REGIONAL)), *names]


def default_language(locale: str | None) -> str:
    return locale if locale in CONTENT_LANGUAGES else "en"
