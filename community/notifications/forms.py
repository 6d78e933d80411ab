"""The e-mail preference form."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice

from community.forms import SiteForm
from community.notifications.models import EmailMode

EMAIL_MODES = (
    (EmailMode.IMMEDIATELY, _l("Immediately, one e-mail per notification")),
    (EmailMode.DAILY, _l("Once a day, in a digest")),
    (EmailMode.NEVER, _l("Never: I read them on the site")),
)


class EmailModeForm(SiteForm):
    email_mode = RadioField(
        _l("E-mail me about notifications"),
        choices=[SelectChoice(mode.value, label) for mode, label in EMAIL_MODES],
    )
