"""The base of every feature's exception: its message is safe to show to the member."""


class ServiceError(Exception):
    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
