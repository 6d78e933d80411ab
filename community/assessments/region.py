"""The regional view: how published team results spread, shown only when no country stands alone."""

from __future__ import annotations

from dataclasses import dataclass

from community.assessments import charts, queries, results, scoring
from community.assessments import framework as framework_file
from community.assessments.models import Framework, Round

MIN_TEAMS = 3
MIN_COUNTRIES = 3


@dataclass
class Region:
    rounds: list[Round]
    countries: int
    framework: Framework | None
    distributions: list[scoring.Distribution]

    @property
    def is_shown(self) -> bool:
        return len(self.rounds) >= MIN_TEAMS and self.countries >= MIN_COUNTRIES


def scores_of(round_: Round) -> list[scoring.DimensionScore]:
    return scoring.dimension_scores(round_.framework, {row.statement: row.rating for row in round_.consensus})


def region(key: str | None = None) -> Region:
    """Each team's newest published result on the framework ``key`` (the shipped one by default)."""
    key = key or framework_file.shipped()["key"]
    rounds = queries.latest_published_per_team(key)
    countries = len({round_.team.country for round_ in rounds})
    framework = max((round_.framework for round_ in rounds), key=lambda f: f.id, default=None)
    shown = Region(rounds, countries, framework, [])
    if shown.is_shown and framework is not None:
        shown.distributions = scoring.distributions(framework, [scores_of(round_) for round_ in rounds])
    return shown


def chart(found: Region, own: Round | None) -> dict:
    names = results.dimension_names(found.framework)
    labels = [names[d.id] for d in found.distributions]
    mine = None
    if own is not None:
        by_id = {s.id: s.score for s in scores_of(own)}
        mine = [by_id.get(d.id) for d in found.distributions]
    scale = found.framework.scale
    return charts.boxes(labels, found.distributions, mine, scale["min"], scale["max"])
