from community.errors import ServiceError


class SecurityError(ServiceError):
    """A second step or a session change that was refused; the message is safe to show."""
