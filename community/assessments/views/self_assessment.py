"""A member's self-assessment: start, rate one dimension per page, review, submit, see the result."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.assessments import queries, results, services
from community.assessments.blueprint import bp, load_assessment
from community.assessments.errors import AssessmentError
from community.assessments.forms import ActionPlanForm, StartForm, ratings_form, ratings_of
from community.assessments.views.common import result_context
from community.forms import ActionForm, show_error
from community.permissions import can_edit_assessment, ensure, poster_required


@bp.route("/")
def index():
    """What the assessment is, the member's own assessments and rounds, the published team results."""
    mine = queries.own_assessments(current_user) if current_user.is_authenticated else []
    rounds = queries.own_rounds(current_user) if current_user.is_authenticated else []
    return render_template(
        "assessments/index.html",
        mine=mine,
        rounds=rounds,
        published=queries.published_rounds(),
        frameworks=queries.frameworks(),
    )


@bp.route("/new", methods=["GET", "POST"])
@poster_required
def new():
    form = StartForm()
    if form.validate_on_submit():
        assessment = services.start_assessment(current_user, form.organization.data, form.framework.data)
        return redirect(url_for("assessments.step", assessment_id=assessment.id, step=1))
    return render_template("assessments/new.html", form=form), 400 if form.errors else 200


def _buttons():
    return {"back": _("Save and go back"), "save": _("Save draft"), "next": _("Save and continue")}


@bp.route("/<int:assessment_id>/dimensions/<int:step>", methods=["GET", "POST"])
@login_required
def step(assessment_id: int, step: int):
    """One dimension's statements: each rated or "don't know", with a note; saved at every step."""
    assessment = load_assessment(assessment_id)
    ensure(can_edit_assessment(current_user, assessment))
    dimensions = assessment.framework.dimensions
    if not 1 <= step <= len(dimensions):
        abort(404)
    dimension = dimensions[step - 1]
    form = _step_form(assessment, dimension)
    if request.method == "POST" and form.validate():
        try:
            services.save_dimension(current_user, assessment, dimension["id"], ratings_of(form))
        except AssessmentError as error:
            show_error(form, error)
        else:
            return redirect(_after_step(assessment, step, form, len(dimensions)))
    status = 400 if form.errors or form.form_errors else 200
    page = {"assessment": assessment, "dimension": dimension, "step": step, "total": len(dimensions)}
    return render_template("assessments/step.html", form=form, **page), status


def _step_form(assessment, dimension: dict):
    formdata = request.form if request.method == "POST" else None
    answers = assessment.answer_map()
    return ratings_form(
        assessment.framework, dimension["statements"], answers, formdata=formdata, **_buttons()
    )


def _after_step(assessment, step: int, form, total: int) -> str:
    if form.back.data and step > 1:
        return url_for("assessments.step", assessment_id=assessment.id, step=step - 1)
    if form.save.data:
        flash(_("Your answers are saved as a draft."), "success")
        return url_for("assessments.step", assessment_id=assessment.id, step=step)
    if step < total and not form.back.data:
        return url_for("assessments.step", assessment_id=assessment.id, step=step + 1)
    return url_for("assessments.review", assessment_id=assessment.id)


@bp.route("/<int:assessment_id>/review")
@login_required
def review(assessment_id: int):
    """Every dimension with what is still to answer; the submit button once all is answered."""
    assessment = load_assessment(assessment_id)
    ensure(can_edit_assessment(current_user, assessment))
    missing = set(services.missing_statements(assessment))
    return render_template(
        "assessments/review.html",
        assessment=assessment,
        missing=missing,
        names=results.dimension_names(assessment.framework),
    )


@bp.route("/<int:assessment_id>/submit", methods=["POST"])
@login_required
def submit(assessment_id: int):
    assessment = load_assessment(assessment_id)
    ensure(can_edit_assessment(current_user, assessment))
    if ActionForm().validate_on_submit():
        try:
            services.submit_assessment(current_user, assessment)
        except AssessmentError as error:
            flash(error.message, "error")
            return redirect(url_for("assessments.review", assessment_id=assessment.id))
        flash(_("Your assessment is submitted."), "success")
    if assessment.round_id:
        return redirect(url_for("assessments.round_show", round_id=assessment.round_id))
    return redirect(url_for("assessments.show", assessment_id=assessment.id))


@bp.route("/<int:assessment_id>")
def show(assessment_id: int):
    """The result: charts and the same numbers as a table; a draft sends its author back to rating."""
    assessment = load_assessment(assessment_id)
    if not assessment.is_submitted:
        return redirect(url_for("assessments.review", assessment_id=assessment.id))
    ratings = {a.statement: a.rating for a in assessment.answers}
    context = result_context(assessment.framework, ratings)
    return render_template(
        "assessments/show.html",
        assessment=assessment,
        plan_form=ActionPlanForm(),
        actions=queries.assessment_actions(assessment),
        **context,
    )


@bp.route("/<int:assessment_id>/share", methods=["POST"])
@login_required
def share(assessment_id: int):
    assessment = load_assessment(assessment_id)
    ensure(current_user.id == assessment.owner_id and assessment.round_id is None)
    if ActionForm().validate_on_submit():
        services.set_shared(current_user, assessment, request.form.get("shared") == "1")
        flash(
            _("Members can now see this result.") if assessment.shared else _("Only you see this result."),
            "success",
        )
    return redirect(url_for("assessments.show", assessment_id=assessment.id))
