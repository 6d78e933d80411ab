"""The forum's refusal: its message is safe to show to the member."""

from community.errors import ServiceError


class ForumError(ServiceError):
    pass
