"""The dashboard's refusal of a filter: its message is safe to show to the reader."""

from community.errors import ServiceError


class NetworkError(ServiceError):
    """A filter the dashboard cannot apply; ``status`` is the HTTP answer (404 unknown, 400 malformed)."""

    def __init__(self, message, field: str | None = None, status: int = 400):
        super().__init__(message, field)
        self.status = status
