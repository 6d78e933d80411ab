"""A result as its pages show it: scores per dimension in the reader's language, charts, extremes."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale

from community.assessments import charts, scoring
from community.assessments.models import Framework


def language() -> str:
    return str(get_locale() or "en")


def text(texts: dict) -> str:
    """A framework text in the reader's language (English, then any, when it lacks that one)."""
    return texts.get(language()) or texts.get("en") or next(iter(texts.values()), "")


def dimension_names(framework: Framework) -> dict[str, str]:
    return {d["id"]: text(d["name"]) for d in framework.dimensions}


def statement_texts(framework: Framework) -> dict[str, str]:
    return {s["id"]: text(s["text"]) for d in framework.dimensions for s in d["statements"]}


def level_label(framework: Framework, value: int | None) -> str:
    if value is None:
        return ""
    return text(framework.scale["levels"].get(str(value), {}))


@dataclass
class Result:
    framework: Framework
    scores: list[scoring.DimensionScore]
    names: dict[str, str]
    strongest: list[str]
    weakest: list[str]
    radar: dict
    bars: dict

    @property
    def low(self) -> int:
        return self.framework.scale["min"]

    @property
    def high(self) -> int:
        return self.framework.scale["max"]


def build(framework: Framework, ratings: dict[str, int | None]) -> Result:
    """The result of ``ratings`` on ``framework``: per-dimension scores and both charts."""
    scores = scoring.dimension_scores(framework, ratings)
    names = dimension_names(framework)
    labels = [names[s.id] for s in scores]
    values = [s.score for s in scores]
    strongest, weakest = scoring.extremes(scores)
    low, high = framework.scale["min"], framework.scale["max"]
    return Result(
        framework,
        scores,
        names,
        strongest,
        weakest,
        charts.radar(labels, [values], low, high),
        charts.bars(labels, [values], low, high),
    )


def comparison(framework: Framework, before: list, after: list) -> dict:
    """The change per dimension from the previous result, as rows and as a two-bar chart."""
    rows = scoring.changes(before, after)
    names = dimension_names(framework)
    labels = [names.get(row.id, row.id) for row in rows]
    chart = charts.bars(
        labels,
        [[r.before for r in rows], [r.after for r in rows]],
        framework.scale["min"],
        framework.scale["max"],
    )
    return {"rows": rows, "names": names, "chart": chart}
