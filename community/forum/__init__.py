"""The initiatives forum: share, discuss, follow; the network's case repository."""

from community.forum import members, models  # noqa: F401  (the metadata; the member pages' parts)
from community.forum.blueprint import bp
from community.forum.views import category_admin, comments, feeds, initiatives, lists  # noqa: F401  (routes)

__all__ = ["bp"]
