"""What a flag or an action points at: an initiative, a comment, a member or a lab, loaded by kind and id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.assessments.models import Round
from community.auth.models import User
from community.events.models import Event
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.funding.models import Call
from community.labs.models import Lab
from community.messages.models import Message
from community.moderation.models import TargetKind
from community.urls import path_for

MODELS = {
    TargetKind.INITIATIVE: Initiative,
    TargetKind.COMMENT: Comment,
    TargetKind.MEMBER: User,
    TargetKind.LAB: Lab,
    TargetKind.EVENT: Event,
    TargetKind.TEAM_RESULT: Round,
    TargetKind.CALL: Call,
    TargetKind.MESSAGE: Message,
}
_EAGER = {
    TargetKind.INITIATIVE: (selectinload(Initiative.author),),
    TargetKind.COMMENT: (selectinload(Comment.author), selectinload(Comment.initiative)),
    TargetKind.MEMBER: (),
    TargetKind.LAB: (selectinload(Lab.proposed_by),),
    TargetKind.EVENT: (selectinload(Event.author),),
    TargetKind.TEAM_RESULT: (selectinload(Round.team), selectinload(Round.facilitator)),
    TargetKind.CALL: (selectinload(Call.author),),
    TargetKind.MESSAGE: (selectinload(Message.author), selectinload(Message.conversation)),
}


def parse_kind(value: str) -> TargetKind | None:
    """The kind named in a URL, or None for a forged one."""
    try:
        return TargetKind(value)
    except ValueError:
        return None


def load(kind: TargetKind, target_id: int):
    return db.session.get(MODELS[kind], target_id)


def load_many(keys: Iterable[tuple[TargetKind, int]]) -> dict[tuple[TargetKind, int], object]:
    """Every target of ``keys``, one query per kind whatever their number."""
    wanted: dict[TargetKind, set[int]] = {}
    for kind, target_id in keys:
        wanted.setdefault(kind, set()).add(target_id)
    found = {}
    for kind, ids in wanted.items():
        model = MODELS[kind]
        for row in db.session.scalars(select(model).where(model.id.in_(ids)).options(*_EAGER[kind])):
            found[(kind, row.id)] = row
    return found


@dataclass(frozen=True)
class Described:
    kind: TargetKind
    target: object
    title: str
    url: str
    owner: User | None
    excerpt: str = ""


path = path_for  # kept for branches written before community.urls


def owner_of(kind: TargetKind, target) -> User | None:
    """The member the target belongs to: its author, its proposer, or the member themself."""
    if kind == TargetKind.MEMBER:
        return target
    if kind == TargetKind.LAB:
        return target.proposed_by
    return target.author


def describe(kind: TargetKind, target) -> Described:
    """A title, a link and the owner of a target, for the queue, the log and notifications."""
    owner = owner_of(kind, target)
    if kind == TargetKind.INITIATIVE:
        url = path_for("forum.show", initiative_id=target.id)
        return Described(kind, target, target.title, url, owner, target.summary)
    if kind == TargetKind.COMMENT:
        url = path_for("forum.show", initiative_id=target.initiative_id) + f"#comment-{target.id}"
        return Described(kind, target, target.initiative.title, url, owner, target.body[:300])
    if kind == TargetKind.CALL:
        url = path("funding.show", call_id=target.id)
        return Described(kind, target, target.title, url, owner, target.summary)
    if kind == TargetKind.MEMBER:
        url = path_for("profiles.show", username=target.username)
        return Described(kind, target, f"@{target.username}", url, owner)
    if kind == TargetKind.EVENT:
        url = path_for("events.show", event_id=target.id)
        return Described(kind, target, target.title, url, owner, target.description[:300])
    if kind == TargetKind.TEAM_RESULT:
        url = path_for("assessments.round_show", round_id=target.id)
        return Described(kind, target, target.team.name, url, owner, target.summary[:300])
    if kind == TargetKind.MESSAGE:
        url = path_for("messages.show", conversation_id=target.conversation_id) + f"#message-{target.id}"
        return Described(kind, target, target.conversation.subject, url, owner, target.body[:300])
    url = path_for("labs.show", slug=target.slug)
    return Described(kind, target, target.name, url, owner, target.short_description)
