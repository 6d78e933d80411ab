"""/labs/: one blueprint, its routes split by subject."""

from community.labs.views import content, labs, membership
from community.labs.views.base import bp

__all__ = ["bp", "content", "labs", "membership"]
