"""The shapes of the messages forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from community.forms import SiteForm


class NewConversationForm(SiteForm):
    to = StringField(
        _l("To"),
        validators=[DataRequired(), Length(max=400)],
        description=_l("Usernames, separated by commas: up to nine people."),
    )
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(
        _l("Message"),
        validators=[DataRequired(), Length(max=20_000)],
        description=_l("Markdown is supported."),
    )


class ReplyForm(SiteForm):
    body = TextAreaField(
        _l("Your reply"),
        validators=[DataRequired(), Length(max=20_000)],
        description=_l("Markdown is supported."),
    )


class MessageSettingsForm(SiteForm):
    shared_labs_only = BooleanField(_l("Accept messages only from members of my labs"))


def recipient_names(value: str) -> list[str]:
    return [name.strip() for name in value.replace(";", ",").replace(" ", ",").split(",") if name.strip()]
