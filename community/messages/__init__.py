"""Private messages: conversations between members, one to one or a small group."""

from community.messages import (  # noqa: F401  (routes; the profile's button, the export)
    members,
    models,  # noqa: F401  (the metadata)
    views,
)
from community.messages.blueprint import bp

__all__ = ["bp"]
