"""Forum forms: the shape of the input. Rules that need the database live in the services."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import (
    Form,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from community.forms import SiteForm
from community.forum import vocabulary as v
from community.forum.services.initiatives import InitiativeData

MAX_TAGS = 8
MAX_LINKS = 10
TAG_PATTERN = re.compile(r"[^\w-]+", re.UNICODE)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def normalize_tags(raw: str | None) -> list[str]:
    """'Open Data, e-ID ,open data' -> ['open-data', 'e-id']: lower case, hyphens, no repeats."""
    tags: list[str] = []
    for piece in (raw or "").split(","):
        tag = TAG_PATTERN.sub("-", piece.strip().lower()).strip("-_")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def normalize_links(raw: str | None) -> list[str]:
    return [line.strip() for line in (raw or "").splitlines() if line.strip()]


def _tags(_form, field) -> None:
    tags = normalize_tags(field.data)
    if len(tags) > MAX_TAGS:
        raise ValidationError(_l("Use at most %(count)d tags.", count=MAX_TAGS))
    if any(len(tag) < 2 or len(tag) > 30 for tag in tags):
        raise ValidationError(_l("Each tag has 2 to 30 letters, digits or hyphens."))


def _links(_form, field) -> None:
    links = normalize_links(field.data)
    if len(links) > MAX_LINKS:
        raise ValidationError(_l("Give at most %(count)d links.", count=MAX_LINKS))
    for link in links:
        parts = urlsplit(link)
        if len(link) > 500 or parts.scheme not in ("http", "https") or not parts.netloc or " " in link:
            raise ValidationError(_l("Each line must be one web address starting with https://."))


def _choices(mapping) -> list[SelectChoice]:
    return [SelectChoice(str(key), label) for key, label in mapping.items()]


def _sdg_choices() -> list[SelectChoice]:
    """ "3. Good health and well-being", translated when shown, not when the module is imported."""
    return [
        SelectChoice(str(number), LazyString(lambda n, label: f"{n}. {label}", number, label))
        for number, label in v.SDGS.items()
    ]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def new_token() -> str:
    """A one-time token for a form: sending the same form twice creates one post."""
    return secrets.token_hex(16)


class InitiativeForm(SiteForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)], filters=[_strip])
    category = SelectField(_l("Forum category"), validators=[DataRequired()])
    # Any value reaches the service, which says clearly why a lab is refused.
    lab = SelectField(
        _l("Lab"),
        validate_choice=False,
        validators=[Optional(), Length(max=60)],
        description=_l("Optional: post it in one of your innovation labs."),
    )
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(), Length(max=500)],
        filters=[_strip],
        description=_l("Two or three sentences: the problem and what you did. Shown in lists."),
    )
    body = TextAreaField(
        _l("The initiative"),
        validators=[DataRequired(), Length(max=50_000)],
        filters=[_strip],
        description=_l(
            "Context, approach, partners, cost, lessons. Markdown: **bold**, lists, [links](https://…)."
        ),
    )
    country = SelectField(_l("Country"), validators=[DataRequired()])
    sector = SelectField(_l("Sector"), choices=_choices(v.SECTORS), validators=[DataRequired()])
    stage = SelectField(_l("Stage"), choices=_choices(v.STAGES), default=v.Stage.IDEA.value)
    sdgs = CheckboxesField(
        _l("Sustainable Development Goals"),
        choices=_sdg_choices(),
        coerce=int,
        validators=[Optional()],
    )
    outcomes = TextAreaField(
        _l("Outcomes and results"),
        validators=[Optional(), Length(max=20_000)],
        filters=[_strip],
        description=_l("What changed, with figures where you have them. Markdown."),
    )
    tags = StringField(
        _l("Tags"),
        validators=[Optional(), Length(max=300), _tags],
        description=_l("Up to 8, separated by commas: open-data, e-id, drones."),
    )
    links = TextAreaField(
        _l("Links"),
        validators=[Optional(), Length(max=5_500), _links],
        description=_l("One web address per line: project site, report, news."),
    )
    language = SelectField(_l("Language of this post"), choices=_choices(v.CONTENT_LANGUAGES))
    licence = RadioField(
        _l("Licence"),
        choices=[SelectChoice(lic.value, name) for lic, (name, _url) in v.LICENCES.items()],
        default=v.Licence.CC_BY.value,
        description=_l("Under which terms others may reuse this case. CC BY 4.0 asks only for credit."),
    )
    attachments = MultipleFileField(_l("Attachments"))
    token = HiddenField()
    preview = SubmitField(_l("Preview"))

    def __init__(self, *args, categories=(), labs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [SelectChoice("", _l("Choose a category"))] + [
            SelectChoice(str(category.id), category.name) for category in categories
        ]
        self.lab.choices = [SelectChoice("", _l("No lab"))] + [
            SelectChoice(lab.slug, lab.name) for lab in labs
        ]
        self.country.choices = [SelectChoice("", _l("Choose a country"))] + [
            SelectChoice(code, name) for code, name in v.country_choices()
        ]
        self.attachments.description = _(
            "Optional: PDF, CSV, XLSX, DOCX, PNG, JPEG or WebP, up to %(mb)d MB each.",
            mb=current_app.config["ATTACHMENT_MAX_BYTES"] // (1024 * 1024),
        )

    def to_data(self) -> InitiativeData:
        return InitiativeData(
            title=self.title.data,
            summary=self.summary.data,
            body=self.body.data,
            category_id=int(self.category.data),
            country=self.country.data,
            sector=self.sector.data,
            stage=v.Stage(self.stage.data),
            language=self.language.data,
            licence=v.Licence(self.licence.data),
            outcomes=self.outcomes.data or "",
            lab=self.lab.data or None,
            sdgs=sorted(set(self.sdgs.data or [])),
            tags=normalize_tags(self.tags.data),
            links=normalize_links(self.links.data),
        )


class EditInitiativeForm(InitiativeForm):
    remove_attachments = CheckboxesField(_l("Remove attachments"), coerce=int, validators=[Optional()])


class EditCommentForm(SiteForm):
    body = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(), Length(max=20_000)],
        filters=[_strip],
        description=_l("Markdown. Mention a member with @username to let them know."),
    )
    preview = SubmitField(_l("Preview"))


class CommentForm(EditCommentForm):
    language = SelectField(_l("Language of this comment"), choices=_choices(v.CONTENT_LANGUAGES))
    token = HiddenField()


class FilterForm(Form):
    """The list filters, read from the query string; a bad value is ignored, never an error."""

    country = SelectField(_l("Country"), validators=[Optional()])
    sector = SelectField(_l("Sector"), choices=[SelectChoice("", _l("Any"))] + _choices(v.SECTORS))
    sdg = SelectField(
        _l("Goal (SDG)"),
        choices=[SelectChoice("", _l("Any"))] + _sdg_choices(),
    )
    stage = SelectField(_l("Stage"), choices=[SelectChoice("", _l("Any"))] + _choices(v.STAGES))
    language = SelectField(
        _l("Language"), choices=[SelectChoice("", _l("Any"))] + _choices(v.CONTENT_LANGUAGES)
    )
    lab = SelectField(_l("Lab"), validators=[Optional()])
    seeking = SelectField(
        _l("Seeking"),
        choices=[
            SelectChoice("", _l("Any")),
            SelectChoice("partners", _l("Seeking partners")),
            SelectChoice("funding", _l("Seeking funding")),
        ],
    )
    sort = SelectField(_l("Sort by"), choices=_choices(v.SORTS), default="activity")

    def __init__(self, *args, labs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lab.choices = [SelectChoice("", _l("Any"))] + [SelectChoice(slug, name) for slug, name in labs]
        self.country.choices = [SelectChoice("", _l("Any"))] + [
            SelectChoice(code, name) for code, name in v.country_choices()
        ]

    def valid_values(self) -> dict[str, str]:
        """The filters whose value is one of the choices; the others are dropped."""
        self.validate()
        values = {}
        for name, f in self._fields.items():
            if f.data and not f.errors:
                values[name] = f.data
            elif f.errors:
                f.data = f.default  # shown as "Any": a bad value is dropped, not reported
            f.errors = []
        return values


class CategoryForm(SiteForm):
    """A forum category, as moderators add or edit it."""

    name = StringField(_l("Name"), filters=[_strip], validators=[DataRequired(), Length(min=3, max=120)])
    slug = StringField(
        _l("Web address"),
        filters=[_strip],
        description=_l(
            "The end of the category’s address, such as fisheries: lowercase letters, digits, hyphens"
        ),
        validators=[
            DataRequired(),
            Length(min=3, max=60),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lowercase letters, digits and hyphens.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[_strip],
        description=_l("One or two sentences shown at the top of the category's list."),
        validators=[Optional(), Length(max=300)],
        render_kw={"rows": 3},
    )
