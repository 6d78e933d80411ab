"""The labs feature's one exception: its message is safe to show."""

from community.errors import ServiceError


class LabError(ServiceError):
    pass
