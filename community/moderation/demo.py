"""Demo: a flagged initiative and a flagged comment waiting in the queue."""

from sqlalchemy import select

from community.extensions import db
from community.forum.models import Comment, Initiative
from community.moderation import services
from community.moderation.models import FlagReason, TargetKind


def seed(context: dict) -> str:
    users = context["users"]
    initiative = db.session.scalar(select(Initiative).order_by(Initiative.id.desc()).limit(1))
    comment = db.session.scalar(select(Comment).order_by(Comment.id.desc()).limit(1))
    flagged = 0
    if initiative is not None:
        reporter = users["ravi-s"] if initiative.author_id != users["ravi-s"].id else users["kemar-b"]
        services.flag(reporter, TargetKind.INITIATIVE, initiative, FlagReason.OFF_TOPIC, "")
        flagged += 1
    if comment is not None:
        reporter = users["annelies-w"] if comment.author_id != users["annelies-w"].id else users["kemar-b"]
        services.flag(reporter, TargetKind.COMMENT, comment, FlagReason.SPAM, "")
        flagged += 1
    return f"Moderation: {flagged} flags wait in the queue at /moderation/."
