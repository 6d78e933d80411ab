"""The funding feature's vocabularies: kinds of calls, roles offered, statuses, currencies (ISO 4217)."""

from __future__ import annotations

import enum
from functools import cache

from babel.numbers import get_currency_name, list_currencies
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

CLOSING_SOON_DAYS = 14
REMINDER_DAYS = 7


class CallKind(enum.StrEnum):
    GRANT = "grant"
    LOAN = "loan"
    TECHNICAL_ASSISTANCE = "technical-assistance"
    IN_KIND = "in-kind"
    PRIZE = "prize"


class Status(enum.StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"


class PartnerRole(enum.StrEnum):
    GOVERNMENT = "government"
    EXPERT = "expert"
    FUNDER = "funder"


class OfferState(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class AlertMode(enum.StrEnum):
    IMMEDIATELY = "immediately"
    WEEKLY = "weekly"
    NEVER = "never"


KINDS = {
    CallKind.GRANT: _l("Grant"),
    CallKind.LOAN: _l("Loan"),
    CallKind.TECHNICAL_ASSISTANCE: _l("Technical assistance"),
    CallKind.IN_KIND: _l("In-kind support"),
    CallKind.PRIZE: _l("Prize"),
}
STATUSES = {
    Status.UPCOMING: _l("Upcoming"),
    Status.OPEN: _l("Open"),
    Status.CLOSING: _l("Closing within 14 days"),
    Status.CLOSED: _l("Closed"),
}
ROLES = {
    PartnerRole.GOVERNMENT: _l("Partner government"),
    PartnerRole.EXPERT: _l("Expert"),
    PartnerRole.FUNDER: _l("Funder"),
}
ALERT_MODES = {
    AlertMode.IMMEDIATELY: _l("At once, one notification per new call"),
    AlertMode.WEEKLY: _l("Once a week, in a digest"),
    AlertMode.NEVER: _l("Never"),
}
OFFER_STATES = {
    OfferState.PENDING: _l("Waiting for the author"),
    OfferState.ACCEPTED: _l("Accepted"),
    OfferState.DECLINED: _l("Declined"),
}


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes, as Babel's CLDR data lists them."""
    return frozenset(list_currencies())


def is_currency(code: str | None) -> bool:
    return bool(code) and code in currencies()


def currency_name(code: str) -> str:
    return get_currency_name(code, locale=str(get_locale() or "en"))


def currency_choices() -> list[tuple[str, str]]:
    """The region's currencies first, then the rest by code."""
    first = ("USD", "EUR", "XCD", "JMD", "TTD", "BBD", "BSD", "BZD", "GYD", "SRD", "HTG", "DOP", "ANG", "AWG",
             "GBP", "CAD")  # fmt: skip
    rest = sorted(currencies() - set(first))
    return [(code, f"{code} – {currency_name(code)}") for code in (*first, *rest)]
