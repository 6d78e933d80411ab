"""The assessments' blueprint, and the loaders its views share: 404 for what does not exist."""

from flask import Blueprint, abort
from flask_login import current_user

from community.assessments import queries, results
from community.assessments.models import Assessment, Participant, Round
from community.permissions import can_view_assessment, can_view_round
from community.utils import utcnow

bp = Blueprint("assessments", __name__, url_prefix="/assessments")


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update({"framework_text": results.text, "today": lambda: utcnow().date()})


def load_assessment(assessment_id: int) -> Assessment:
    """The assessment, or 404 also when this viewer may not see it (its existence stays private)."""
    found = queries.assessment(assessment_id)
    if found is None or not can_view_assessment(current_user, found):
        abort(404)
    return found


def load_round(round_id: int) -> tuple[Round, Participant | None]:
    """The round and the viewer's place in it, or 404 when the viewer may not see it."""
    found = queries.round_(round_id)
    if found is None:
        abort(404)
    participant = queries.participant(found, current_user)
    if not can_view_round(current_user, found, participant):
        abort(404)
    return found, participant
