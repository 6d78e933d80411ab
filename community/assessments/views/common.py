"""What result pages share: the result with its next steps, and the action plan's routes."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.assessments import queries, results, scoring, services
from community.assessments.blueprint import bp, load_assessment, load_round
from community.assessments.errors import AssessmentError
from community.assessments.forms import ActionPlanForm
from community.assessments.models import Action
from community.extensions import db
from community.forms import ActionForm
from community.permissions import can_keep_assessment_plan, can_keep_round_plan, ensure


def result_context(framework, ratings: dict) -> dict:
    """The result, its weakest dimensions and, for each, initiatives and labs working on it."""
    result = results.build(framework, ratings)
    weakest = scoring.weakest(result.scores)
    initiatives = queries.initiatives_for(weakest)
    return {
        "result": result,
        "weakest": weakest,
        "initiatives": initiatives,
        "labs": queries.labs_for(initiatives),
    }


def _plan_owner(action: Action):
    """Whether the viewer keeps the plan this action is in; 404 when they may not see it."""
    if action.round_id is not None:
        round_, participant = load_round(action.round_id)
        return can_keep_round_plan(current_user, round_, participant), round_, None, participant
    assessment = load_assessment(action.assessment_id)
    return can_keep_assessment_plan(current_user, assessment), None, assessment, None


def _back(round_, assessment) -> str:
    if round_ is not None:
        return url_for("assessments.round_show", round_id=round_.id, _anchor="action-plan")
    return url_for("assessments.show", assessment_id=assessment.id, _anchor="action-plan")


def add_to_plan(round_=None, assessment=None, participant=None):
    form = ActionPlanForm()
    if form.validate_on_submit():
        try:
            services.add_action(
                current_user,
                form.text.data,
                form.owner.data or "",
                form.due_on.data,
                round_=round_,
                assessment=assessment,
                participant=participant,
            )
        except AssessmentError as error:
            flash(error.message, "error")
        else:
            flash(_("The action is added to the plan."), "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(errors), "error")
    return redirect(_back(round_, assessment))


@bp.route("/<int:assessment_id>/actions", methods=["POST"])
@login_required
def assessment_action(assessment_id: int):
    assessment = load_assessment(assessment_id)
    ensure(can_keep_assessment_plan(current_user, assessment))
    return add_to_plan(assessment=assessment)


@bp.route("/actions/<int:action_id>", methods=["POST"])
@login_required
def update_action(action_id: int):
    """Mark an action done or not done, or take it off the plan."""
    action = db.session.get(Action, action_id)
    if action is None:
        abort(404)
    allowed, round_, assessment, _participant = _plan_owner(action)
    ensure(allowed)
    if ActionForm().validate_on_submit():
        services.update_action(action, request.form.get("done") == "1", request.form.get("remove") == "1")
    return redirect(_back(round_, assessment))
