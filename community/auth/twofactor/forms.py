"""Two-step sign-in forms: the shape of the input only."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from community.forms import SiteForm


class CodeForm(SiteForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("The 6 digits your authenticator app shows now, or one of your recovery codes."),
    )


class AppCodeForm(SiteForm):
    code = StringField(
        _l("Code from your app"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("The 6 digits your authenticator app shows now."),
    )


class DisableForm(SiteForm):
    secret = PasswordField(
        _l("Your password or a code from your app"),
        validators=[DataRequired(), Length(max=1000)],
    )
