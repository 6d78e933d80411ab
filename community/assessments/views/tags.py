"""The initiatives' optional "capability dimensions" field, kept by this feature beside the forum."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.assessments import framework as framework_file
from community.assessments import queries, results, services
from community.assessments.blueprint import bp
from community.assessments.errors import AssessmentError
from community.assessments.forms import DimensionsForm
from community.extensions import db
from community.forms import show_error
from community.forum.models import Initiative
from community.permissions import can_tag_dimensions, can_view_initiative, ensure


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals["initiative_dimensions"] = initiative_dimensions


def initiative_dimensions(initiative) -> list[str]:
    """The names of the dimensions an initiative is tagged with, for the forum's page (one query)."""
    tagged = queries.dimensions_of(initiative.id)
    if not tagged:
        return []
    names = framework_file.shipped_dimension_names(results.language())
    return [names[d] for d in tagged if d in names]


@bp.route("/initiatives/<int:initiative_id>/dimensions", methods=["GET", "POST"])
@login_required
def tag(initiative_id: int):
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None or not can_view_initiative(current_user, initiative):
        abort(404)
    ensure(can_tag_dimensions(current_user, initiative))
    form = DimensionsForm(data={"dimensions": queries.dimensions_of(initiative.id)})
    framework = queries.newest_framework()
    form.dimensions.choices = [SelectChoice(k, v) for k, v in results.dimension_names(framework).items()]
    if form.validate_on_submit():
        try:
            services.tag_initiative(initiative, form.dimensions.data or [])
        except AssessmentError as error:
            show_error(form, error)
        else:
            flash(_("The capability dimensions are saved."), "success")
            return redirect(url_for("forum.show", initiative_id=initiative.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("assessments/tag.html", form=form, initiative=initiative), status
