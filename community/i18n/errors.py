"""The i18n feature's one exception: its message is safe to show."""

from community.errors import ServiceError


class PreferenceError(ServiceError):
    pass
