"""Forum use cases: sharing and editing initiatives, commenting, reacting, following.

Each public function is one use case and one transaction; private helpers add or flush only.
The use cases live in ``initiatives``, ``comments`` and ``reactions``; what they share in ``posting``.
Callers import the package: ``from community.forum import services``.
"""

from community.forum.errors import ForumError
from community.forum.services.comments import add_comment, delete_comment, edit_comment
from community.forum.services.initiatives import (
    InitiativeData,
    create_initiative,
    follow,
    unfollow,
    update_initiative,
)
from community.forum.services.posting import (
    HELD_MESSAGE,
    MAX_MENTIONS,
    announce,
    initiative_path,
    member_path,
    register_announce_hook,
    register_hold_hook,
    register_post_check,
)
from community.forum.services.reactions import recount, toggle_useful

__all__ = [
    "HELD_MESSAGE",
    "MAX_MENTIONS",
    "ForumError",
    "InitiativeData",
    "add_comment",
    "announce",
    "create_initiative",
    "delete_comment",
    "edit_comment",
    "follow",
    "initiative_path",
    "member_path",
    "recount",
    "register_announce_hook",
    "register_hold_hook",
    "register_post_check",
    "toggle_useful",
    "unfollow",
    "update_initiative",
]
