"""A member's home: the dashboard at /, getting started, watching, and the bylines that name people."""

from community.home import (  # noqa: F401  (person() in templates; routes)
    models,  # noqa: F401  (the metadata)
    templating,
    views,
    welcome,
)
from community.home.blueprint import bp

__all__ = ["bp"]
