"""The language and time-zone choices: in the header for everyone, in the settings for members."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice

from community.forms import SiteForm
from community.i18n.zones import zone_choices


def language_choices() -> list[SelectChoice]:
    """Each language named in itself, and marked up as such for screen readers."""
    return [
        SelectChoice(code, name, render_kw={"lang": code})
        for code, name in current_app.config["LANGUAGES"].items()
    ]


class LanguageForm(SiteForm):
    locale = SelectField(_l("Language of the site and of your e-mails"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = language_choices()


class SwitchLanguageForm(LanguageForm):
    """The header's switcher: the page to come back to travels with the choice."""

    next = HiddenField()


class TimeZoneForm(SiteForm):
    timezone = SelectField(
        _l("Time zone"),
        description=_l("Dates and times on the site are shown in this time zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()
