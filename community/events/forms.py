"""Event forms: input shape only; the services check what needs the database or the clock."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from community.events.evaluations import ANSWER_LIMIT, Answers
from community.events.models import Event
from community.events.services import EventDetails
from community.forms import SiteForm
from community.i18n.forms import language_choices
from community.i18n.zones import zone_choices
from community.labs.forms import web_url

LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(SiteForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    series_id = SelectField(_l("Series"), coerce=str, validate_choice=False)
    starts_at = DateTimeLocalField(_l("Starts"), format=LOCAL_FORMATS, validators=[InputRequired()])
    ends_at = DateTimeLocalField(_l("Ends"), format=LOCAL_FORMATS, validators=[InputRequired()])
    timezone = SelectField(
        _l("Time zone"),
        description=_l("The start, end and deadline are in this time zone; each reader sees them in theirs."),
        validate_choice=False,  # the service names an unknown zone next to the field
    )
    online_url = URLField(
        _l("Online meeting link"),
        description=_l("Shown only to registered members."),
        validators=[Optional(), web_url, Length(max=1000)],
    )
    place = StringField(_l("Place"), validators=[Length(max=200)])
    languages = CheckboxesField(_l("Languages of the session"))
    capacity = IntegerField(
        _l("Places"),
        description=_l("Leave empty for no limit; when it is full, members join a waiting list."),
        validators=[Optional(), NumberRange(min=1, max=100000)],
    )
    registration_deadline = DateTimeLocalField(
        _l("Registration closes"),
        description=_l("Leave empty to take registrations until the start."),
        format=LOCAL_FORMATS,
        validators=[Optional()],
    )
    description = TextAreaField(
        _l("Description"), description=_l("Markdown: **bold**, lists, links."), validators=[Length(max=20000)]
    )
    extra_questions = TextAreaField(
        _l("Your own evaluation questions"),
        description=_l("One question a line; participants answer them after the session."),
        validators=[Length(max=2000)],
    )

    def __init__(self, *args, series=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()
        self.languages.choices = language_choices()
        self.series_id.choices = [SelectChoice("", _l("Not part of a series"))] + [
            SelectChoice(str(s.id), s.title) for s in series
        ]

    @classmethod
    def for_event(cls, event: Event, series=()) -> EventForm:
        """The form filled with a session, its times in the organisers' time zone."""
        deadline = event.deadline_local
        return cls(
            series=series,
            data={
                "title": event.title,
                "series_id": str(event.series_id or ""),
                "starts_at": event.starts_local.replace(tzinfo=None),
                "ends_at": event.ends_local.replace(tzinfo=None),
                "timezone": event.timezone,
                "online_url": event.online_url,
                "place": event.place,
                "languages": event.language_codes,
                "capacity": event.capacity,
                "registration_deadline": deadline.replace(tzinfo=None) if deadline else None,
                "description": event.description,
                "extra_questions": event.extra_questions,
            },
        )

    def details(self) -> EventDetails:
        series = self.series_id.data or ""
        return EventDetails(
            title=self.title.data,
            starts_local=self.starts_at.data,
            ends_local=self.ends_at.data,
            timezone=(self.timezone.data or "").strip(),
            description=self.description.data or "",
            online_url=self.online_url.data or None,
            place=self.place.data or None,
            languages=[
                code for code in (self.languages.data or []) if code in current_app.config["LANGUAGES"]
            ],
            capacity=self.capacity.data,
            deadline_local=self.registration_deadline.data,
            extra_questions=self.extra_questions.data or "",
            series_id=int(series) if series.isdigit() else None,
        )


class SeriesForm(SiteForm):
    title = StringField(_l("Title of the series"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("What the series is about"), validators=[Length(max=20000)])


class MaterialForm(SiteForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    url = URLField(_l("Link"), validators=[Optional(), web_url, Length(max=1000)])
    document = FileField(
        _l("Or a document"), description=_l("PDF, office document, CSV, text or image; 10 MB at most.")
    )


class CheckInForm(SiteForm):
    code = StringField(
        _l("Check-in code"),
        description=_l("The organisers give it during the session."),
        validators=[DataRequired(), Length(max=20)],
    )


class AttendanceForm(SiteForm):
    attended = CheckboxesField(_l("Who attended"), coerce=int, validate_choice=False)


RATING_CHOICES = [SelectChoice(str(rating), str(rating)) for rating in range(1, 6)]


class EvaluationForm(SiteForm):
    rating = RadioField(
        _l("Overall, how would you rate the session?"),
        description=_l("1 is poor, 5 is excellent."),
        choices=RATING_CHOICES,
        validate_choice=False,  # the service answers a rating of 0 or 6
    )
    liked = TextAreaField(
        _l("What did you like?"),
        description=_l("The organisers may quote this answer, without your name, on the event's page."),
        validators=[Length(max=ANSWER_LIMIT)],
    )
    liked_less = TextAreaField(_l("What did you like less?"), validators=[Length(max=ANSWER_LIMIT)])
    differently = TextAreaField(
        _l("What would you do differently next time?"), validators=[Length(max=ANSWER_LIMIT)]
    )
    anonymous = BooleanField(_l("Answer anonymously: not even the organisers see my name"))

    def answers(self, questions: list[str], form_data) -> Answers:
        rating = self.rating.data
        extra = {question: form_data.get(f"question-{index}", "") for index, question in enumerate(questions)}
        return Answers(
            rating=int(rating) if isinstance(rating, str) and rating.isdigit() else None,
            liked=self.liked.data or "",
            liked_less=self.liked_less.data or "",
            differently=self.differently.data or "",
            extra=extra,
            anonymous=bool(self.anonymous.data),
        )


class SearchForm(SiteForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search events"), validators=[Optional(), Length(max=200)])
