"""Moderation forms: input shape only; the services decide what is allowed."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from community.forms import SiteForm
from community.moderation.models import ACTION_LABELS, REASON_LABELS, AlertMode

REASON_MAX = 180  # the reason travels in the member's notification, whose subject is short


class FlagForm(SiteForm):
    reason = RadioField(
        _l("What is wrong?"),
        choices=[SelectChoice(reason.value, str(label)) for reason, label in REASON_LABELS.items()],
        validators=[InputRequired(_l("Choose a reason."))],
    )
    text = TextAreaField(
        _l("Details for the moderators"),
        description=_l("Required when you choose “Something else”."),
        validators=[Optional(), Length(max=500)],
    )


class ReasonForm(SiteForm):
    """A moderator's one-click action, with the reason the member and the log will read."""

    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=REASON_MAX)])


class SuspendForm(ReasonForm):
    days = IntegerField(
        _l("Days"), default=7, validators=[InputRequired(_l("Say for how many days.")), NumberRange(min=1)]
    )


class MoveForm(ReasonForm):
    category = SelectField(_l("New category"), coerce=int, validators=[DataRequired()])


class RoleForm(SiteForm):
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("member", _l("Member")), SelectChoice("moderator", _l("Moderator"))],
        validators=[DataRequired()],
    )


class AuditFilterForm(SiteForm):
    class Meta:
        csrf = False

    moderator = StringField(_l("Moderator (username)"), validators=[Optional(), Length(max=30)])
    member = StringField(_l("Member (username)"), validators=[Optional(), Length(max=30)])
    action = SelectField(
        _l("Action"),
        choices=[
            SelectChoice("", _l("All actions")),
            *(SelectChoice(action.value, str(label)) for action, label in ACTION_LABELS.items()),
        ],
        validators=[Optional()],
    )


class AlertForm(SiteForm):
    mode = RadioField(
        _l("E-mail me when flags wait"),
        choices=[
            SelectChoice(AlertMode.IMMEDIATELY.value, _l("At once, for each newly flagged item")),
            SelectChoice(AlertMode.DAILY.value, _l("Once a day, when something waits")),
            SelectChoice(AlertMode.NEVER.value, _l("Never")),
        ],
        validators=[InputRequired()],
    )
