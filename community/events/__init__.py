"""Learning events of the network and its labs: registration, attendance, evaluation and its reports."""

from community.events import dashboard, export, models, search  # noqa: F401  (home panel; metadata; data download; search)
from community.events.views import bp

__all__ = ["bp"]
