"""The messages feature's refusal: its message is safe to show to the member."""

from community.errors import ServiceError


class MessagesError(ServiceError):
    pass
