"""Demo conversations between the demo members, so that their messages page is alive."""

from __future__ import annotations

from datetime import timedelta

from community.extensions import db
from community.markdown import render_markdown
from community.messages.models import Conversation, Message, Participant
from community.utils import utcnow

# (subject, participants, [(author, text), …]); the first participant started it.
CONVERSATIONS = [
    (
        "Your digital ID rollout",
        ["diego-r", "amara-j"],
        [
            (
                "diego-r",
                "Hello Amara, we start a national ID pilot in March. "
                "Could we talk about your **enrolment** figures?",
            ),
            (
                "amara-j",
                "Of course, Diego. Our enrolment centres did 1,200 a day at best; I will send the report.",
            ),
            ("diego-r", "Thank you! Tuesday at 10:00 (Santo Domingo time) suits me."),
        ],
    ),
    (
        "Data-sharing agreements",
        ["ravi-s", "kemar-b", "annelies-w"],
        [
            (
                "ravi-s",
                "Sharing our draft template for data-sharing agreements between ministries: "
                "comments welcome.",
            ),
            ("kemar-b", "Section 4 needs a breach notification clause: 72 hours is what we use in Jamaica."),
            ("annelies-w", "We translated a similar template into Dutch and Papiamento; happy to share it."),
        ],
    ),
    (
        "Welcome to the network",
        ["moderator", "marie-claire"],
        [
            ("moderator", "Bienvenue Marie-Claire! The Service Design Lab would love your payments case."),
            ("marie-claire", "Merci Shanice, I will post it this week."),
        ],
    ),
]


def seed(context: dict) -> str:
    """A few conversations, one of them between three members, partly unread."""
    users = context["users"]
    now = utcnow()
    sent = 0
    for number, (subject, names, lines) in enumerate(CONVERSATIONS):
        start = now - timedelta(days=3 * (number + 1))
        conversation = Conversation(subject=subject, created_at=start)
        db.session.add(conversation)
        for index, (author, text) in enumerate(lines):
            moment = start + timedelta(hours=5 * index)
            db.session.add(
                Message(
                    conversation=conversation,
                    author_id=users[author].id,
                    body=text,
                    body_html=str(render_markdown(text)),
                    created_at=moment,
                )
            )
            conversation.last_message_at = moment
            sent += 1
        for name in names:  # the last writer has read everything; the others have an unread message
            read = conversation.last_message_at if name == lines[-1][0] else start
            db.session.add(Participant(conversation=conversation, user_id=users[name].id, last_read_at=read))
    db.session.commit()
    return f"{len(CONVERSATIONS)} private conversations with {sent} messages."
