"""The shapes of the home forms: getting started and watching."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from community.forms import SiteForm
from community.home.models import WatchLevel


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProfileStepForm(SiteForm):
    display_name = StringField(_l("Your name as others see it"), validators=[DataRequired(), Length(max=80)])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=120)])
    organization = StringField(_l("Organisation"), validators=[Optional(), Length(max=160)])
    country = SelectField(_l("Country"), validators=[Optional()])


class LabsStepForm(SiteForm):
    labs = CheckboxesField(_l("Labs to join and watch"), validate_choice=True)


class WatchStepForm(SiteForm):
    categories = CheckboxesField(_l("Categories"), validate_choice=True)
    countries = SelectMultipleField(_l("Countries"), validate_choice=True)
    tags = StringField(
        _l("Tags"),
        validators=[Optional(), Length(max=300)],
        description=_l("Separated by commas, e.g. agriculture, e-id"),
    )


LEVEL_LABELS = {
    WatchLevel.WATCHING: _l("Watch: every new initiative and comment"),
    WatchLevel.TRACKING: _l("Track: new initiatives only"),
    WatchLevel.MUTED: _l("Mute: nothing from it"),
}


class WatchForm(SiteForm):
    level = RadioField(
        _l("How closely to follow it"),
        choices=[SelectChoice(level.value, label) for level, label in LEVEL_LABELS.items()]
        + [SelectChoice("none", _l("Stop following it"))],
        validators=[DataRequired()],
    )


class BookmarkForm(SiteForm):
    initiative_id = IntegerField(validators=[DataRequired()])
    comment_id = IntegerField(validators=[Optional()])
    remind_on = DateField(_l("Remind me on (optional)"), validators=[Optional()])
