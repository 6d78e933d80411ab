"""Settings forms that are not about the account's credentials."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from community.config import LANGUAGES
from community.forms import SiteForm


class LanguageForm(SiteForm):
    locale = SelectField(
        _l("Language of the site and of your e-mails"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
    )
