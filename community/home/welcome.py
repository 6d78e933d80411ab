"""/welcome: getting started after confirming one's address: profile, labs, watches. Skippable, resumable."""

from flask import redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from community.extensions import db
from community.forms import show_error
from community.forum.queries import categories
from community.home import queries, services
from community.home.blueprint import bp
from community.home.errors import HomeError
from community.home.forms import LabsStepForm, ProfileStepForm, WatchStepForm
from community.profiles.models import Profile
from community.profiles.vocabulary import countries_grouped

FIELDS = ("display_name", "job_title", "organization", "country")


@bp.route("/welcome", methods=["GET", "POST"])
@login_required
def welcome():
    step = services.state_of(current_user).onboarding_step
    return {"profile": _profile_step, "labs": _labs_step}.get(step, _watch_step)()


def _page(form, step: str):
    profile = db.session.get(Profile, current_user.id)
    done = sum(1 for name in FIELDS if getattr(profile, name)) + (
        profile.display_name != current_user.username
    )
    return render_template(
        "home/welcome.html",
        form=form,
        step=step,
        steps=services.STEPS,
        percent=min(100, round(100 * done / (len(FIELDS) + 1))),
    )


def _profile_step():
    profile = db.session.get(Profile, current_user.id)
    form = ProfileStepForm(obj=profile)
    form.country.choices = [SelectChoice("", _l("Not given"))] + [
        SelectChoice(code, name) for code, name, _caribbean in countries_grouped()
    ]
    if form.validate_on_submit():
        services.save_profile_step(
            current_user,
            form.display_name.data,
            form.job_title.data,
            form.organization.data,
            form.country.data,
        )
        return redirect(url_for("home.welcome"))
    return _page(form, "profile")


def _labs_step():
    labs = {str(lab.id): lab for lab in queries.active_labs()}
    form = LabsStepForm()
    form.labs.choices = [SelectChoice(key, lab.name) for key, lab in labs.items()]
    if form.validate_on_submit():
        services.save_labs_step(current_user, [labs[key] for key in form.labs.data])
        return redirect(url_for("home.welcome"))
    return _page(form, "labs")


def _watch_step():
    form = WatchStepForm()
    form.categories.choices = [SelectChoice(c.slug, c.name) for c in categories()]
    form.countries.choices = [SelectChoice(code, name) for code, name, _caribbean in countries_grouped()]
    if form.validate_on_submit():
        tags = [tag.strip() for tag in (form.tags.data or "").split(",") if tag.strip()]
        try:
            services.save_watch_step(current_user, form.categories.data, form.countries.data, tags)
        except HomeError as error:
            error.field = "tags"
            show_error(form, error)
        else:
            return redirect(url_for("main.index"))
    return _page(form, "watch")
