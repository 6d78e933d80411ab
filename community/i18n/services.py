"""A member's language and time zone."""

from flask_babel import gettext as _

from community.auth.models import User
from community.extensions import db
from community.i18n.errors import PreferenceError
from community.i18n.locales import is_language
from community.i18n.zones import is_time_zone


def set_language(user: User, locale: str) -> None:
    """Speak ``locale`` to the member: pages, and the e-mails they receive."""
    if not is_language(locale):
        raise PreferenceError(_("Choose a language from the list."), field="locale")
    user.locale = locale
    db.session.commit()


def set_time_zone(user: User, zone: str) -> None:
    """Show the member's dates and times in ``zone`` (an IANA name such as America/Port_of_Spain)."""
    if not is_time_zone(zone):
        raise PreferenceError(_("Choose a time zone from the list."), field="timezone")
    user.timezone = zone
    db.session.commit()
