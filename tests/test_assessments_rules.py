"""The assessment's arithmetic and its who-may-what rules, as plain functions."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from community import permissions
from community.assessments import charts, scoring
from community.assessments.framework import SHIPPED, read
from community.assessments.models import Assessment, Framework, Round, Status
from community.auth.models import AccountState, Role
from community.utils import utcnow

FRAMEWORK = Framework(key="digital-government", version="1.0", data=read(SHIPPED))
VISION = [s["id"] for s in FRAMEWORK.dimensions[0]["statements"]]


def test_a_dimension_score_is_the_mean_of_the_rated_statements_with_dont_know_counted_apart():
    scores = scoring.dimension_scores(FRAMEWORK, {VISION[0]: 5, VISION[1]: 2, VISION[2]: None})
    vision = scores[0]
    assert (vision.score, vision.rated, vision.unknown, vision.statements) == (3.5, 2, 1, 4)
    assert scores[1].score is None and scores[1].rated == 0


def test_strongest_and_weakest_include_ties_and_say_nothing_when_all_are_level():
    level = [scoring.DimensionScore(d, 3.0, 4, 0, 4) for d in "abc"]
    assert scoring.extremes(level) == ([], [])
    mixed = [scoring.DimensionScore("a", 4.0, 4, 0, 4), scoring.DimensionScore("b", 2.0, 4, 0, 4),
             scoring.DimensionScore("c", 4.0, 4, 0, 4)]  # fmt: skip
    assert scoring.extremes(mixed) == (["a", "c"], ["b"])
    assert scoring.weakest(mixed, 2) == ["b", "a"]


def test_spreads_put_the_widest_disagreement_first_and_carry_no_names():
    sets = [{VISION[0]: 1, VISION[1]: 3}, {VISION[0]: 5, VISION[1]: 3}, {VISION[0]: None, VISION[1]: 4}]
    spreads = scoring.spreads(FRAMEWORK, sets)
    assert spreads[0].statement == VISION[0]
    assert (spreads[0].low, spreads[0].median, spreads[0].high, spreads[0].answered, spreads[0].unknown) == (
        1, 3.0, 5, 2, 1)  # fmt: skip
    assert (spreads[1].low, spreads[1].median, spreads[1].high) == (3, 3, 4)


def test_the_regional_distribution_has_quartiles_per_dimension():
    teams = [[scoring.DimensionScore("vision", value, 4, 0, 4)] for value in (1.0, 2.0, 3.0, 4.0)]
    [vision] = scoring.distributions(FRAMEWORK, teams)
    assert (vision.teams, vision.low, vision.q1, vision.median, vision.q3, vision.high) == (
        4,
        1.0,
        1.75,
        2.5,
        3.25,
        4.0,
    )


def test_the_radar_puts_an_unrated_dimension_at_the_centre_and_a_full_score_on_the_rim():
    chart = charts.radar(["a", "b", "c"], [[5, None, 1]], 1, 5)
    (top, centre, low) = chart["polygons"][0]["dots"]
    assert top == (chart["cx"], chart["cy"] - 140)
    assert centre == (chart["cx"], chart["cy"]) == low


def _user(uid=1, role=Role.MEMBER):
    return SimpleNamespace(id=uid, is_authenticated=True, role=role, state=AccountState.ACTIVE,
                           confirmed_at=utcnow(), approved_at=utcnow(), suspended_until=None)  # fmt: skip


VISITOR = permissions.Visitor()


@pytest.mark.parametrize(
    ("viewer", "shared", "submitted", "allowed"),
    [
        (_user(1), False, False, True),
        (_user(2), False, True, False),
        (_user(2), True, True, True),
        (_user(2), True, False, False),
        (VISITOR, True, True, False),
    ],  # fmt: skip
)
def test_who_sees_a_self_assessment(viewer, shared, submitted, allowed):
    assessment = Assessment(owner_id=1, shared=shared, status=Status.SUBMITTED if submitted else Status.DRAFT)
    assert permissions.can_view_assessment(viewer, assessment) is allowed


def test_a_round_takes_ratings_from_participants_only_until_it_closes():
    today = utcnow().date()
    open_round = Round(facilitator_id=1, closes_on=today + timedelta(days=1))
    closed = Round(facilitator_id=1, closes_on=date(2020, 1, 1))
    member, place = _user(2), object()
    assert permissions.can_rate_in_round(member, open_round, place)
    assert not permissions.can_rate_in_round(member, open_round, None)
    assert not permissions.can_rate_in_round(member, closed, place)
    assert not permissions.can_view_spread(member, open_round, place)
    assert permissions.can_view_spread(member, closed, place) and permissions.can_agree_consensus(
        member, closed, place
    )
    assert not permissions.can_view_spread(_user(3), closed, None)
    assert permissions.can_manage_round(_user(1), closed) and not permissions.can_manage_round(member, closed)


def test_a_published_result_is_public_unless_hidden():
    result = Round(facilitator_id=1, closes_on=date(2020, 1, 1), published_at=utcnow(), is_hidden=False)
    assert permissions.can_view_round(VISITOR, result, None)
    result.is_hidden = True
    assert not permissions.can_view_round(VISITOR, result, None)
    assert permissions.can_view_round(_user(9, Role.MODERATOR), result, None)
