"""The assessments' forms: input shape only; ratings are checked again by the services."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from community.assessments import queries, results
from community.assessments.models import TeamKind
from community.countries import country_choices
from community.forms import SiteForm
from community.forum.forms import CheckboxesField

DONT_KNOW = "dk"
TEAM_KINDS = {
    TeamKind.COUNTRY: _l("Country team"),
    TeamKind.MINISTRY: _l("Ministry"),
    TeamKind.LAB: _l("Innovation lab"),
}


def _frameworks(form) -> None:
    """Offer the loaded frameworks (the shipped one, and any national one an admin loaded)."""
    form.framework.choices = [
        SelectChoice(key, results.text(name)) for key, name in queries.framework_choices()
    ]
    if not form.framework.data:
        form.framework.data = form.framework.choices[0].value


class StartForm(SiteForm):
    framework = SelectField(_l("Framework"))
    organization = StringField(
        _l("Organisation"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("The ministry, agency or unit you assess, as you would name it to a colleague."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _frameworks(self)


def scale_choices(framework) -> list[SelectChoice]:
    low, high = framework.scale["min"], framework.scale["max"]
    levels = [
        SelectChoice(str(v), f"{v} · {results.level_label(framework, v)}") for v in range(low, high + 1)
    ]
    return [*levels, SelectChoice(DONT_KNOW, _l("Don't know"))]


def ratings_form(framework, statements: list[dict], answers: dict, formdata=None, **buttons):
    """A form with a rating (or "don't know") and a note per statement; fields are numbered."""

    class RatingsForm(SiteForm):
        pass

    for index in range(1, len(statements) + 1):
        setattr(
            RatingsForm,
            f"rating_{index}",
            RadioField(
                _l("Statement %(number)d", number=index),
                choices=scale_choices(framework),
                validators=[Optional()],
            ),
        )
        setattr(
            RatingsForm,
            f"note_{index}",
            TextAreaField(
                _l("Note on statement %(number)d (optional)", number=index),
                validators=[Optional(), Length(max=2000)],
            ),
        )
    for name, label in buttons.items():
        setattr(RatingsForm, name, SubmitField(label))
    data = {}
    for index, statement in enumerate(statements, start=1):
        answer = answers.get(statement["id"])
        if answer is not None:
            data[f"rating_{index}"] = DONT_KNOW if answer.rating is None else str(answer.rating)
            data[f"note_{index}"] = answer.note
    form = RatingsForm(formdata=formdata, data=data) if formdata is not None else RatingsForm(data=data)
    form.statements = [
        (statement, form[f"rating_{i}"], form[f"note_{i}"]) for i, statement in enumerate(statements, start=1)
    ]
    return form


def ratings_of(form) -> dict[str, tuple[int | None, str]]:
    """The answers given on the form: rated, "don't know" (None), unanswered statements left out."""
    found = {}
    for statement, rating, note in form.statements:
        if rating.data in (None, "", "None"):
            continue
        found[statement["id"]] = (None if rating.data == DONT_KNOW else int(rating.data), note.data or "")
    return found


class RoundForm(SiteForm):
    team_name = StringField(
        _l("Team name"),
        validators=[DataRequired(), Length(max=120)],
        description=_l("For example: Saint Lucia country team, or Ministry of Health."),
    )
    framework = SelectField(_l("Framework"))
    team_kind = SelectField(
        _l("Kind of team"), choices=[SelectChoice(k.value, v) for k, v in TEAM_KINDS.items()]
    )
    country = SelectField(_l("Country"), validators=[DataRequired()])
    closes_on = DateField(
        _l("Closing date"),
        validators=[DataRequired()],
        description=_l("Members rate until the end of this day."),
    )
    invitees = TextAreaField(
        _l("Invite members"),
        validators=[Length(max=5000)],
        description=_l("Usernames or e-mail addresses of members, one per line or separated by commas."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [SelectChoice("", _l("Choose a country")), *country_choices()]
        _frameworks(self)


class RepeatForm(SiteForm):
    closes_on = DateField(_l("Closing date"), validators=[DataRequired()])
    invitees = TextAreaField(
        _l("Invite more members"),
        validators=[Length(max=5000)],
        description=_l("Everyone from the previous round is invited again."),
    )


class InviteForm(SiteForm):
    invitees = TextAreaField(
        _l("Invite members"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("Usernames or e-mail addresses of members, one per line or separated by commas."),
    )


def names_in(text: str | None) -> list[str]:
    return [name for name in (part.strip() for part in re.split(r"[,;\n]", text or "")) if name][:200]


class PublishForm(SiteForm):
    summary = TextAreaField(
        _l("Summary for readers"),
        validators=[Optional(), Length(max=5000)],
        description=_l("What the team concluded, in a few sentences."),
    )


class ActionPlanForm(SiteForm):
    text = StringField(_l("Action"), validators=[DataRequired(), Length(max=500)])
    owner = StringField(
        _l("Owner"),
        validators=[Optional(), Length(max=120)],
        description=_l("Who moves it forward: a person or a unit."),
    )
    due_on = DateField(_l("Due date"), validators=[Optional()])


class DimensionsForm(SiteForm):
    dimensions = CheckboxesField(
        _l("Capability dimensions"),
        validate_choice=True,
        description=_l("Which capabilities this initiative builds (optional)."),
    )
