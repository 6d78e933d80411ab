"""Member profiles, the member directory and the member's own profile settings."""

from community.profiles import models, settings_views  # noqa: F401  (settings_views: its routes)
from community.profiles.views import bp

__all__ = ["bp", "models"]
