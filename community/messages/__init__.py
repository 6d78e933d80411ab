"""Private messages: conversations between members, one to one or a small group."""

from community.messages import models  # noqa: F401  (the metadata)
from community.messages import members, views  # noqa: F401  (routes; the profile's button, the export)
from community.messages.blueprint import bp

__all__ = ["bp"]
