"""The home feature's refusal: its message is safe to show to the member."""

from community.errors import ServiceError


class HomeError(ServiceError):
    pass
