"""Time zones a member may choose (any IANA name), the Caribbean's first, and the default of each country."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from flask import has_request_context, session
from flask_babel import lazy_gettext as _l
from flask_login import user_loaded_from_cookie, user_logged_in
from sqlalchemy import event, select
from wtforms.fields.choices import SelectChoice

from community.countries import country_name
from community.extensions import db
from community.profiles.models import Profile

DEFAULT_ZONE = "UTC"
_COUNTRY_ZONE_KEY = "country_zone"
# The zone of each Caribbean state and territory (each has exactly one): the site's default for a
# member whose profile names the country, and the top of the list in the settings.
COUNTRY_ZONES = {
    "TT": "America/Port_of_Spain", "JM": "America/Jamaica", "DO": "America/Santo_Domingo",
    "PR": "America/Puerto_Rico", "BB": "America/Barbados", "BS": "America/Nassau", "CU": "America/Havana",
    "HT": "America/Port-au-Prince", "CW": "America/Curacao", "SR": "America/Paramaribo",
    "GY": "America/Guyana", "BZ": "America/Belize", "MQ": "America/Martinique",
    "GP": "America/Guadeloupe", "LC": "America/St_Lucia", "AG": "America/Antigua",
    "DM": "America/Dominica", "GD": "America/Grenada", "KN": "America/St_Kitts",
    "VC": "America/St_Vincent", "MS": "America/Montserrat", "AI": "America/Anguilla",
    "BM": "Atlantic/Bermuda", "VG": "America/Tortola", "KY": "America/Cayman", "TC": "America/Grand_Turk",
    "AW": "America/Aruba", "SX": "America/Lower_Princes", "BQ": "America/Kralendijk",
    "VI": "America/St_Thomas", "BL": "America/St_Barthelemy", "MF": "America/Marigot",
    "GF": "America/Cayenne",
}  # fmt: skip
CARIBBEAN_ZONES = tuple(COUNTRY_ZONES.values())
# Names the system may list that are no place: the machine's own zone and tzdata's placeholder.
_NOT_ZONES = {"localtime", "Factory"}


@cache
def time_zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_ZONES


def is_time_zone(name: str | None) -> bool:
    return bool(name) and name in time_zones()


def zone_choices() -> list[SelectChoice]:
    """The Caribbean's zones (named after their country, in the reader's language), then UTC and the rest."""
    caribbean, world = str(_l("Caribbean")), str(_l("Other time zones"))
    choices = [
        SelectChoice(zone, f"{country_name(code)} ({zone})", optgroup=caribbean)
        for code, zone in COUNTRY_ZONES.items()
    ]
    others = sorted(time_zones() - set(CARIBBEAN_ZONES) - {DEFAULT_ZONE})
    choices.append(SelectChoice(DEFAULT_ZONE, DEFAULT_ZONE, optgroup=world))
    choices += [SelectChoice(zone, zone.replace("_", " "), optgroup=world) for zone in others]
    return choices


def zone_of(user) -> str:
    """The member's chosen zone, else their country's; UTC for visitors and the rest of the world."""
    if not user.is_authenticated:
        return DEFAULT_ZONE
    if is_time_zone(user.timezone):
        return user.timezone
    if has_request_context() and session.get(_COUNTRY_ZONE_KEY):  # saves a query on every page
        return session[_COUNTRY_ZONE_KEY]
    zone = country_zone(db.session.scalar(select(Profile.country).where(Profile.user_id == user.id)))
    if has_request_context():
        session[_COUNTRY_ZONE_KEY] = zone
    return zone


def country_zone(country: str | None) -> str:
    return COUNTRY_ZONES.get(country or "", DEFAULT_ZONE)


@user_logged_in.connect
@user_loaded_from_cookie.connect
def _work_out_zone_on_arrival(_app, user) -> None:
    """At sign-in, so that no page the member then reads spends a query on it."""
    session.pop(_COUNTRY_ZONE_KEY, None)
    zone_of(user)


@event.listens_for(Profile.country, "set")
def _forget_country_zone(_profile, _value, _old, _initiator) -> None:
    """The member moved: their next page works the zone out again."""
    if has_request_context():
        session.pop(_COUNTRY_ZONE_KEY, None)
