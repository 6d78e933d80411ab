"""What the messages pages read, eager-loaded."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.auth.models import User
from community.extensions import db
from community.messages.models import Block, Conversation, Message, Participant


def conversations_of(user: User, page: int, per_page: int = 30):
    """The member's conversations, latest first, with their participants (three queries a page)."""
    statement = (
        select(Participant)
        .join(Conversation, Conversation.id == Participant.conversation_id)
        .where(Participant.user_id == user.id)
        .options(
            selectinload(Participant.conversation)
            .selectinload(Conversation.participants)
            .selectinload(Participant.user)
        )
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def messages_in(conversation: Conversation) -> list[Message]:
    statement = (
        select(Message)
        .where(Message.conversation_id == conversation.id)
        .options(selectinload(Message.author))
        .order_by(Message.created_at, Message.id)
    )
    return list(db.session.scalars(statement))


def conversation(conversation_id: int) -> Conversation | None:
    statement = (
        select(Conversation)
        .where(Conversation.id == conversation_id)
        .options(selectinload(Conversation.participants).selectinload(Participant.user))
    )
    return db.session.scalar(statement)


def blocked_by(user: User) -> list[Block]:
    statement = select(Block).where(Block.blocker_id == user.id).options(selectinload(Block.blocked))
    return list(db.session.scalars(statement))


def has_blocked(user: User, member: User) -> bool:
    return db.session.get(Block, (user.id, member.id)) is not None


def is_flagged(conversation: Conversation) -> bool:
    """A message of the conversation was reported to the moderators (who may then read it)."""
    from community.moderation.models import Flag, TargetKind

    in_conversation = select(Message.id).where(Message.conversation_id == conversation.id)
    statement = select(Flag.id).where(
        Flag.target_kind == TargetKind.MESSAGE, Flag.target_id.in_(in_conversation)
    )
    return db.session.scalar(statement.limit(1)) is not None


def listed_member(username: str) -> User | None:
    from community.auth.identity import username_key

    member = db.session.scalar(select(User).where(User.username_key == username_key(username)))
    return member if member is not None and member.is_listed else None
