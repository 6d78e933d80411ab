"""The funding feature's refusal: its message is safe to show to the member."""

from community.errors import ServiceError


class FundingError(ServiceError):
    pass
