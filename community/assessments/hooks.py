"""What this feature adds to others: its command, and its part of a member's data download."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.assessments import cli
from community.assessments.blueprint import bp
from community.assessments.models import Action, Assessment, Round
from community.auth.models import User
from community.extensions import db
from community.profiles import export


@bp.record_once
def _commands(state) -> None:
    cli.init_app(state.app)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _assessment_entry(assessment: Assessment) -> dict:
    answers = [
        {"statement": a.statement, "rating": a.rating, "dont_know": a.rating is None, "note": a.note}
        for a in assessment.answers
    ]
    return {
        "id": assessment.id,
        "round_id": assessment.round_id,
        "organization": assessment.organization,
        "framework": {"key": assessment.framework.key, "version": assessment.framework.version},
        "status": str(assessment.status),
        "shared": assessment.shared,
        "created_at": _iso(assessment.created_at),
        "submitted_at": _iso(assessment.submitted_at),
        "answers": answers,
    }


def assessments_of(user: User) -> dict:
    """The member's own ratings (self-assessments and their part in rounds) and the rounds they facilitate."""
    own = db.session.scalars(
        select(Assessment)
        .where(Assessment.owner_id == user.id)
        .options(selectinload(Assessment.answers), selectinload(Assessment.framework))
        .order_by(Assessment.id)
    )
    actions = db.session.scalars(
        select(Action)
        .join(Assessment, Assessment.id == Action.assessment_id)
        .where(Assessment.owner_id == user.id)
    )
    facilitated = db.session.scalars(
        select(Round)
        .where(Round.facilitator_id == user.id)
        .options(selectinload(Round.team))
        .order_by(Round.id)
    )
    plan = [
        {
            "assessment_id": a.assessment_id,
            "action": a.text,
            "owner": a.owner,
            "due_on": _iso(a.due_on),
            "done": a.done,
        }
        for a in actions
    ]
    rounds = [
        {"id": r.id, "team": r.team.name, "country": r.team.country, "closes_on": _iso(r.closes_on),
         "published_at": _iso(r.published_at)}
        for r in facilitated
    ]  # fmt: skip
    return {
        "assessments": [_assessment_entry(a) for a in own],
        "action_plan": plan,
        "rounds_facilitated": rounds,
    }


export.register_section("capability_assessments", assessments_of)
