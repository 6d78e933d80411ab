"""The dashboard is a list of panels; each feature adds its own (the extension point).

A panel gathers its numbers with a fixed number of aggregate queries (``gather(scope)``, plain data
that the dashboard keeps until the content changes) and turns them into charts for the reader's
language (``charts(data, scope)``, no query). Events, funding calls and assessments add theirs from
their own package when they land::

    from community.network.panels import Panel, register_panel

    register_panel(Panel("events", _l("Events"), gather=events_numbers, charts=events_charts, queries=1))

``queries`` states how many statements ``gather`` runs: the dashboard's query-count test adds them up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import format_number
from flask_babel import gettext as _

from community.network.scope import Scope

SMALL_CELL = 3  # public counts from 1 to 2 are shown as "fewer than 3", so nobody is singled out


def is_small(value: int) -> bool:
    return 0 < value < SMALL_CELL


def shown(value: int) -> str:
    """A count as the public reads it."""
    return _("fewer than %(number)d", number=SMALL_CELL) if is_small(value) else format_number(value)


@dataclass
class Row:
    """One bar, tile or column: a label, its count, and the list it counts."""

    label: str
    value: int
    href: str | None = None
    code: str = ""  # the short text drawn on the chart: a country code, a goal number
    colour: str = ""  # a fill other than the chart's own (the SDGs' official colours)
    extra: tuple[int, ...] = ()  # further counts for the table and the CSV (a lab's posts and comments)
    exact: bool = False  # one member's own public contributions: no one to protect, shown exactly

    @property
    def shown(self) -> str:
        return format_number(self.value) if self.exact else shown(self.value)

    @property
    def small(self) -> bool:
        return not self.exact and is_small(self.value)


def rank(row: Row) -> tuple:
    """Biggest first; small counts rank together by label, so the order does not tell 1 from 2."""
    return (-(SMALL_CELL - 1 if row.small else row.value), row.label)


@dataclass
class Chart:
    """What one chart shows; ``kind`` names its drawing (tiles, bars, columns: see svg.py)."""

    key: str
    kind: str
    title: str
    summary: str
    label_heading: str
    value_heading: str
    rows: list[Row]
    empty: str
    list_href: str | None = None
    extra_headings: tuple[str, ...] = ()
    layout: dict = field(default_factory=dict)  # the drawing's geometry, filled by svg.layout()

    @property
    def is_empty(self) -> bool:
        return not any(row.value for row in self.rows)


@dataclass(frozen=True)
class Panel:
    key: str
    title: object  # a lazy string
    gather: Callable[[Scope], object]
    charts: Callable[[object, Scope], list[Chart]]
    queries: int


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    """Add a panel at the end of the dashboard; keys are unique (they name the downloads)."""
    if panel.key in {existing.key for existing in PANELS}:
        raise ValueError(f"network panel {panel.key!r} is registered already")
    PANELS.append(panel)


def query_count() -> int:
    """How many aggregate statements a reading of the whole dashboard runs."""
    return sum(panel.queries for panel in PANELS)
