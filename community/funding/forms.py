"""Funding forms: the shape of the input; the services check what needs more (dates, zones, amounts)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    Form,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from community import countries
from community.forms import SiteForm
from community.forum import vocabulary as fv
from community.forum.forms import CheckboxesField, _choices, _sdg_choices, _strip
from community.funding import vocabulary as v
from community.i18n.zones import zone_choices
from community.profiles.vocabulary import EXPERTISE

ANY = SelectChoice("", _l("Any"))


class CallForm(SiteForm):
    funder = StringField(_l("Funder"), filters=[_strip], validators=[DataRequired(), Length(max=160)])
    title = StringField(_l("Title"), filters=[_strip], validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary"), filters=[_strip], validators=[DataRequired(), Length(max=500)])
    details = TextAreaField(
        _l("Details"), description=_l("Markdown: **bold**, lists, links."), validators=[Length(max=20_000)]
    )
    kind = SelectField(_l("Kind of support"), choices=_choices(v.KINDS))
    amount_min = IntegerField(_l("Smallest amount"), validators=[Optional()])
    amount_max = IntegerField(_l("Largest amount"), validators=[Optional()])
    currency = SelectField(_l("Currency"), default="USD")
    opens = DateTimeLocalField(_l("Opens on"), validators=[DataRequired()])
    closes = DateTimeLocalField(_l("Closes on (the deadline)"), validators=[DataRequired()])
    timezone = SelectField(_l("Time zone of these dates"))
    whole_region = BooleanField(_l("Open to the whole region"))
    countries = SelectMultipleField(
        _l("Eligible countries"), description=_l("Leave empty when the whole region is eligible.")
    )
    sectors = CheckboxesField(_l("Sectors"), choices=_choices(fv.SECTORS))
    sdgs = CheckboxesField(_l("Sustainable Development Goals"), choices=_sdg_choices(), coerce=int)
    languages = CheckboxesField(_l("Languages of the call"), choices=_choices(fv.CONTENT_LANGUAGES))
    apply_url = StringField(
        _l("Link to apply"), filters=[_strip], validators=[DataRequired(), Length(max=500)]
    )
    contact = StringField(_l("Contact"), filters=[_strip], validators=[Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency.choices = v.currency_choices()
        self.timezone.choices = zone_choices()
        self.countries.choices = countries.country_choices()


class FilterForm(Form):
    """The list's filters, read from the query string; a bad value is dropped, never an error."""

    country = SelectField(_l("Eligible country"))
    sector = SelectField(_l("Sector"), choices=[ANY, *_choices(fv.SECTORS)])
    sdg = SelectField(_l("Goal (SDG)"), choices=[ANY, *_sdg_choices()])
    kind = SelectField(_l("Kind of support"), choices=[ANY, *_choices(v.KINDS)])
    status = SelectField(_l("Status"), choices=[ANY, *_choices(v.STATUSES)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [ANY, *countries.country_choices()]

    def valid_values(self) -> dict[str, str]:
        self.validate()
        values = {}
        for name, f in self._fields.items():
            if f.data and not f.errors:
                values[name] = f.data
            elif f.errors:
                f.data = ""
            f.errors = []
        return values


class AlertForm(SiteForm):
    mode = RadioField(_l("Tell me of new funding calls that fit my country and sectors"),
                      choices=_choices(v.ALERT_MODES), default="never")  # fmt: skip
    sectors = CheckboxesField(
        _l("My sectors"), choices=_choices(fv.SECTORS), description=_l("None chosen: calls of any sector.")
    )


class NeedForm(SiteForm):
    partner_countries = SelectMultipleField(_l("Partner countries sought"))
    expertise = CheckboxesField(_l("Expertise sought"), choices=_choices(EXPERTISE))
    cofunding_amount = IntegerField(_l("Co-funding sought (amount)"), validators=[Optional()])
    cofunding_currency = SelectField(_l("Currency of the co-funding"), default="USD")
    technical_assistance = BooleanField(_l("Technical assistance sought"))
    note = TextAreaField(_l("A short note"), filters=[_strip], validators=[Length(max=500)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_countries.choices = countries.country_choices()
        self.cofunding_currency.choices = v.currency_choices()


class OfferForm(SiteForm):
    role = RadioField(_l("The role you offer"), choices=_choices(v.ROLES), validators=[DataRequired()])
    message = TextAreaField(_l("Message to the author"), filters=[_strip],
                            validators=[DataRequired(), Length(max=1000)])  # fmt: skip


class ApplicationForm(SiteForm):
    call = SelectField(_l("Funding call"), coerce=int, validators=[DataRequired()])
    is_public = BooleanField(_l("Show on the call's page that this initiative applies"), default=True)


class PartnerForm(SiteForm):
    username = StringField(_l("Username of the member"), filters=[_strip],
                           validators=[DataRequired(), Length(max=30)])  # fmt: skip
