"""Scores, spreads, changes and regional distributions: pure arithmetic on ratings, no database."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median, quantiles


@dataclass(frozen=True)
class DimensionScore:
    id: str
    score: float | None  # mean of the rated statements; None when none was rated
    rated: int
    unknown: int  # marked "don't know": left out of the mean, and counted
    statements: int


def dimension_scores(framework, ratings: dict[str, int | None]) -> list[DimensionScore]:
    """The mean per dimension of ``ratings`` (statement id -> rating, None for "don't know")."""
    scores = []
    for dimension in framework.dimensions:
        ids = [statement["id"] for statement in dimension["statements"]]
        rated = [ratings[sid] for sid in ids if ratings.get(sid) is not None]
        unknown = sum(1 for sid in ids if sid in ratings and ratings[sid] is None)
        mean = round(sum(rated) / len(rated), 2) if rated else None
        scores.append(DimensionScore(dimension["id"], mean, len(rated), unknown, len(ids)))
    return scores


def extremes(scores: list[DimensionScore]) -> tuple[list[str], list[str]]:
    """The strongest and the weakest dimensions (every one tied at the top or the bottom)."""
    scored = [s for s in scores if s.score is not None]
    if len(scored) < 2:
        return [], []
    high = max(s.score for s in scored)
    low = min(s.score for s in scored)
    if high == low:
        return [], []
    return [s.id for s in scored if s.score == high], [s.id for s in scored if s.score == low]


def weakest(scores: list[DimensionScore], count: int = 2) -> list[str]:
    """The ``count`` lowest-scoring dimensions, lowest first."""
    scored = sorted((s for s in scores if s.score is not None), key=lambda s: (s.score, s.id))
    return [s.id for s in scored[:count]]


@dataclass(frozen=True)
class Spread:
    statement: str
    dimension: str
    low: int | None
    median: float | None
    high: int | None
    answered: int  # rated, "don't know" excluded
    unknown: int

    @property
    def width(self) -> int:
        return (self.high - self.low) if self.answered else -1


def spreads(framework, answer_sets: list[dict[str, int | None]]) -> list[Spread]:
    """Per statement, the lowest, median and highest rating and how many answered: widest first.

    The sets carry no names: nothing here can tell who gave which rating.
    """
    found = []
    for dimension in framework.dimensions:
        for statement in dimension["statements"]:
            sid = statement["id"]
            given = [answers[sid] for answers in answer_sets if sid in answers]
            rated = sorted(value for value in given if value is not None)
            found.append(
                Spread(
                    sid,
                    dimension["id"],
                    rated[0] if rated else None,
                    median(rated) if rated else None,
                    rated[-1] if rated else None,
                    len(rated),
                    len(given) - len(rated),
                )
            )
    order = {sid: index for index, sid in enumerate(framework.statement_ids)}
    return sorted(found, key=lambda s: (-s.width, order[s.statement]))


@dataclass(frozen=True)
class Change:
    id: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def changes(before: list[DimensionScore], after: list[DimensionScore]) -> list[Change]:
    """The change per dimension from one result to the next (dimensions of the later one)."""
    earlier = {s.id: s.score for s in before}
    return [Change(s.id, earlier.get(s.id), s.score) for s in after]


@dataclass(frozen=True)
class Distribution:
    id: str
    teams: int
    low: float
    q1: float
    median: float
    q3: float
    high: float


def distributions(framework, team_scores: list[list[DimensionScore]]) -> list[Distribution]:
    """Per dimension of ``framework``, how the teams' scores spread (quartiles, inclusive method)."""
    result = []
    for dimension in framework.dimensions:
        values = sorted(
            s.score
            for scores in team_scores
            for s in scores
            if s.id == dimension["id"] and s.score is not None
        )
        if not values:
            continue
        q1, mid, q3 = quantiles(values, n=4, method="inclusive") if len(values) > 1 else (values[0],) * 3
        result.append(
            Distribution(
                dimension["id"], len(values), values[0], round(q1, 2), round(mid, 2), round(q3, 2), values[-1]
            )
        )
    return result
