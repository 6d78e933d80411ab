"""The backups feature's one error class: its message is safe to show."""

from community.errors import ServiceError


class BackupError(ServiceError):
    pass
