"""Learning events of the network and its labs: registration, attendance, evaluation and its reports."""

from community.events import models  # noqa: F401  (the metadata)
from community.events.views import bp

__all__ = ["bp"]
