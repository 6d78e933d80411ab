"""Innovation labs: the directory, the lab spaces, their members, resources and events."""

from community.labs import models  # noqa: F401 - registers the tables
from community.labs.views import bp

__all__ = ["bp"]
