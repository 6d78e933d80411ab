"""The auth feature's one exception: its message is safe to show."""

from community.errors import ServiceError


class AuthError(ServiceError):
    pass
