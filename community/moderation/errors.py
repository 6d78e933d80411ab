"""Moderation's refusal: its message is safe to show to the moderator or the member."""

from community.errors import ServiceError


class ModerationError(ServiceError):
    pass
