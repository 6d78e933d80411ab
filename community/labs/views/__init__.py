"""/labs/: one blueprint, its routes split by subject."""

from community.labs.views import content, covers, labs, membership
from community.labs.views.base import bp

__all__ = ["bp", "content", "covers", "labs", "membership"]
