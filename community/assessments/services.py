"""The assessments' use cases; each public function is one transaction."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from community import permissions
from community.assessments import framework as framework_file
from community.assessments.errors import AssessmentError
from community.assessments.models import (
    Action,
    Answer,
    Assessment,
    Consensus,
    Framework,
    InitiativeDimension,
    Participant,
    Round,
    Status,
    Team,
    TeamKind,
)
from community.auth.identity import is_email, normalize_email, username_key
from community.auth.models import User
from community.extensions import db
from community.notifications.services import notify, register_kind
from community.utils import utcnow

Ratings = dict[str, tuple[int | None, str]]  # statement id -> (rating or None for "don't know", note)
MAX_INVITEES = 50

register_kind(
    "assessment_round", _l("%(actor)s invited you to a capability assessment round: “%(subject)s”.")
)


def load_framework(data: dict) -> Framework:
    """Store a checked framework file; a version is loaded once and never changed."""
    if _framework(data["key"], data["version"]) is not None:
        raise AssessmentError(
            _(
                "Version %(version)s of “%(key)s” is loaded already: give the new file another version.",
                version=data["version"],
                key=data["key"],
            )
        )
    found = Framework(key=data["key"], version=data["version"], data=data)
    db.session.add(found)
    db.session.commit()
    return found


def _framework(key: str, version: str) -> Framework | None:
    return db.session.scalar(select(Framework).where(Framework.key == key, Framework.version == version))


def _latest_framework(key: str | None = None) -> Framework:
    """The newest loaded framework of ``key`` (the shipped one when none is loaded yet, added here)."""
    shipped = framework_file.shipped()
    query = select(Framework).where(Framework.key == (key or shipped["key"])).order_by(Framework.id.desc())
    found = db.session.scalars(query.limit(1)).first()
    if found is None:
        if key not in (None, shipped["key"]):
            raise AssessmentError(_("There is no such framework."), field="framework")
        found = Framework(key=shipped["key"], version=shipped["version"], data=shipped)
        db.session.add(found)
        db.session.flush()
    return found


def start_assessment(user: User, organization: str, framework_key: str | None = None) -> Assessment:
    """Begin a self-assessment, as a draft, with the newest version of the framework."""
    if not permissions.can_take_assessment(user):
        raise AssessmentError(_("Only confirmed members take assessments."))
    assessment = Assessment(
        framework=_latest_framework(framework_key), owner_id=user.id, organization=organization.strip()[:200]
    )
    db.session.add(assessment)
    db.session.commit()
    return assessment


def save_dimension(user: User, assessment: Assessment, dimension_id: str, ratings: Ratings) -> None:
    """Keep the answers given on one dimension's page (a draft: unanswered statements may wait)."""
    if not permissions.can_edit_assessment(user, assessment):
        raise AssessmentError(_("This assessment can no longer be changed."))
    dimension = assessment.framework.dimension(dimension_id)
    if dimension is None:
        raise AssessmentError(_("There is no such dimension."))
    scale = assessment.framework.scale
    kept = assessment.answer_map()
    for statement in dimension["statements"]:
        sid = statement["id"]
        if sid not in ratings:
            if sid in kept:
                assessment.answers.remove(kept[sid])
            continue
        rating, note = ratings[sid]
        if rating is not None and not scale["min"] <= rating <= scale["max"]:
            raise AssessmentError(
                _("Ratings go from %(low)d to %(high)d.", low=scale["min"], high=scale["max"]), field=sid
            )
        answer = kept.get(sid) or Answer(statement=sid)
        answer.rating, answer.note = rating, (note or "").strip()[:2000]
        if sid not in kept:
            assessment.answers.append(answer)
    assessment.updated_at = utcnow()
    db.session.commit()


def missing_statements(assessment: Assessment) -> list[str]:
    answered = assessment.answer_map()
    return [sid for sid in assessment.framework.statement_ids if sid not in answered]


def submit_assessment(user: User, assessment: Assessment) -> None:
    """Submit a complete assessment: every statement rated or marked "don't know"."""
    if not permissions.can_edit_assessment(user, assessment):
        raise AssessmentError(_("This assessment can no longer be changed."))
    if missing_statements(assessment):
        raise AssessmentError(_("Rate every statement, or mark it “don't know”, before submitting."))
    assessment.status = Status.SUBMITTED
    assessment.submitted_at = assessment.updated_at = utcnow()
    db.session.commit()


def set_shared(user: User, assessment: Assessment, shared: bool) -> None:
    if user.id != assessment.owner_id or assessment.round_id is not None:
        raise AssessmentError(_("Only the author shares a self-assessment."))
    assessment.shared = shared
    db.session.commit()


def find_members(names: list[str]) -> tuple[list[User], list[str]]:
    """The members named by username or e-mail address, and the names that match none."""
    found: list[User] = []
    unknown: list[str] = []
    for name in names:
        if is_email(name) and not name.startswith("@"):
            try:
                user = db.session.scalar(select(User).where(User.email == normalize_email(name)))
            except ValueError:
                user = None
        else:
            user = db.session.scalar(select(User).where(User.username_key == username_key(name.lstrip("@"))))
        if user is None or not permissions.is_listed(user):
            unknown.append(name)
        elif all(user.id != other.id for other in found):  # User compares by session id: compare ids
            found.append(user)
    return found, unknown


def open_round(
    facilitator: User, team: dict, closes_on: date, invitees: list[str], previous: Round | None = None
) -> Round:
    """Open a round for a team (a new one, or ``previous``'s team repeating) and invite its members."""
    if not permissions.can_open_round(facilitator):
        raise AssessmentError(_("Only confirmed members open rounds."))
    if closes_on <= utcnow().date():
        raise AssessmentError(_("The closing date must be in the future."), field="closes_on")
    members, unknown = find_members(invitees)
    if unknown:
        raise AssessmentError(
            _("No member has this name or address: %(names)s", names=", ".join(unknown)), field="invitees"
        )
    if previous is not None:
        known = {member.id for member in members}
        members += [p.user for p in previous.participants if p.user is not None and p.user_id not in known]
    if len(members) > MAX_INVITEES:
        raise AssessmentError(_("Invite at most %(count)d members.", count=MAX_INVITEES), field="invitees")
    if previous is not None:
        found_team = previous.team
    else:
        found_team = Team(
            name=team["name"].strip()[:120],
            kind=TeamKind(team["kind"]),
            country=team["country"],
            lab_id=team.get("lab_id"),
        )
    round_ = Round(
        team=found_team,
        framework=previous.framework if previous is not None else _latest_framework(team.get("framework")),
        facilitator_id=facilitator.id,
        closes_on=closes_on,
    )
    db.session.add(round_)
    _invite(round_, facilitator, [facilitator, *members])
    db.session.commit()
    return round_


def _invite(round_: Round, facilitator: User, members: list[User]) -> None:
    already = {p.user_id for p in round_.participants}
    db.session.flush()
    for member in members:
        if member.id in already:
            continue
        round_.participants.append(Participant(user_id=member.id))
        already.add(member.id)
        notify(
            member,
            "assessment_round",
            round_.team.name,
            f"/assessments/rounds/{round_.id}",
            actor=facilitator,
        )


def invite(facilitator: User, round_: Round, invitees: list[str]) -> int:
    """Invite more members while the round is open; returns how many were new."""
    if not permissions.can_manage_round(facilitator, round_) or round_.is_closed(utcnow().date()):
        raise AssessmentError(_("Members are invited only while the round is open."))
    members, unknown = find_members(invitees)
    if unknown:
        raise AssessmentError(
            _("No member has this name or address: %(names)s", names=", ".join(unknown)), field="invitees"
        )
    before = len(round_.participants)
    if before + len(members) > MAX_INVITEES + 1:
        raise AssessmentError(_("Invite at most %(count)d members.", count=MAX_INVITEES), field="invitees")
    _invite(round_, facilitator, members)
    db.session.commit()
    return len(round_.participants) - before


def take_part(user: User, round_: Round, participant: Participant | None) -> Assessment:
    """The participant's own ratings for the round, begun on their first visit."""
    if not permissions.can_rate_in_round(user, round_, participant):
        raise AssessmentError(_("This round takes no more answers."))
    found = db.session.scalar(
        select(Assessment).where(Assessment.round_id == round_.id, Assessment.owner_id == user.id)
    )
    if found is None:
        found = Assessment(
            framework=round_.framework, owner_id=user.id, round=round_, organization=round_.team.name
        )
        db.session.add(found)
        db.session.commit()
    return found


def close_round(user: User, round_: Round) -> None:
    if not permissions.can_manage_round(user, round_) or round_.is_closed(utcnow().date()):
        raise AssessmentError(_("This round is closed already."))
    round_.closed_at = utcnow()
    db.session.commit()


def save_consensus(user: User, round_: Round, participant, ratings: Ratings) -> None:
    """Keep the scores the team agreed, statement by statement, with a note each."""
    if not permissions.can_agree_consensus(user, round_, participant):
        raise AssessmentError(_("The consensus is agreed after the close and before publishing."))
    scale, kept = round_.framework.scale, round_.consensus_map()
    for sid, (rating, note) in ratings.items():
        if sid not in round_.framework.statement_ids:
            raise AssessmentError(_("There is no such statement."))
        if rating is not None and not scale["min"] <= rating <= scale["max"]:
            raise AssessmentError(
                _("Ratings go from %(low)d to %(high)d.", low=scale["min"], high=scale["max"]), field=sid
            )
        row = kept.get(sid) or Consensus(statement=sid)
        row.rating, row.note = rating, (note or "").strip()[:2000]
        if sid not in kept:
            round_.consensus.append(row)
    db.session.commit()


def publish_round(user: User, round_: Round, summary: str) -> None:
    """Publish the team's result once every statement has its consensus."""
    if not permissions.can_manage_round(user, round_) or not round_.is_closed(utcnow().date()):
        raise AssessmentError(_("Only the facilitator publishes a closed round."))
    agreed = round_.consensus_map()
    if any(sid not in agreed for sid in round_.framework.statement_ids):
        raise AssessmentError(_("Agree a consensus on every statement before publishing."))
    round_.summary = summary.strip()[:5000]
    round_.published_at = utcnow()
    db.session.commit()


def add_action(
    user: User,
    text: str,
    owner: str,
    due_on: date | None,
    *,
    round_: Round | None = None,
    assessment: Assessment | None = None,
    participant=None,
) -> Action:
    """Add a step to a result's action plan."""
    allowed = (
        permissions.can_keep_round_plan(user, round_, participant)
        if round_ is not None
        else assessment is not None and permissions.can_keep_assessment_plan(user, assessment)
    )
    if not allowed:
        raise AssessmentError(_("You cannot change this action plan."))
    action = Action(
        round_id=round_.id if round_ else None,
        assessment_id=assessment.id if assessment else None,
        text=text.strip()[:500],
        owner=owner.strip()[:120],
        due_on=due_on,
    )
    db.session.add(action)
    db.session.commit()
    return action


def update_action(action: Action, done: bool, remove: bool) -> None:
    """Mark a step done (or not), or take it off the plan; the view checked who may."""
    if remove:
        db.session.delete(action)
    else:
        action.done = done
    db.session.commit()


def tag_initiative(initiative, dimensions: list[str]) -> None:
    """Say which capability dimensions an initiative works on (the forum's optional field)."""
    known = {d["id"] for d in _latest_framework().dimensions}
    if any(d not in known for d in dimensions):
        raise AssessmentError(_("There is no such dimension."), field="dimensions")
    db.session.execute(delete(InitiativeDimension).where(InitiativeDimension.initiative_id == initiative.id))
    db.session.add_all(
        InitiativeDimension(initiative_id=initiative.id, dimension=d) for d in sorted(set(dimensions))
    )
    db.session.commit()
