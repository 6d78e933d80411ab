"""Demo homes: the demo members got started, watch labs, categories and countries, and read some cases."""

from __future__ import annotations

import random

from community.extensions import db
from community.forum.queries import categories
from community.home.models import HomeState, InitiativeVisit, Watch, WatchKind, WatchLevel
from community.utils import utcnow

# username: (lab slugs watched, category slugs tracked, countries tracked)
WATCHES = {
    "amara-j": (["digital-identity-lab"], ["digital-identity"], ["LC", "DM"]),
    "diego-r": (["service-design-lab"], ["questions"], ["DO"]),
    "ravi-s": (["agriculture"], ["data-sharing"], ["TT"]),
    "kemar-b": (["digital-identity-lab"], ["agriculture"], ["JM"]),
}


def seed(context: dict) -> str:
    """Every demo member has got started; a few watch things; each has read part of the cases."""
    rng = random.Random(15)
    users = context.get("members") or context["users"]
    labs = context.get("labs", {})
    slugs = {category.slug: category.id for category in categories()}
    now = utcnow()
    for user in users.values():
        db.session.add(
            HomeState(user_id=user.id, onboarding_step="done", onboarding_done_at=now, last_visit_at=now)
        )
    watches = 0
    for username, (lab_slugs, category_slugs, countries) in WATCHES.items():
        user = users.get(username)
        if user is None:
            continue
        wanted = [(WatchKind.LAB, str(labs[s].id), WatchLevel.WATCHING) for s in lab_slugs if s in labs]
        wanted += [
            (WatchKind.CATEGORY, str(slugs[s]), WatchLevel.TRACKING) for s in category_slugs if s in slugs
        ]
        wanted += [(WatchKind.COUNTRY, code, WatchLevel.TRACKING) for code in countries]
        for kind, key, level in wanted:
            db.session.add(Watch(user_id=user.id, kind=kind, key=key, level=level))
            watches += 1
    initiatives = context.get("initiatives", [])
    for user in users.values():
        for initiative in rng.sample(initiatives, min(len(initiatives), 20)):
            db.session.add(
                InitiativeVisit(user_id=user.id, initiative_id=initiative.id, seen_at=initiative.created_at)
            )
    db.session.commit()
    return f"{watches} watches; every demo member has got started."
