"""A reading of the dashboard: each panel's charts for one scope, from the kept numbers (kept: no query)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from community.network import store, svg
from community.network.panels import PANELS, Chart, Panel
from community.network.scope import Scope

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell


@dataclass
class Reading:
    panels: list[tuple[Panel, list[Chart]]]

    @property
    def is_empty(self) -> bool:
        return all(chart.is_empty for _, charts in self.panels for chart in charts)

    def chart(self, key: str) -> Chart | None:
        return next((chart for _, charts in self.panels for chart in charts if chart.key == key), None)


def read(scope: Scope) -> Reading:
    numbers = store.numbers(scope)
    return Reading(
        [
            (panel, [svg.layout(chart) for chart in panel.charts(numbers[panel.key], scope)])
            for panel in PANELS
        ]
    )


def csv_text(chart: Chart) -> str:
    """The chart's table: one row per bar, tile or month, small counts as the page shows them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([chart.label_heading, chart.value_heading, *chart.extra_headings])
    for row in chart.rows:
        label = "'" + row.label if row.label.startswith(FORMULA_START) else row.label
        writer.writerow([label, row.shown if row.small else row.value, *row.extra])
    return buffer.getvalue()


def png_available() -> bool:
    """CairoSVG draws PNGs when the cairo library is on the machine; without it the page offers SVG only."""
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def png_bytes(svg_text: str) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg_text.encode("utf-8"), output_width=1200)
