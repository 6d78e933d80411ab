"""Collaborative rounds: open, invite, rate alone, close, see the spread, agree, publish, repeat."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.assessments import queries, results, scoring, services
from community.assessments.blueprint import bp, load_round
from community.assessments.errors import AssessmentError
from community.assessments.forms import (
    ActionPlanForm,
    InviteForm,
    PublishForm,
    RepeatForm,
    RoundForm,
    names_in,
    ratings_form,
    ratings_of,
)
from community.assessments.views.common import add_to_plan, result_context
from community.forms import ActionForm, show_error
from community.permissions import (
    can_agree_consensus,
    can_keep_round_plan,
    can_manage_round,
    can_rate_in_round,
    can_view_spread,
    ensure,
    poster_required,
)


@bp.route("/rounds/new", methods=["GET", "POST"])
@poster_required
def round_new():
    """Open a round for a team and invite its members."""
    form = RoundForm()
    if form.validate_on_submit():
        team = {
            "name": form.team_name.data,
            "kind": form.team_kind.data,
            "country": form.country.data,
            "framework": form.framework.data,
        }
        try:
            round_ = services.open_round(
                current_user, team, form.closes_on.data, names_in(form.invitees.data)
            )
        except AssessmentError as error:
            show_error(form, error)
        else:
            flash(_("The round is open: the members you invited are told."), "success")
            return redirect(url_for("assessments.round_show", round_id=round_.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("assessments/round_new.html", form=form), status


@bp.route("/rounds/<int:round_id>")
def round_show(round_id: int):
    """The round as the viewer may see it: its state, the viewer's part, then the team's result."""
    round_, participant = load_round(round_id)
    mine = None
    if participant is not None:
        mine = next((a for a in round_.assessments if a.owner_id == current_user.id), None)
    context = _published_context(round_) if round_.is_published else {}
    return render_template(
        "assessments/round_show.html",
        round=round_,
        participant=participant,
        mine=mine,
        submitted=queries.submitted_count(round_),
        invite_form=InviteForm(),
        plan_form=ActionPlanForm(),
        **context,
    )


def _published_context(round_) -> dict:
    """The team's result, its next steps and, after a repeated round, the change since the last one."""
    context = result_context(round_.framework, {row.statement: row.rating for row in round_.consensus})
    previous = queries.previous_round(round_)
    if previous is not None:
        before = scoring.dimension_scores(
            previous.framework, {r.statement: r.rating for r in previous.consensus}
        )
        context["comparison"] = results.comparison(round_.framework, before, context["result"].scores)
        context["previous"] = previous
    return context


@bp.route("/rounds/<int:round_id>/take-part", methods=["POST"])
@login_required
def take_part(round_id: int):
    round_, participant = load_round(round_id)
    ensure(can_rate_in_round(current_user, round_, participant))
    if not ActionForm().validate_on_submit():
        return redirect(url_for("assessments.round_show", round_id=round_.id))
    assessment = services.take_part(current_user, round_, participant)
    return redirect(url_for("assessments.step", assessment_id=assessment.id, step=1))


@bp.route("/rounds/<int:round_id>/invite", methods=["POST"])
@login_required
def invite(round_id: int):
    round_, _participant = load_round(round_id)
    ensure(can_manage_round(current_user, round_))
    form = InviteForm()
    if form.validate_on_submit():
        try:
            added = services.invite(current_user, round_, names_in(form.invitees.data))
        except AssessmentError as error:
            flash(error.message, "error")
        else:
            flash(_("%(num)d members invited.", num=added), "success")
    return redirect(url_for("assessments.round_show", round_id=round_.id))


@bp.route("/rounds/<int:round_id>/close", methods=["POST"])
@login_required
def close(round_id: int):
    round_, _participant = load_round(round_id)
    ensure(can_manage_round(current_user, round_))
    if ActionForm().validate_on_submit():
        try:
            services.close_round(current_user, round_)
        except AssessmentError as error:
            flash(error.message, "error")
        else:
            flash(_("The round is closed: the team can now agree its scores."), "success")
    return redirect(url_for("assessments.round_show", round_id=round_.id))


@bp.route("/rounds/<int:round_id>/consensus", methods=["GET", "POST"])
@login_required
def consensus(round_id: int):
    """The spread per statement, widest disagreement first, and the score the team agrees for each."""
    round_, participant = load_round(round_id)
    ensure(can_view_spread(current_user, round_, participant))
    spreads = scoring.spreads(round_.framework, queries.answer_sets(round_))
    editable = can_agree_consensus(current_user, round_, participant)
    form = _consensus_form(round_, spreads)
    if request.method == "POST":
        ensure(editable)
        if form.validate():
            try:
                services.save_consensus(current_user, round_, participant, ratings_of(form))
            except AssessmentError as error:
                show_error(form, error)
            else:
                flash(_("The consensus is saved."), "success")
                return redirect(url_for("assessments.consensus", round_id=round_.id))
    status = 400 if form.errors or form.form_errors else 200
    return _render_consensus(round_, spreads, form, editable), status


def _render_consensus(round_, spreads, form, editable: bool) -> str:
    rows = list(zip(spreads, form.statements, strict=True))
    names = results.dimension_names(round_.framework)
    page = {
        "round": round_,
        "rows": rows,
        "editable": editable,
        "publish_form": PublishForm(),
        "names": names,
    }
    return render_template("assessments/consensus.html", form=form, **page)


def _consensus_form(round_, spreads):
    """A rating and a note per statement, in the order of the spread (widest disagreement first)."""
    texts = results.statement_texts(round_.framework)
    statements = [{"id": s.statement, "text": {"en": texts[s.statement]}} for s in spreads]
    formdata = request.form if request.method == "POST" else None
    save = _("Save the consensus")
    return ratings_form(round_.framework, statements, round_.consensus_map(), formdata=formdata, save=save)


@bp.route("/rounds/<int:round_id>/publish", methods=["POST"])
@login_required
def publish(round_id: int):
    round_, _participant = load_round(round_id)
    ensure(can_manage_round(current_user, round_))
    form = PublishForm()
    if form.validate_on_submit():
        try:
            services.publish_round(current_user, round_, form.summary.data or "")
        except AssessmentError as error:
            flash(error.message, "error")
            return redirect(url_for("assessments.consensus", round_id=round_.id))
        flash(_("The team's result is published."), "success")
    return redirect(url_for("assessments.round_show", round_id=round_.id))


@bp.route("/rounds/<int:round_id>/repeat", methods=["GET", "POST"])
@login_required
def repeat(round_id: int):
    """Open the team's next round, with the same members, to compare with this one later."""
    previous, participant = load_round(round_id)
    ensure(previous.is_published and (participant is not None or previous.facilitator_id == current_user.id))
    form = RepeatForm()
    if form.validate_on_submit():
        try:
            round_ = services.open_round(
                current_user, {}, form.closes_on.data, names_in(form.invitees.data), previous=previous
            )
        except AssessmentError as error:
            show_error(form, error)
        else:
            flash(_("The round is open: the members you invited are told."), "success")
            return redirect(url_for("assessments.round_show", round_id=round_.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("assessments/repeat.html", round=previous, form=form), status


@bp.route("/rounds/<int:round_id>/actions", methods=["POST"])
@login_required
def round_action(round_id: int):
    round_, participant = load_round(round_id)
    ensure(can_keep_round_plan(current_user, round_, participant))
    return add_to_plan(round_=round_, participant=participant)
