"""A member's home: the dashboard at /, getting started, watching, bookmarks, drafts, and bylines."""

from community.home import models  # noqa: F401  (the metadata)
from community.home import templating  # noqa: F401  (person() and the reader's standing in templates)
from community.home.blueprint import bp

__all__ = ["bp"]
