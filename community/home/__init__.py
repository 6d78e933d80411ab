"""A member's home: the dashboard at /, getting started, watching, bookmarks, drafts; people in bylines."""

from community.home import (  # noqa: F401  (person(); routes)
    keeping_views,
    members,  # noqa: F401  (the data download)
    models,  # noqa: F401  (the metadata)
    templating,
    views,
    welcome,
)
from community.home.blueprint import bp

__all__ = ["bp"]
