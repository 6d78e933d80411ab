"""Participants evaluate a session once it has ended; one evaluation each, editable until closed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.models import User
from community.events.errors import EventError
from community.events.models import Evaluation, Event
from community.events.registrations import registration_of
from community.extensions import db
from community.utils import utcnow

ANSWER_LIMIT = 4000


@dataclass
class Answers:
    rating: int | None
    liked: str = ""
    liked_less: str = ""
    differently: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # the organisers' question -> answer
    anonymous: bool = False


def evaluation_of(user: User, event: Event) -> Evaluation | None:
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(Evaluation).where(Evaluation.event_id == event.id, Evaluation.user_id == user.id)
    )


def may_evaluate(user: User, event: Event) -> bool:
    """The member is one of those invited to evaluate (times and closing are checked on saving)."""
    return permissions.can_evaluate_event(user, event, registration_of(user, event))


def check_open(event: Event) -> None:
    if not event.has_ended(utcnow()):
        raise EventError(_("You can evaluate the session once it has ended."))
    if event.evaluation_closed:
        raise EventError(_("The organisers have closed the evaluation."))


def save(user: User, event: Event, answers: Answers) -> Evaluation:
    """Store the member's evaluation, or change the one they gave."""
    if not may_evaluate(user, event):
        raise EventError(_("Only participants of the session can evaluate it."))
    check_open(event)
    if answers.rating is None or not 1 <= answers.rating <= 5:
        raise EventError(_("Choose a rating from 1 to 5."), field="rating")
    extra = {
        question: (answers.extra.get(question) or "").strip()[:ANSWER_LIMIT] for question in event.questions
    }
    evaluation = evaluation_of(user, event)
    if evaluation is None:
        evaluation = Evaluation(event_id=event.id, user_id=user.id)
        db.session.add(evaluation)
    evaluation.rating = answers.rating
    evaluation.liked = answers.liked.strip()[:ANSWER_LIMIT]
    evaluation.liked_less = answers.liked_less.strip()[:ANSWER_LIMIT]
    evaluation.differently = answers.differently.strip()[:ANSWER_LIMIT]
    evaluation.answers_json = json.dumps(extra, ensure_ascii=False)
    evaluation.anonymous = answers.anonymous
    evaluation.quoted = evaluation.quoted and bool(evaluation.liked)
    try:
        db.session.commit()
    except IntegrityError as error:  # a second tab saved first
        db.session.rollback()
        raise EventError(_("Your evaluation was saved in another window: reload the page.")) from error
    return evaluation
