"""Innovation labs: the directory, the lab spaces, their members, resources and events."""

from community.labs import members, models  # noqa: F401 - registers the tables and the member pages' parts
from community.labs.views import bp

__all__ = ["bp"]
