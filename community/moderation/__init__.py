"""Moderation: flags, the queue, actions on content and members, the audit log."""

from community.moderation import hooks, models  # noqa: F401  (the metadata; the edit hook)
from community.moderation.blueprint import bp
from community.moderation.views import actions, alert_settings, flags, members, queue  # noqa: F401  (they add the routes)

__all__ = ["bp"]
