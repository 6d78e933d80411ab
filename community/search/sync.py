"""The index follows every write in the writer's own transaction, without the features calling it.

After each flush, the initiatives, comments, profiles (and their accounts) and labs that the flush
added, changed or deleted get their documents rewritten or removed, with plain SQL on the same
connection: a rolled-back write leaves no document behind, a committed one is searchable at once.
"""

from __future__ import annotations

from sqlalchemy import delete, event, inspect, not_, select
from sqlalchemy.orm import Session

from community.assessments.models import Round
from community.auth.models import User
from community.forum.models import Comment, Initiative
from community.funding.models import Call, CallTerm
from community.labs.models import Lab, LabCountry
from community.profiles.models import Profile, ProfileExpertise, ProfileLanguage, ProfileTag
from community.search import engine
from community.search.documents import CALL, COMMENT, INITIATIVE, LAB, MEMBER, TEAM_RESULT, refresh
from community.search.models import SearchDocument

MODELS = {INITIATIVE: Initiative, COMMENT: Comment, MEMBER: Profile, LAB: Lab, TEAM_RESULT: Round, CALL: Call}
# Rows that are a searchable thing themselves: deleting them removes its documents.
_OWN = {Initiative: INITIATIVE, Comment: COMMENT, Profile: MEMBER, Lab: LAB, Round: TEAM_RESULT, Call: CALL}
# Rows whose change changes the documents of the thing they belong to.
_PARTS = {
    User: (MEMBER, "id"),
    ProfileTag: (MEMBER, "profile_id"),
    ProfileExpertise: (MEMBER, "profile_id"),
    ProfileLanguage: (MEMBER, "profile_id"),
    LabCountry: (LAB, "lab_id"),
    CallTerm: (CALL, "call_id"),
}


def _target(thing) -> tuple[str, int] | None:
    model = type(thing)
    if model in _OWN:
        return _OWN[model], (thing.user_id if model is Profile else thing.id)
    if model in _PARTS:
        kind, attribute = _PARTS[model]
        return kind, getattr(thing, attribute)
    return None


def _visibility_changed(initiative: Initiative) -> bool:
    return inspect(initiative).attrs.is_hidden.history.has_changes()


@event.listens_for(Session, "after_flush")
def _follow_the_flush(session: Session, _context) -> None:
    changed: set[tuple[str, int]] = set()
    removed: set[tuple[str, int]] = set()
    threads: set[int] = set()  # initiatives whose comments must follow their visibility
    for thing in session.new | session.dirty:
        target = _target(thing)
        if target is not None:
            changed.add(target)
            if isinstance(thing, Initiative) and thing in session.dirty and _visibility_changed(thing):
                threads.add(thing.id)
    deleted_initiative = False
    for thing in session.deleted:
        target = _target(thing)
        if target is None:
            continue
        if type(thing) in _OWN or type(thing) is User:
            removed.add(target)
            deleted_initiative |= isinstance(thing, Initiative)
        else:
            changed.add(target)
    if not (changed or removed):
        return
    for kind, object_id in removed:
        engine.remove_document(kind, object_id)
    for kind, object_id in changed - removed:
        refresh(kind, object_id, session.get(MODELS[kind], object_id))
    if threads:
        comments = select(Comment).where(Comment.initiative_id.in_(threads))
        for comment in session.scalars(comments):
            refresh(COMMENT, comment.id, comment)
    if deleted_initiative:  # its comments went with it, by the foreign key's cascade
        _remove_orphan_comments(session)


def _remove_orphan_comments(session: Session) -> None:
    documents = SearchDocument.__table__
    session.execute(
        delete(documents).where(
            documents.c.kind == COMMENT, not_(documents.c.object_id.in_(select(Comment.id)))
        )
    )
