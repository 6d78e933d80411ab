"""The form that makes a personal access token."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from community.forms import SiteForm


class TokenForm(SiteForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("What the token is for, e.g. “Ministry dashboard”."),
    )
    can_write = BooleanField(
        _l("Allow writing"),
        description=_l(
            "The token may also share initiatives and post comments as you. Leave it off to read only."
        ),
    )
    expires_on = DateField(
        _l("Expires on (optional)"),
        validators=[Optional()],
        description=_l("After this day the token stops working. Leave empty for no expiry."),
    )
