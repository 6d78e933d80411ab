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
    return {
        "assessments": [
            {
                "id": a.id,
                "round_id": a.round_id,
                "organization": a.organization,
                "framework": {"key": a.framework.key, "version": a.framework.version},
                "status": str(a.status),
                "shared": a.shared,
                "created_at": _iso(a.created_at),
                "submitted_at": _iso(a.submitted_at),
                "answers": [
                    {
                        "statement": x.statement,
                        "rating": x.rating,
                        "dont_know": x.rating is None,
                        "note": x.note,
                    }
                    for x in a.answers
                ],
            }
            for a in own
        ],
        "action_plan": [
            {
                "assessment_id": x.assessment_id,
                "action": x.text,
                "owner": x.owner,
                "due_on": _iso(x.due_on),
                "done": x.done,
            }
            for x in actions
        ],
        "rounds_facilitated": [
            {
                "id": r.id,
                "team": r.team.name,
                "country": r.team.country,
                "closes_on": _iso(r.closes_on),
                "published_at": _iso(r.published_at),
            }
            for r in facilitated
        ],
    }


export.register_section("capability_assessments", assessments_of)
