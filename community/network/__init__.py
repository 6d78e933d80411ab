"""The network in numbers: a public dashboard of maps and charts drawn on the server (/network)."""

from community.network import contributions, core  # noqa: F401  (the core panels; the profile section)
from community.network.views import bp

__all__ = ["bp"]
