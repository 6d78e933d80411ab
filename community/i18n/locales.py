"""Which language and time zone a request uses, the visitor's language cookie, ``lang`` on content."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytz
from babel.dates import format_datetime
from babel.units import format_unit
from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from markupsafe import Markup

from community.extensions import babel
from community.i18n import dates, templates
from community.i18n.zones import DEFAULT_ZONE, zone_of

COOKIE = "locale"
COOKIE_MAX_AGE = 365 * 24 * 3600
UNKNOWN_LANGUAGE = "other"  # what the forum records for a post in none of the listed languages


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    dates.init_app(app)
    templates.init_app(app)
    app.jinja_env.globals["lang_attr"] = lang_attr
    app.jinja_env.globals["reader_zone"] = lambda: str(get_timezone())
    app.jinja_env.filters["file_size"] = file_size


def select_locale() -> str | None:
    """The member's language, else the visitor's cookie, else the browser's preference."""
    if not has_request_context():  # the command line and mail sent outside a request: the default
        return None
    languages = list(current_app.config["LANGUAGES"])
    chosen = getattr(current_user, "locale", None) or request.cookies.get(COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


def select_timezone() -> str | None:
    """The member's time zone (chosen, else their country's); UTC for visitors."""
    if not has_request_context():
        return None
    zone = zone_of(current_user)
    return zone if zone in pytz.all_timezones_set else DEFAULT_ZONE  # Flask-Babel converts with pytz


def is_language(code: str | None) -> bool:
    return code in current_app.config["LANGUAGES"]


def remember_locale(response: Response, locale: str) -> Response:
    """Keep the chosen language in a long-lived cookie, for visitors and after signing out."""
    response.set_cookie(
        COOKIE,
        locale,
        max_age=COOKIE_MAX_AGE,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def datetime_for(user, moment: datetime) -> str:
    """A moment (naive UTC, as stored) as ``user`` reads it, for text made now and read later."""
    locale = user.locale if is_language(user.locale) else current_app.config["BABEL_DEFAULT_LOCALE"]
    zone = ZoneInfo(zone_of(user))
    return format_datetime(moment.replace(tzinfo=UTC), "medium", tzinfo=zone, locale=locale)


FILE_SIZE_UNITS = (("digital-gigabyte", 10**9), ("digital-megabyte", 10**6), ("digital-kilobyte", 10**3))


def file_size(size: int) -> str:
    """'1.2 MB', '1,2 Mo': a file's size in the reader's language (decimal units, like filesizeformat)."""
    locale = get_locale()
    for unit, factor in FILE_SIZE_UNITS:
        if size >= factor:
            return format_unit(size / factor, unit, length="short", format="#,##0.#", locale=locale)
    return format_unit(size, "digital-byte", length="long", locale=locale)  # "13 bytes", "13 octets"


def lang_attr(code: str | None) -> Markup:
    """`` lang="es"`` for content written in another language than the page's; nothing otherwise."""
    if not code or code == UNKNOWN_LANGUAGE or code == str(get_locale()):
        return Markup("")
    return Markup(' lang="%s"') % code
