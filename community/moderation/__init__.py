"""Moderation: flags, the queue, actions on content and members, the audit log."""

from community.moderation import first_posts, hooks, models, vetting  # noqa: F401  (metadata; hooks)
from community.moderation.blueprint import bp
from community.moderation.views import actions, alert_settings, approvals, flags, members, queue  # noqa: F401  (they add the routes)

__all__ = ["bp"]
