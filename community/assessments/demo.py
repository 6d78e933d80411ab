"""The demo's assessments: the shipped framework, a few self-assessments, one published team round."""

from __future__ import annotations

import random
from datetime import timedelta
from statistics import median

from community.assessments import services
from community.assessments.models import Framework
from community.utils import utcnow

# username, organisation, the level around which they rate each dimension (vision … people)
SELF_ASSESSMENTS = [
    ("amara-j", "Department of Public Service, Saint Lucia", (4, 3, 2, 3, 3, 2)),
    ("diego-r", "Oficina de Gobierno Digital, República Dominicana", (4, 4, 3, 2, 4, 3)),
    ("marie-claire", "Ministère de la Fonction publique, Haïti", (3, 2, 2, 3, 2, 2)),
]
TEAM = ("Saint Lucia country team", "LC", "amara-j", ("diego-r", "ravi-s", "kemar-b"))


def _ratings(rng: random.Random, framework: Framework, levels) -> dict[str, dict]:
    """Ratings near each dimension's level, now and then "don't know"."""
    found = {}
    for dimension, level in zip(framework.dimensions, levels, strict=True):
        found[dimension["id"]] = {
            s["id"]: (None if rng.random() < 0.08 else max(1, min(5, level + rng.choice((-1, 0, 0, 1)))), "")
            for s in dimension["statements"]
        }
    return found


def _rate(rng, user, assessment, levels) -> None:
    for dimension_id, ratings in _ratings(rng, assessment.framework, levels).items():
        services.save_dimension(user, assessment, dimension_id, ratings)
    services.submit_assessment(user, assessment)


ACTIONS = [
    (
        "Draft a data-sharing regulation with the Attorney General's office",
        "Department of Public Service",
        120,
    ),
    ("Run a digital skills survey of all ministries", "Human Resources", 60),
]


def seed(context: dict) -> str:
    """Self-assessments, one team round taken, agreed and published, initiatives tagged."""
    rng = random.Random(17)
    users = context["users"]
    for number, (username, organization, levels) in enumerate(SELF_ASSESSMENTS):
        assessment = services.start_assessment(users[username], organization)
        _rate(rng, users[username], assessment, levels)
        if number == 0:
            services.set_shared(users[username], assessment, True)
    round_ = _team_round(rng, users)
    tagged = _tag_initiatives(context.get("initiatives", []), round_.framework)
    return (
        f"Capability assessment: {len(SELF_ASSESSMENTS)} self-assessments, one published team round, "
        f"{tagged} initiatives tagged with dimensions."
    )


def _team_round(rng: random.Random, users: dict):
    name, country, facilitator, members = TEAM
    lead = users[facilitator]
    team = {"name": name, "kind": "country", "country": country}
    round_ = services.open_round(lead, team, utcnow().date() + timedelta(days=14), list(members))
    for username in (facilitator, *members):
        place = next(p for p in round_.participants if p.user_id == users[username].id)
        _rate(rng, users[username], services.take_part(users[username], round_, place), (4, 3, 2, 3, 3, 2))
    services.close_round(lead, round_)
    agreed = {}
    for sid in round_.framework.statement_ids:
        given = [a.answer_map()[sid].rating for a in round_.assessments]
        given = [rating for rating in given if rating is not None]
        agreed[sid] = (round(median(given)) if given else None, "")
    services.save_consensus(lead, round_, None, agreed)
    services.publish_round(lead, round_, "Leadership is committed; the law and skills lag behind.")
    for text, owner, days in ACTIONS:
        services.add_action(lead, text, owner, utcnow().date() + timedelta(days=days), round_=round_)
    return round_


def _tag_initiatives(initiatives, framework) -> int:
    dimensions = [d["id"] for d in framework.dimensions]
    for index, initiative in enumerate(initiatives[:18]):
        services.tag_initiative(initiative, [dimensions[index % len(dimensions)]])
    return min(len(initiatives), 18)
