"""Private conversations: start one, reply, read, block, and choose who may write.

A new message notifies the other participants through the one ``notify`` (so e-mail follows each
member's notification settings). Newcomers write as often as they may post (the forum's flood rules).
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update

from community import permissions
from community.auth.identity import username_key
from community.auth.models import User
from community.extensions import db
from community.home.people import name_of
from community.labs.models import LabMembership, MembershipState
from community.markdown import render_markdown
from community.messages.errors import MessagesError
from community.messages.models import (
    MAX_PARTICIPANTS,
    Block,
    Conversation,
    Message,
    MessageSetting,
    Participant,
)
from community.notifications.models import Notification
from community.notifications.services import notify, register_kind
from community.utils import utcnow

register_kind("message", _l("%(actor)s wrote to you: “%(subject)s”."))


def find_recipients(sender: User, names: list[str]) -> list[User]:
    """The listed members named (by username, with or without @); refuses unknown names and too many."""
    keys = list(dict.fromkeys(username_key(name.lstrip("@")) for name in names if name.strip("@ ")))
    if not keys:
        raise MessagesError(_("Name at least one member to write to."), field="to")
    if len(keys) + 1 > MAX_PARTICIPANTS:
        raise MessagesError(
            _("A conversation has at most %(num)d people, you included.", num=MAX_PARTICIPANTS), field="to"
        )
    found = {u.username_key: u for u in db.session.scalars(select(User).where(User.username_key.in_(keys)))}
    unknown = [key for key in keys if key not in found or not found[key].is_listed]
    if unknown:
        raise MessagesError(_("No member is called %(name)s.", name=", ".join(unknown)), field="to")
    return [found[key] for key in keys if found[key].id != sender.id] or _only_self()


def _only_self():
    raise MessagesError(_("Write to someone other than yourself."), field="to")


def refusal(sender: User, recipient: User) -> str | None:
    """Why ``sender`` may not write to ``recipient``, or None when they may."""
    if not permissions.can_message_member(sender, recipient):
        return _("You cannot write to %(name)s.", name=name_of(recipient))
    if db.session.get(Block, (recipient.id, sender.id)) is not None:
        return _("%(name)s does not accept your messages.", name=name_of(recipient))
    setting = db.session.get(MessageSetting, recipient.id)
    if setting is not None and setting.shared_labs_only and not share_a_lab(sender, recipient):
        return _("%(name)s accepts messages only from members of their labs.", name=name_of(recipient))
    return None


def share_a_lab(one: User, other: User) -> bool:
    mine = select(LabMembership.lab_id).where(
        LabMembership.user_id == one.id, LabMembership.state == MembershipState.ACTIVE
    )
    shared = select(LabMembership.id).where(
        LabMembership.user_id == other.id,
        LabMembership.state == MembershipState.ACTIVE,
        LabMembership.lab_id.in_(mine),
    )
    return db.session.scalar(shared.limit(1)) is not None


def start_conversation(sender: User, recipients: list[User], subject: str, body: str) -> Conversation:
    """Open a conversation with one or more members and send its first message."""
    for recipient in recipients:
        problem = refusal(sender, recipient)
        if problem:
            raise MessagesError(problem, field="to")
    _check_rate(sender)
    conversation = Conversation(subject=subject.strip()[:200])
    conversation.participants = [Participant(user_id=sender.id, last_read_at=utcnow())] + [
        Participant(user_id=recipient.id) for recipient in recipients
    ]
    db.session.add(conversation)
    _add_message(conversation, sender, body, recipients)
    db.session.commit()
    return conversation


def reply(sender: User, conversation: Conversation, body: str) -> Message:
    """Add a message to a conversation the sender is part of."""
    others = [p.user for p in conversation.participants if p.user_id != sender.id]
    if participant_of(sender, conversation) is None:
        raise MessagesError(_("You are not part of this conversation."))
    if others and all(refusal(sender, other) for other in others):
        raise MessagesError(_("Nobody in this conversation accepts your messages any more."), field="body")
    _check_rate(sender)
    _ensure_not_repeated(sender, conversation, body)
    message = _add_message(conversation, sender, body, [o for o in others if refusal(sender, o) is None])
    own = participant_of(sender, conversation)
    if own is not None:  # the sender took part (checked above); keeps their own message read
        own.last_read_at = message.created_at
    db.session.commit()
    return message


def _add_message(conversation: Conversation, sender: User, body: str, recipients: list[User]) -> Message:
    now = utcnow()
    message = Message(
        conversation=conversation,
        author_id=sender.id,
        body=body,
        body_html=str(render_markdown(body)),
        created_at=now,
    )
    db.session.add(message)
    conversation.last_message_at = now
    db.session.flush()
    url = current_app.url_map.bind("").build("messages.show", {"conversation_id": conversation.id})
    for recipient in recipients:
        notify(recipient, "message", conversation.subject, f"{url}#message-{message.id}", actor=sender)
    return message


def _check_rate(sender: User) -> None:
    """During their first day, members send only as many messages an hour as they may post."""
    config = current_app.config
    now = utcnow()
    if permissions.is_moderator(sender) or sender.created_at < now - timedelta(
        hours=config["NEWCOMER_HOURS"]
    ):
        return
    sent = db.session.scalar(
        select(func.count(Message.id)).where(
            Message.author_id == sender.id, Message.created_at >= now - timedelta(hours=1)
        )
    )
    if sent >= config["NEWCOMER_POSTS_PER_HOUR"]:
        raise MessagesError(
            _(
                "During their first day, members may send %(count)d messages an hour. Try again later.",
                count=config["NEWCOMER_POSTS_PER_HOUR"],
            ),
            field="body",
        )


def _ensure_not_repeated(sender: User, conversation: Conversation, body: str) -> None:
    since = utcnow() - current_app.config["DUPLICATE_POST_WINDOW"]
    repeated = select(Message.id).where(
        Message.conversation_id == conversation.id,
        Message.author_id == sender.id,
        Message.body == body,
        Message.created_at >= since,
    )
    if db.session.scalar(repeated.limit(1)) is not None:
        raise MessagesError(_("You sent this message a moment ago."), field="body")


def participant_of(user: User, conversation: Conversation) -> Participant | None:
    if not user.is_authenticated:
        return None
    return db.session.get(Participant, (conversation.id, user.id))


def mark_read(participant: Participant) -> None:
    """The member has read the conversation up to now, and the notifications of its messages."""
    now = utcnow()
    participant.last_read_at = now
    url = current_app.url_map.bind("").build(
        "messages.show", {"conversation_id": participant.conversation_id}
    )
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == participant.user_id, Notification.read_at.is_(None))
        .where(Notification.url.like(url + "#%"))
        .values(read_at=now)
    )
    db.session.commit()


def unread_count(user: User) -> int:
    """How many of the member's conversations have a message they have not read."""
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Participant)
            .join(Conversation, Conversation.id == Participant.conversation_id)
            .where(Participant.user_id == user.id)
            .where(
                (Participant.last_read_at.is_(None))
                | (Participant.last_read_at < Conversation.last_message_at)
            )
        )
        or 0
    )


def block(user: User, member: User) -> None:
    """``member`` may no longer write to ``user``."""
    if member.id == user.id:
        raise MessagesError(_("You cannot block yourself."))
    if db.session.get(Block, (user.id, member.id)) is None:
        db.session.add(Block(blocker_id=user.id, blocked_id=member.id))
    db.session.commit()


def unblock(user: User, member: User) -> None:
    db.session.execute(delete(Block).where(Block.blocker_id == user.id, Block.blocked_id == member.id))
    db.session.commit()


def set_shared_labs_only(user: User, value: bool) -> None:
    """Accept messages from everyone, or only from members of a lab the member is in."""
    setting = db.session.get(MessageSetting, user.id)
    if setting is None:
        setting = MessageSetting(user_id=user.id)
        db.session.add(setting)
    setting.shared_labs_only = value
    db.session.commit()


def accepts_shared_labs_only(user: User) -> bool:
    setting = db.session.get(MessageSetting, user.id)
    return bool(setting and setting.shared_labs_only)
