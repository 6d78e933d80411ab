"""A moderator's edit through the forum's own edit page lands in the audit log, in the same transaction."""

from flask_sqlalchemy.session import Session
from sqlalchemy import event

from community import permissions
from community.auth.models import User
from community.forum.models import Comment, Initiative, Revision
from community.moderation.models import Action, AuditEntry, TargetKind


@event.listens_for(Session, "before_flush")
def _audit_moderator_edits(session, _context, _instances) -> None:
    for revision in [obj for obj in session.new if isinstance(obj, Revision)]:
        with session.no_autoflush:
            if revision.initiative_id is not None:
                kind, content = TargetKind.INITIATIVE, session.get(Initiative, revision.initiative_id)
            else:
                kind, content = TargetKind.COMMENT, session.get(Comment, revision.comment_id)
            editor = session.get(User, revision.editor_id) if revision.editor_id else None
        if content is None or editor is None or content.author_id == editor.id:
            continue
        if permissions.is_moderator(editor):
            title = content.title if kind == TargetKind.INITIATIVE else content.initiative.title
            session.add(
                AuditEntry(
                    moderator_id=editor.id,
                    action=Action.EDIT,
                    target_kind=kind,
                    target_id=content.id,
                    member_id=content.author_id,
                    summary=title[:200],
                )
            )
