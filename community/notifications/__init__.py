"""Notifications: on the site, by e-mail immediately or in a daily digest; `notify` for every feature."""

from community.notifications import models  # noqa: F401  (the models belong to the metadata)
from community.notifications.views import bp

__all__ = ["bp"]
