"""Geometry of the server-drawn SVG charts (radar, bars, change, regional spread); templates draw it."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

WIDTH = 560
LABEL_WIDTH = 190
BAR_AREA = 300
ROW = 34


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    lines: list[str]


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)


def _fraction(value: float, low: int, high: int) -> float:
    return max(0.0, min(1.0, (value - low) / (high - low)))


def radar(labels: list[str], series: list[list[float | None]], low: int, high: int) -> dict:
    """Rings per level, an axis and a label per dimension, a polygon per series (unscored at the centre)."""
    count, cx, cy, radius = len(labels), WIDTH / 2, 215, 140
    rings = []
    for level in range(low, high + 1):
        r = radius * _fraction(level, low, high) if level > low else 4
        rings.append(" ".join("{},{}".format(*_point(cx, cy, r, i, count)) for i in range(count)))
    axes, names = [], []
    for i, label in enumerate(labels):
        x, y = _point(cx, cy, radius, i, count)
        axes.append((x, y))
        lx, ly = _point(cx, cy, radius + 16, i, count)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        lines = textwrap.wrap(label, 16) or [""]
        shift = -14 * (len(lines) - 1) if ly < cy - 10 else (0 if ly > cy + 10 else -7 * (len(lines) - 1))
        names.append(Label(lx, ly + 4 + shift, anchor, lines))
    polygons = []
    for values in series:
        points = [
            _point(cx, cy, radius * _fraction(v, low, high) if v is not None else 0, i, count)
            for i, v in enumerate(values)
        ]
        polygons.append({"points": " ".join(f"{x},{y}" for x, y in points), "dots": points})
    return {
        "width": WIDTH,
        "height": 430,
        "cx": cx,
        "cy": cy,
        "rings": rings,
        "axes": axes,
        "labels": names,
        "polygons": polygons,
    }


def _x(value: float, low: int, high: int) -> float:
    return round(LABEL_WIDTH + BAR_AREA * _fraction(value, low, high), 1)


def bars(labels: list[str], series: list[list[float | None]], low: int, high: int) -> dict:
    """Horizontal bars, one group per dimension, one bar per series (a result, or before and after)."""
    per_row = len(series)
    row = ROW if per_row == 1 else 22 * per_row + 12
    rows = []
    for i, label in enumerate(labels):
        top = 10 + i * row
        bars_here = []
        for k, values in enumerate(series):
            value = values[i]
            y = top + 4 + k * 22
            end = _x(value, low, high) if value is not None else LABEL_WIDTH
            bars_here.append(
                {"y": y, "width": round(end - LABEL_WIDTH, 1), "end": end, "value": value, "series": k}
            )
        rows.append({"y": top + row / 2, "lines": textwrap.wrap(label, 26)[:2], "bars": bars_here})
    ticks = [{"x": _x(level, low, high), "label": level} for level in range(low, high + 1)]
    height = 10 + len(labels) * row + 26
    return {
        "width": WIDTH,
        "height": height,
        "rows": rows,
        "ticks": ticks,
        "left": LABEL_WIDTH,
        "axis_y": height - 22,
        "bar_height": 16,
    }


def boxes(
    labels: list[str], distributions: list, own: list[float | None] | None, low: int, high: int
) -> dict:
    """Per dimension: a line from lowest to highest, a box from first to third quartile, the median,
    and the team's own score as a diamond when it chose to show it."""
    rows = []
    for i, (label, found) in enumerate(zip(labels, distributions, strict=True)):
        y = 10 + i * ROW + ROW / 2
        mark = own[i] if own else None
        rows.append(
            {
                "y": y,
                "lines": textwrap.wrap(label, 26)[:2],
                "low": _x(found.low, low, high),
                "q1": _x(found.q1, low, high),
                "median": _x(found.median, low, high),
                "q3": _x(found.q3, low, high),
                "high": _x(found.high, low, high),
                "own": _x(mark, low, high) if mark is not None else None,
            }
        )
    ticks = [{"x": _x(level, low, high), "label": level} for level in range(low, high + 1)]
    height = 10 + len(labels) * ROW + 26
    return {
        "width": WIDTH,
        "height": height,
        "rows": rows,
        "ticks": ticks,
        "left": LABEL_WIDTH,
        "axis_y": height - 22,
    }
