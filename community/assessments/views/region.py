"""The regional page: the spread of published team results per dimension, and a team's own beside it."""

from flask import render_template, request
from flask_login import current_user

from community.assessments import queries, results
from community.assessments import region as regional
from community.assessments.blueprint import bp
from community.assessments.region import MIN_COUNTRIES, MIN_TEAMS


def own_round(found: regional.Region):
    """The viewer's team result, when they asked to see it and belong to that team."""
    wanted = request.args.get("team", type=int)
    if wanted is None or not current_user.is_authenticated:
        return None
    for round_ in found.rounds:
        if round_.id == wanted and (
            round_.facilitator_id == current_user.id or queries.participant(round_, current_user) is not None
        ):
            return round_
    return None


@bp.route("/region")
def region():
    found = regional.region()
    own = own_round(found) if found.is_shown else None
    mine = [
        r
        for r in found.rounds
        if current_user.is_authenticated
        and (r.facilitator_id == current_user.id or any(p.user_id == current_user.id for p in r.participants))
    ]
    return render_template(
        "assessments/region.html",
        region=found,
        own=own,
        mine=mine,
        chart=regional.chart(found, own) if found.is_shown else None,
        region_names=results.dimension_names(found.framework) if found.framework else {},
        own_scores={s.id: s.score for s in regional.scores_of(own)} if own else {},
        min_teams=MIN_TEAMS,
        min_countries=MIN_COUNTRIES,
    )
