"""/events/: one blueprint, its routes split by who uses them."""

from community.events.views import events, feeds, organise, participation  # noqa: F401  (routes)
from community.events.views.base import bp

__all__ = ["bp"]
