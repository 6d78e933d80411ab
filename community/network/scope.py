"""What the dashboard counts: its filters (country, lab, period) read from the query string.

``read_scope(args, labs)`` returns a :class:`Scope` or raises :class:`NetworkError` with a message
for the reader: an unknown country or lab is a 404, a malformed, reversed or absurd period a 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from community import countries
from community.network.errors import NetworkError
from community.utils import utcnow

MONTHS_SHOWN = 24  # the activity charts: the last 24 months of the period
ACTIVE_DAYS = 90  # the labs' ranking: activity in the last 90 days of the period
FIRST_YEAR = 2000  # the network is younger: an earlier month is a typing slip
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Scope:
    """The filters of one reading of the dashboard; months are (year, month) pairs, inclusive."""

    country: str = ""
    lab: str = ""  # a lab's slug
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None

    @property
    def key(self) -> tuple:
        return (self.country, self.lab, self.start, self.end)

    @property
    def filtered(self) -> bool:
        return bool(self.country or self.lab or self.start or self.end)

    def args(self, **changes) -> dict:
        """The query string of this reading, without empty values, for links that keep it."""
        values = {
            "country": self.country,
            "lab": self.lab,
            "from": _month_text(self.start),
            "to": _month_text(self.end),
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    def since(self) -> datetime | None:
        """The first moment of the period (None: since the beginning)."""
        return datetime(*self.start, 1) if self.start else None

    def until(self) -> datetime:
        """The moment just after the period (now when the period is open)."""
        if self.end is None:
            return utcnow()
        year, month = _next_month(self.end)
        return datetime(year, month, 1)

    def months(self) -> list[tuple[int, int]]:
        """The months the activity charts show: the last 24 of the period, oldest first."""
        last = self.end or _month_of(utcnow().date())
        months = [last]
        while len(months) < MONTHS_SHOWN and months[0] != self.start:
            months.insert(0, _previous_month(months[0]))
        return months

    def active_since(self) -> datetime:
        """The start of the labs' ranking window: 90 days before the period's end (not before its start)."""
        since = self.until() - timedelta(days=ACTIVE_DAYS)
        first = self.since()
        return max(since, first) if first else since


def read_scope(args: Mapping[str, str], lab_slugs: set[str]) -> Scope:
    """The filters in ``args``; ``lab_slugs`` are the labs a visitor may see."""
    country = args.get("country", "").strip().upper()[:16]
    if country and country not in countries.all_codes():
        raise NetworkError(
            _("There is no country with the code “%(code)s”.", code=country[:8]), "country", 404
        )
    lab = args.get("lab", "").strip()[:80]
    if lab and lab not in lab_slugs:
        raise NetworkError(_("There is no lab “%(lab)s”.", lab=lab[:40]), "lab", 404)
    start = _read_month(args.get("from", ""), "from")
    end = _read_month(args.get("to", ""), "to")
    if start and end and start > end:
        raise NetworkError(_("The period ends before it starts: swap the two months."), "from")
    return Scope(country=country, lab=lab, start=start, end=end)


def _read_month(text: str, field: str) -> tuple[int, int] | None:
    text = text.strip()[:20]
    if not text:
        return None
    match = _MONTH.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise NetworkError(_("Give the month as year and month, for example 2025-03."), field)
    month = (int(match.group(1)), int(match.group(2)))
    latest = _month_of(utcnow().date())
    if month < (FIRST_YEAR, 1) or month > latest:
        raise NetworkError(
            _(
                "Choose a month between %(first)s and %(last)s.",
                first=f"{FIRST_YEAR}-01",
                last=_month_text(latest),
            ),
            field,
        )
    return month


def _month_of(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def _month_text(month: tuple[int, int] | None) -> str:
    return f"{month[0]:04d}-{month[1]:02d}" if month else ""


def _next_month(month: tuple[int, int]) -> tuple[int, int]:
    return (month[0] + 1, 1) if month[1] == 12 else (month[0], month[1] + 1)


def _previous_month(month: tuple[int, int]) -> tuple[int, int]:
    return (month[0] - 1, 12) if month[1] == 1 else (month[0], month[1] - 1)
