"""Learning events of the network and its labs: registration, attendance, evaluation and its reports."""

from community.events import export, models, search  # noqa: F401  (metadata; data download; search)
from community.events.views import bp

__all__ = ["bp"]
