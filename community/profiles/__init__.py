"""Member profiles, the member directory and the member's own profile settings."""

from community.profiles import models
from community.profiles.settings_views import settings_bp
from community.profiles.views import bp

bp.register_blueprint(settings_bp)

__all__ = ["bp", "models"]
