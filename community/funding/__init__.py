"""Funding and partnerships: calls for funding, alerts, what initiatives seek, teaming up, matching."""

from community.funding import export, models  # noqa: F401  (the metadata; the data download)
from community.funding.blueprint import bp
from community.funding.views import calls, feeds, settings, teaming  # noqa: F401  (routes)

__all__ = ["bp"]
