"""Home, health, error pages and the headers every response carries."""

from community.main.views import bp

__all__ = ["bp"]
