"""The Digital Government Capability Assessment: self-assessments, team rounds, the regional view."""

from community.assessments import cli, hooks, models  # noqa: F401  (commands, other features' hooks, metadata)
from community.assessments.blueprint import bp
from community.assessments.views import common, exports, region, rounds, self_assessment, tags  # noqa: F401  (routes)

__all__ = ["bp"]
