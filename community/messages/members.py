"""What messages add to the member pages: the conversations in the member's data download."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.auth.models import User
from community.extensions import db
from community.messages.models import Block, Conversation, Message, MessageSetting, Participant
from community.profiles import export


def _iso(moment) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def messages_of(user: User) -> dict:
    """The member's conversations with every message in them, who blocked whom, and their setting."""
    conversations = db.session.scalars(
        select(Conversation)
        .join(Participant, Participant.conversation_id == Conversation.id)
        .where(Participant.user_id == user.id)
        .options(selectinload(Conversation.participants).selectinload(Participant.user))
        .order_by(Conversation.id)
    ).all()
    ids = [conversation.id for conversation in conversations]
    messages = db.session.scalars(
        select(Message)
        .where(Message.conversation_id.in_(ids))
        .order_by(Message.created_at, Message.id)
        .options(selectinload(Message.author))
    ).all()
    by_conversation: dict[int, list[dict]] = {}
    for message in messages:
        by_conversation.setdefault(message.conversation_id, []).append(
            {"from": message.author.username, "sent_at": _iso(message.created_at), "markdown": message.body}
        )
    setting = db.session.get(MessageSetting, user.id)
    blocked = db.session.scalars(select(Block).where(Block.blocker_id == user.id)).all()
    return {
        "accept_only_from_shared_labs": bool(setting and setting.shared_labs_only),
        "blocked_members": [block.blocked.username for block in blocked],
        "conversations": [
            {
                "subject": conversation.subject,
                "participants": sorted(p.user.username for p in conversation.participants),
                "messages": by_conversation.get(conversation.id, []),
            }
            for conversation in conversations
        ],
    }


export.register_section("messages", messages_of)
