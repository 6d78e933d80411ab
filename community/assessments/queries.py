"""What the assessment pages read: eager-loaded, no writes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community.assessments import framework as framework_file
from community.assessments.models import (
    Action,
    Assessment,
    Framework,
    InitiativeDimension,
    Participant,
    Round,
    Team,
)
from community.extensions import db
from community.forum.models import Initiative
from community.labs.models import Lab


def frameworks() -> list[Framework]:
    return list(db.session.scalars(select(Framework).order_by(Framework.key, Framework.id)))


def assessment(assessment_id: int) -> Assessment | None:
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.id == assessment_id)
        .options(
            selectinload(Assessment.answers),
            selectinload(Assessment.framework),
            selectinload(Assessment.round),
        )
    )


def own_assessments(user) -> list[Assessment]:
    """The member's self-assessments, newest first."""
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.owner_id == user.id, Assessment.round_id.is_(None))
            .options(selectinload(Assessment.framework), selectinload(Assessment.answers))
            .order_by(Assessment.id.desc())
        )
    )


def round_(round_id: int) -> Round | None:
    return db.session.scalar(
        select(Round)
        .where(Round.id == round_id)
        .options(
            selectinload(Round.team).selectinload(Team.lab),
            selectinload(Round.framework),
            selectinload(Round.facilitator),
            selectinload(Round.participants).selectinload(Participant.user),
            selectinload(Round.consensus),
            selectinload(Round.actions),
        )
    )


def participant(round_: Round, user) -> Participant | None:
    if not user.is_authenticated:
        return None
    return next((p for p in round_.participants if p.user_id == user.id), None)


def own_rounds(user) -> list[Round]:
    """Rounds the member facilitates or takes part in, newest first."""
    taking_part = select(Participant.round_id).where(Participant.user_id == user.id)
    return list(
        db.session.scalars(
            select(Round)
            .where((Round.facilitator_id == user.id) | Round.id.in_(taking_part))
            .options(selectinload(Round.team), selectinload(Round.participants))
            .order_by(Round.id.desc())
        )
    )


def published_rounds(limit: int = 50) -> list[Round]:
    """Visible published team results, newest first."""
    return list(
        db.session.scalars(
            select(Round)
            .where(Round.published_at.is_not(None), Round.is_hidden.is_(False))
            .options(selectinload(Round.team), selectinload(Round.consensus), selectinload(Round.framework))
            .order_by(Round.published_at.desc())
            .limit(limit)
        )
    )


def answer_sets(round_: Round) -> list[dict[str, int | None]]:
    """Each participant's submitted ratings, without names: the spread reads only these."""
    rows = db.session.scalars(
        select(Assessment)
        .where(Assessment.round_id == round_.id, Assessment.status == "submitted")
        .options(selectinload(Assessment.answers))
    )
    return [{a.statement: a.rating for a in row.answers} for row in rows]


def submitted_count(round_: Round) -> int:
    return db.session.scalar(
        select(func.count(Assessment.id)).where(
            Assessment.round_id == round_.id, Assessment.status == "submitted"
        )
    )


def previous_round(round_: Round) -> Round | None:
    """The team's published round before this one."""
    return db.session.scalars(
        select(Round)
        .where(Round.team_id == round_.team_id, Round.id < round_.id, Round.published_at.is_not(None))
        .options(selectinload(Round.consensus))
        .order_by(Round.id.desc())
        .limit(1)
    ).first()


def latest_published_per_team(key: str) -> list[Round]:
    """Each team's newest visible published result on a framework of ``key``."""
    newest = (
        select(func.max(Round.id))
        .join(Framework, Framework.id == Round.framework_id)
        .where(Round.published_at.is_not(None), Round.is_hidden.is_(False), Framework.key == key)
        .group_by(Round.team_id)
    )
    return list(
        db.session.scalars(
            select(Round)
            .where(Round.id.in_(newest))
            .options(
                selectinload(Round.team),
                selectinload(Round.consensus),
                selectinload(Round.framework),
                selectinload(Round.participants),
            )
        )
    )


def initiatives_for(dimensions: list[str], limit: int = 5) -> dict[str, list[Initiative]]:
    """Visible initiatives tagged with each dimension, newest first."""
    found: dict[str, list[Initiative]] = {d: [] for d in dimensions}
    if not dimensions:
        return found
    rows = db.session.execute(
        select(InitiativeDimension.dimension, Initiative)
        .join(Initiative, Initiative.id == InitiativeDimension.initiative_id)
        .where(InitiativeDimension.dimension.in_(dimensions), Initiative.is_hidden.is_(False))
        .options(selectinload(Initiative.lab))
        .order_by(Initiative.id.desc())
        .limit(50 * len(dimensions))
    )
    for dimension, initiative in rows:
        if len(found[dimension]) < limit:
            found[dimension].append(initiative)
    return found


def labs_for(initiatives: dict[str, list[Initiative]]) -> dict[str, list[Lab]]:
    """Active labs whose initiatives work on each dimension."""
    labs: dict[str, list[Lab]] = {}
    for dimension, items in initiatives.items():
        seen = []
        for item in items:
            if item.lab is not None and item.lab.is_active and item.lab not in seen:
                seen.append(item.lab)
        labs[dimension] = seen
    return labs


def dimensions_of(initiative_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(InitiativeDimension.dimension).where(InitiativeDimension.initiative_id == initiative_id)
        )
    )


def assessment_actions(assessment: Assessment) -> list[Action]:
    return list(
        db.session.scalars(select(Action).where(Action.assessment_id == assessment.id).order_by(Action.id))
    )


def newest_framework(key: str = "digital-government") -> Framework | None:
    """The newest loaded version of a framework; the shipped file, unsaved, before any is loaded."""
    found = db.session.scalars(
        select(Framework).where(Framework.key == key).order_by(Framework.id.desc()).limit(1)
    ).first()
    if found is None and key == "digital-government":
        data = framework_file.shipped()
        found = Framework(key=data["key"], version=data["version"], data=data)
    return found


def framework_choices() -> list[tuple[str, dict]]:
    """The newest version of the shipped framework and of each other loaded one, by key."""
    shipped = newest_framework()
    newest: dict[str, Framework] = {shipped.key: shipped}
    for found in frameworks():
        newest[found.key] = found
    return [(key, found.data["name"]) for key, found in newest.items()]
