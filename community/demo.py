"""The demo that `flask seed-demo` builds: each feature adds its part, in order."""

from community.assessments import demo as assessments_demo
from community.auth import demo as auth_demo
from community.events import demo as events_demo
from community.forum import demo as forum_demo
from community.funding import demo as funding_demo
from community.home import demo as home_demo
from community.labs import demo as labs_demo
from community.messages import demo as messages_demo
from community.moderation import demo as moderation_demo
from community.profiles import demo as profiles_demo
from community.search import indexers

DEMO_PASSWORD = "caribbean-demo-2026"  # noqa: S105 - printed for the demo on purpose
FEATURES = (
    auth_demo,
    profiles_demo,
    labs_demo,
    forum_demo,
    moderation_demo,
    events_demo,
    assessments_demo,
    funding_demo,
    home_demo,
    messages_demo,
)


def seed() -> str:
    """Run every feature's demo seeder and say how to sign in."""
    context: dict = {"password": DEMO_PASSWORD}
    lines = [feature.seed(context) for feature in FEATURES]
    # The index follows every write already; the rebuild also covers rows the migrations inserted.
    counts = indexers.reindex()
    lines.append("Search index: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()) + ".")
    lines.append(f"Sign in as admin, moderator or any demo member with the password {DEMO_PASSWORD}.")
    return "\n".join(lines)
