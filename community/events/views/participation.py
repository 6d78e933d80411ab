"""What members do: register, cancel, check in, evaluate; their own list and private calendar."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.events import evaluations, ical, queries, registrations, services
from community.events.errors import EventError
from community.events.forms import CheckInForm, EvaluationForm
from community.events.views.base import bp, load_event
from community.forms import ActionForm, handle_form, show_error
from community.permissions import can_register_for_event, ensure


@bp.route("/<int:event_id>/register", methods=["POST"])
@login_required
def register(event_id: int):
    loaded = load_event(event_id)
    ensure(can_register_for_event(current_user, loaded.event))
    if ActionForm().validate_on_submit():
        try:
            registration = registrations.register(current_user, loaded.event)
        except EventError as error:
            flash(str(error.message), "error")
        else:
            if registration.is_waiting:
                flash(
                    _("The event is full: you are on the waiting list, and get the first free place."), "info"
                )
            else:
                flash(_("You are registered."), "success")
    return redirect(url_for("events.show", event_id=event_id))


@bp.route("/<int:event_id>/cancel", methods=["POST"])
@login_required
def cancel(event_id: int):
    loaded = load_event(event_id)
    if ActionForm().validate_on_submit():
        try:
            registrations.cancel(current_user, loaded.event)
        except EventError as error:
            flash(str(error.message), "error")
        else:
            flash(_("Your registration is cancelled."), "info")
    return redirect(url_for("events.show", event_id=event_id))


@bp.route("/<int:event_id>/check-in", methods=["POST"])
@login_required
def check_in(event_id: int):
    loaded = load_event(event_id)
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            services.check_in(current_user, loaded.event, form.code.data)
        except EventError as error:
            show_error(form, error)
        else:
            flash(_("You are checked in. Enjoy the session!"), "success")
            return redirect(url_for("events.show", event_id=event_id))
    return render_template("events/check_in.html", loaded=loaded, event=loaded.event, form=form), 400


@bp.route("/<int:event_id>/evaluate", methods=["GET", "POST"])
@login_required
def evaluate(event_id: int):
    """The evaluation form: for participants, once the session has ended, until the organisers close it."""
    event = load_event(event_id).event
    ensure(evaluations.may_evaluate(current_user, event))
    earlier = evaluations.evaluation_of(current_user, event)
    try:
        evaluations.check_open(event)
    except EventError as error:
        return render_template("events/evaluate.html", event=event, form=None, closed=error.message), 403
    form = EvaluationForm(obj=earlier, rating=str(earlier.rating) if earlier else None)

    def save():
        evaluations.save(current_user, event, form.answers(event.questions, request.form))
        thanks = _("Thank you: your evaluation is saved. You can change it until the organisers close it.")
        flash(thanks, "success")
        return redirect(url_for("events.show", event_id=event.id))

    return handle_form(form, save).or_render(
        "events/evaluate.html", event=event, form=form, closed=None, earlier=earlier,
        questions=_extra_questions(event, earlier),
    )  # fmt: skip


def _extra_questions(event, earlier) -> list[tuple[str, str]]:
    """The organisers' questions with what the member wrote: just now (a refused form) or before."""
    if request.method == "POST":
        return [(q, request.form.get(f"question-{i}", "")) for i, q in enumerate(event.questions)]
    answers = earlier.answers if earlier else {}
    return [(q, answers.get(q, "")) for q in event.questions]


@bp.route("/mine")
@login_required
def mine():
    """The member's sessions and their private calendar address."""
    token = registrations.calendar_token(current_user)
    return render_template(
        "events/mine.html", registrations=queries.my_registrations(current_user), token=token
    )


@bp.route("/mine/calendar/reset", methods=["POST"])
@login_required
def reset_calendar():
    if ActionForm().validate_on_submit():
        registrations.reset_calendar_token(current_user)
        flash(_("Your calendar has a new address: the old one no longer works."), "success")
    return redirect(url_for("events.mine"))


@bp.route("/calendar/<token>.ics")
def private_calendar(token: str):
    """A member's sessions for their calendar app; the secret in the address is the only key."""
    user = registrations.user_of_token(token)
    if user is None:
        abort(404)
    body = ical.calendar(_("My events"), queries.my_calendar(user), with_links=True)
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    return response
