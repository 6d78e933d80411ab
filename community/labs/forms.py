"""Lab forms: input shape only; the services check what needs the database."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from community.countries import all_codes, country_choices
from community.forms import SiteForm
from community.labs.models import THEME_LABELS, JoinPolicy, LabRole, LabTheme
from community.labs.services import LabDetails


def web_url(_form, field) -> None:
    """Only http(s) links with a host: never javascript: or data: in an href."""
    try:
        parts = urlsplit(field.data or "")
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # such as an unclosed IPv6 bracket
        ok = False
    if not ok or any(char.isspace() for char in field.data):
        raise ValidationError(_l("Give a full web address, starting with https://"))


def theme_choices() -> list[SelectChoice]:
    return [SelectChoice(theme.value, str(label)) for theme, label in THEME_LABELS.items()]


class LabForm(SiteForm):
    """What leads edit; the proposal form adds the web address."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(min=3, max=120)])
    theme = SelectField(_l("Theme"))
    short_description = StringField(
        _l("Short description"),
        description=_l("One sentence shown in the lab directory."),
        validators=[DataRequired(), Length(max=300)],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("What the lab works on, how it meets, who should join. Markdown is welcome."),
        validators=[Length(max=20_000)],
    )
    region = StringField(
        _l("Region"), description=_l("For example: Eastern Caribbean."), validators=[Length(max=120)]
    )
    countries = SelectMultipleField(
        _l("Countries"),
        description=_l("Hold Ctrl (or Cmd) to choose several. Leave empty for the whole region."),
    )
    contact = StringField(
        _l("Contact"),
        description=_l("An e-mail address or a person to write to about the lab."),
        validators=[Length(max=200)],
    )
    join_policy = RadioField(
        _l("Who can join"),
        choices=[
            SelectChoice(JoinPolicy.OPEN.value, _l("Any confirmed member joins at once")),
            SelectChoice(JoinPolicy.BY_REQUEST.value, _l("Members ask to join; a lead answers")),
        ],
        default=JoinPolicy.OPEN.value,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = theme_choices()
        self.countries.choices = country_choices()

    def details(self) -> LabDetails:
        return LabDetails(
            name=self.name.data,
            theme=LabTheme(self.theme.data),
            short_description=self.short_description.data,
            description=self.description.data or "",
            region=self.region.data or "",
            contact=self.contact.data or "",
            join_policy=JoinPolicy(self.join_policy.data),
            countries=list(self.countries.data or []),
        )


class ProposeLabForm(LabForm):
    slug = StringField(
        _l("Web address"),
        description=_l(
            "The end of the lab's address, such as fisheries-lab. Leave empty to make it from the name."
        ),
        validators=[
            Optional(),
            Length(min=3, max=60),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lowercase letters, digits and hyphens.")),
        ],
    )


class CoverForm(SiteForm):
    picture = FileField(
        _l("Picture"),
        validators=[FileRequired(_l("Choose a picture to upload."))],
        description=_l("A JPEG, PNG or WebP image of at most 5 MB, best wide (3 to 1). We crop it to fit."),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )


class LabFilterForm(SiteForm):
    """The directory's filters, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), default="")
    country = SelectField(_l("Country"), default="")

    def __init__(self, args, countries: list[str]):
        super().__init__(args)
        self.theme.choices = [SelectChoice("", _l("All themes")), *theme_choices()]
        wanted = args.get("country") or ""
        codes = set(countries) | ({wanted} if wanted in all_codes() else set())
        self.country.choices = [SelectChoice("", _l("All countries")), *country_choices(codes, grouped=False)]

    def filters(self) -> tuple[LabTheme | None, str | None]:
        """The valid filters; a value that is not offered is reported next to its field and ignored."""
        self.validate()
        theme = LabTheme(self.theme.data) if self.theme.data and not self.theme.errors else None
        country = self.country.data if self.country.data and not self.country.errors else None
        return theme, country


class DeclineLabForm(SiteForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("Sent to the proposer by e-mail."),
        validators=[DataRequired(), Length(max=2000)],
    )


class RoleForm(SiteForm):
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice(LabRole.MEMBER.value, _l("Member")),
            SelectChoice(LabRole.LEAD.value, _l("Lead")),
        ],
    )


class ResourceForm(SiteForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    url = URLField(_l("Link"), validators=[Optional(), web_url, Length(max=1000)])
    document = FileField(
        _l("Or a document"), description=_l("PDF, office document, CSV, text or image; 10 MB at most.")
    )
    description = TextAreaField(_l("Why it is useful"), validators=[Length(max=1000)])
