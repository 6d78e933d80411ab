"""Profile forms: the shape of the input. Codes are checked again by the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from community.forms import SiteForm
from community.profiles import vocabulary
from community.profiles.models import EmailVisibility, VisitorView


def _strip(value):
    """Trim, and drop control characters (a NUL byte is refused by PostgreSQL)."""
    return _printable(value).strip() if isinstance(value, str) else value


def _printable(value):
    if not isinstance(value, str):
        return value
    return "".join(char for char in value if char.isprintable() or char in "\n\t")


def _web_address(_form, field) -> None:
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Enter a web address starting with https://."))


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes, rendered in a fieldset by the profiles template macro."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


LINK = [Optional(), Length(max=300), _web_address, URL(require_tld=True, message=_l("Enter a web address."))]


class ProfileForm(SiteForm):
    display_name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=80)],
        filters=[_strip],
        description=_l("As members should see it, for example Amara Joseph."),
    )
    headline = StringField(
        _l("Headline"),
        validators=[Length(max=160)],
        filters=[_strip],
        description=_l("One line on what you do, for example: Leads the national digital ID programme."),
    )
    job_title = StringField(_l("Job title"), validators=[Length(max=120)], filters=[_strip])
    organization = StringField(
        _l("Organization"),
        validators=[Length(max=160)],
        filters=[_strip],
        description=_l("Your ministry, agency or institution."),
    )
    country = SelectField(_l("Country"), invalid_choice_message=_l("Choose a country from the list."))
    expertise = CheckboxesField(
        _l("Areas of expertise"), invalid_choice_message=_l("Choose areas of expertise from the list.")
    )
    tags = StringField(
        _l("Other topics"),
        validators=[Length(max=400)],
        filters=[_strip],
        description=_l("Up to 10 more topics, separated by commas, for example: GovTech, blockchain."),
    )
    languages = CheckboxesField(
        _l("Languages you speak"), invalid_choice_message=_l("Choose languages from the list.")
    )
    bio = TextAreaField(
        _l("About you"),
        validators=[Length(max=5000)],
        filters=[_printable],
        description=_l(
            "Markdown: **bold**, *italics*, lists, [links](https://example.org). At most 5,000 characters."
        ),
    )
    website_url = URLField(_l("Website"), validators=LINK, filters=[_strip])
    linkedin_url = URLField(_l("LinkedIn profile"), validators=LINK, filters=[_strip])
    other_url = URLField(
        _l("Other link"), validators=LINK, filters=[_strip], description=_l("A blog, a publication list…")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        caribbean, other = _l("Caribbean"), _l("Other countries")
        self.country.choices = [SelectChoice("", _l("Not given"))] + [
            SelectChoice(code, name, optgroup=str(caribbean if is_caribbean else other))
            for code, name, is_caribbean in vocabulary.countries_grouped()
        ]
        self.expertise.choices = [SelectChoice(code, label) for code, label in vocabulary.EXPERTISE.items()]
        self.languages.choices = [
            SelectChoice(code, name) for code, name in vocabulary.language_names().items()
        ]

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in (self.tags.data or "").split(",") if tag.strip()]


class AvatarForm(SiteForm):
    picture = FileField(
        _l("Picture"),
        validators=[FileRequired(_l("Choose a picture to upload."))],
        description=_l("A JPEG, PNG or WebP image of at most 5 MB. We crop it to a square."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )


class PrivacyForm(SiteForm):
    email_visibility = RadioField(
        _l("Who sees your e-mail address"),
        choices=[
            SelectChoice(EmailVisibility.MEMBERS.value, _l("Signed-in members")),
            SelectChoice(EmailVisibility.NOBODY.value, _l("No one")),
        ],
    )
    visitor_view = RadioField(
        _l("What visitors who are not signed in see"),
        choices=[
            SelectChoice(VisitorView.FULL.value, _l("Your full profile")),
            SelectChoice(VisitorView.SUMMARY.value, _l("Only your name, country and headline")),
        ],
    )
