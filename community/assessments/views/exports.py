"""A team's published result and the regional aggregate as CSV and JSON (open data, CC BY 4.0)."""

import csv
import io

from flask import Response, abort, jsonify, url_for

from community.assessments import region as regional
from community.assessments import results
from community.assessments.blueprint import bp, load_round
from community.forum.vocabulary import LICENCES, Licence

LICENCE = LICENCES[Licence.CC_BY]


def _csv(rows: list[list], filename: str) -> Response:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _round_result(round_id: int):
    round_, _participant = load_round(round_id)
    if not round_.is_published:
        abort(404)
    return round_, regional.scores_of(round_)


@bp.route("/rounds/<int:round_id>/result.json")
def round_json(round_id: int):
    round_, scores = _round_result(round_id)
    return jsonify(_round_document(round_, scores))


def _round_document(round_, scores) -> dict:
    names = results.dimension_names(round_.framework)
    dimensions = [
        {"id": s.id, "name": names[s.id], "score": s.score, "rated": s.rated, "dont_know": s.unknown,
         "statements": s.statements}
        for s in scores
    ]  # fmt: skip
    return {
        "team": round_.team.name,
        "country": round_.team.country,
        "kind": str(round_.team.kind),
        "framework": {"key": round_.framework.key, "version": round_.framework.version},
        "published_at": round_.published_at.isoformat() + "Z",
        "licence": {"name": LICENCE[0], "url": LICENCE[1]},
        "url": url_for("assessments.round_show", round_id=round_.id, _external=True),
        "dimensions": dimensions,
        "statements": [{"id": r.statement, "consensus": r.rating, "note": r.note} for r in round_.consensus],
    }


@bp.route("/rounds/<int:round_id>/result.csv")
def round_csv(round_id: int):
    round_, scores = _round_result(round_id)
    names = results.dimension_names(round_.framework)
    rows = [["team", "country", "framework", "version", "dimension", "name", "score", "rated", "dont_know"]]
    rows += [
        [
            round_.team.name,
            round_.team.country,
            round_.framework.key,
            round_.framework.version,
            s.id,
            names[s.id],
            "" if s.score is None else s.score,
            s.rated,
            s.unknown,
        ]
        for s in scores
    ]
    return _csv(rows, f"assessment-round-{round_.id}.csv")


def _shown_region() -> regional.Region:
    found = regional.region()
    if not found.is_shown:
        abort(404)
    return found


@bp.route("/region.json")
def region_json():
    found = _shown_region()
    names = results.dimension_names(found.framework)
    return jsonify(
        {
            "framework": {"key": found.framework.key, "version": found.framework.version},
            "teams": len(found.rounds),
            "countries": found.countries,
            "licence": {"name": LICENCE[0], "url": LICENCE[1]},
            "dimensions": [
                {
                    "id": d.id,
                    "name": names[d.id],
                    "teams": d.teams,
                    "lowest": d.low,
                    "first_quartile": d.q1,
                    "median": d.median,
                    "third_quartile": d.q3,
                    "highest": d.high,
                }
                for d in found.distributions
            ],
        }
    )


@bp.route("/region.csv")
def region_csv():
    found = _shown_region()
    names = results.dimension_names(found.framework)
    rows = [["dimension", "name", "teams", "lowest", "first_quartile", "median", "third_quartile", "highest"]]
    rows += [[d.id, names[d.id], d.teams, d.low, d.q1, d.median, d.q3, d.high] for d in found.distributions]
    return _csv(rows, "assessment-region.csv")
