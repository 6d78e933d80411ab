"""The profiles feature's one exception: its message is safe to show."""

from community.errors import ServiceError


class ProfileError(ServiceError):
    pass
