"""The charts' geometry and colours; templates/network/_svg.html draws them (server-side SVG, no script).

Colours: the SDGs keep their official colours, always with the goal's number as text and a dark outline
(several official colours are too light to stand out on white alone); every other chart uses one blue
(6.9:1 on white) or a single-hue blue scale, which colour-blind readers see as light to dark. Text on a
fill is black or white, whichever contrasts more (at least 4.5:1 with these fills: tests/test_network.py).
"""

from __future__ import annotations

import math

from community.network import tilemap
from community.network.panels import SMALL_CELL, Chart

WIDTH = 320  # bars and columns: drawn about one to one on a phone, so their text stays readable
BAR = "#1f5f8b"
OUTLINE = "#333333"
EMPTY_TILE = "#f4f4f4"
BLUES = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues, light to dark
SDG_COLOURS = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}  # fmt: skip
TILE = 40
ROW = 38
LABEL_CHARS = 44


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return "#000000" if contrast(fill, "#000000") >= contrast(fill, "#ffffff") else "#ffffff"


def _drawn(row) -> float:
    """A small count is drawn as if it were 2, so the drawing does not tell 1 from 2."""
    return SMALL_CELL - 1 if row.small else row.value


def layout(chart: Chart) -> Chart:
    chart.layout = {"tiles": _tiles, "bars": _bars, "columns": _columns}[chart.kind](chart)
    return chart


def _bars(chart: Chart) -> dict:
    top = max((_drawn(row) for row in chart.rows), default=0) or 1
    span = WIDTH - 80
    shapes = []
    for index, row in enumerate(chart.rows):
        y = index * ROW
        fill = row.colour or BAR
        shapes.append(
            {
                "row": row,
                "y": y,
                "label_x": 24 if row.code else 0,
                "label": row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…",
                "width": max(_drawn(row) / top * span, 1 if row.value else 0),
                "fill": fill,
                "badge_text": text_on(fill),
                "outline": OUTLINE if row.colour else fill,
            }
        )
    return {"width": WIDTH, "height": max(len(chart.rows), 1) * ROW + 4, "shapes": shapes}


def _columns(chart: Chart) -> dict:
    height, base, left = 170, 132, 34
    top = max((_drawn(row) for row in chart.rows), default=0) or 1
    step = (WIDTH - left) / max(len(chart.rows), 1)
    shapes = []
    for index, row in enumerate(chart.rows):
        tall = _drawn(row) / top * (base - 12)
        shapes.append(
            {
                "row": row,
                "x": left + index * step + 2,
                "y": base - tall,
                "width": step - 4,
                "height": tall,
                "tick": index % 6 == 0 or index == len(chart.rows) - 1,
            }
        )
    top_row = max(chart.rows, key=lambda row: row.value) if chart.rows else None
    return {
        "width": WIDTH,
        "height": height,
        "base": base,
        "left": left,
        "shapes": shapes,
        "top_label": ("<3" if top_row.small else str(top_row.value)) if top_row else "0",
        "fill": BAR,
    }


def _tiles(chart: Chart) -> dict:
    placed = [row for row in chart.rows if row.code in tilemap.TILES]
    top = max((row.value for row in placed), default=0)
    bins = _bins(top)
    shapes = []
    for row in placed:
        column, line = tilemap.TILES[row.code]
        fill = next((colour for low, high, colour, _ in bins if low <= row.value <= high), EMPTY_TILE)
        shapes.append({"row": row, "x": column * TILE, "y": line * TILE, "fill": fill, "text": text_on(fill)})
    height = tilemap.ROWS * TILE
    legend = [
        {"x": index * 78, "fill": colour, "low": low, "high": high, "small": small}
        for index, (low, high, colour, small) in enumerate(bins)
    ]
    width = tilemap.COLUMNS * TILE
    return {"width": width, "height": height + 34, "map_height": height, "shapes": shapes, "legend": legend}


def _bins(top: int) -> list[tuple[int, int, str, bool]]:
    """(lowest, highest, fill, is the small-count bin): 0, fewer than 3, then up to three equal ranges."""
    bins = [(0, 0, EMPTY_TILE, False)]
    if top >= 1:
        bins.append((1, SMALL_CELL - 1, BLUES[0], True))
    if top >= SMALL_CELL:
        size = math.ceil((top - SMALL_CELL + 1) / 3)
        low = SMALL_CELL
        for colour in BLUES[2:]:
            if low > top:
                break
            high = min(low + size - 1, top)
            bins.append((low, high, colour, False))
            low = high + 1
    return bins
