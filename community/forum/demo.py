"""Demo forum: about sixty initiatives across the region, with comments, replies and reactions."""

import random
from datetime import timedelta

from sqlalchemy import select

from community.extensions import db
from community.forum import queries, services
from community.forum.demo_cases import CASES
from community.forum.errors import ForumError
from community.forum.forms import InitiativeData
from community.forum.models import Comment, Initiative
from community.forum.vocabulary import Licence, Stage
from community.labs import queries as lab_queries
from community.labs import services as lab_services
from community.labs.models import Lab
from community.utils import utcnow

BODIES = {
    "en": "## The problem\n\n{summary}\n\n## What we did\n\n- Mapped the process with the people who run it\n"
    "- Built a small first version in **{weeks} weeks**\n- Tested it with users in {place}\n\n"
    "## Lessons\n\nStart small, publish the data, and keep the paper option until trust is built.",
    "es": "## El problema\n\n{summary}\n\n## Lo que hicimos\n\n- Revisamos el proceso con quienes lo operan\n"
    "- Construimos una primera versión en **{weeks} semanas**\n- La probamos con usuarios en {place}\n\n"
    "## Lecciones\n\nEmpezar pequeño, publicar los datos y mantener el papel al principio.",
    "fr": "## Le problème\n\n{summary}\n\n## Ce que nous avons fait\n\n- Analysé la démarche\n"
    "- Construit une première version en **{weeks} semaines**\n- Testé avec des usagers à {place}\n\n"
    "## Leçons\n\nCommencer petit, publier les données, garder le papier au début.",
    "nl": "## Het probleem\n\n{summary}\n\n## Wat we deden\n\n- Het proces in kaart gebracht\n"
    "- Een eerste versie gebouwd in **{weeks} weken**\n- Getest met gebruikers in {place}\n\n"
    "## Lessen\n\nBegin klein, publiceer de data en houd de papieren route open.",
}
OUTCOMES = {
    "en": "- {n} people served in the first year\n- Processing time down by {pct}%",
    "es": "- {n} personas atendidas el primer año\n- Tiempo de trámite reducido un {pct}%",
    "fr": "- {n} usagers servis la première année\n- Délai de traitement réduit de {pct} %",
    "nl": "- {n} mensen geholpen in het eerste jaar\n- Doorlooptijd {pct}% korter",
}
COMMENTS = {
    "en": [
        "Very useful, thank you. How did you handle consent for the data?",
        "We tried something similar in our ministry. Happy to share our procurement documents.",
        "What did it cost per user? Our finance ministry will ask.",
        "Great results. Did you publish the code anywhere?",
        "@{mention} you were asking about this last week.",
        "How did you reach people without smartphones?",
    ],
    "es": ["¡Excelente iniciativa! ¿Qué proveedor usaron?", "Nos interesa replicarlo. ¿Podemos conversar?"],
    "fr": ["Merci pour ce partage, très utile pour notre ministère.", "Avez-vous un cahier des charges ?"],
    "nl": ["Mooi resultaat! Hoe hebben jullie de privacy geregeld?", "Dit willen wij ook proberen."],
}
REPLIES = [
    "Good question: we wrote a short privacy notice and asked for consent at registration.",
    "Yes, I will post the documents here next week.",
    "About USD 4 per user in the first year, less after that.",
    "Thanks! Let's talk at the next network call.",
]
# Forum category -> (demo lab, how many of its cases go there): every agriculture case, a few others.
LAB_OF_CATEGORY = {
    "agriculture": ("agriculture", 99),
    "digital-identity": ("digital-identity-lab", 3),
    "data-sharing": ("data-and-statistics-lab", 3),
    "skills-leadership": ("service-design-lab", 2),
}
PLACES = {
    "LC": "Castries",
    "JM": "Kingston",
    "TT": "Port of Spain",
    "DO": "Santo Domingo",
    "HT": "Cap-Haïtien",
}


def seed(context: dict) -> str:
    """Share the demo cases as the demo members, then discuss and react to them."""
    rng = random.Random(2026)
    members = [user for name, user in context["users"].items() if name not in ("admin",)]
    now = utcnow()
    for user in members:  # established members: the first-day posting limits do not apply
        user.created_at = now - timedelta(days=rng.randint(60, 400))
    db.session.commit()
    categories = {category.slug: category.id for category in queries.categories()}
    labs = _labs_for_cases(context.get("labs", {}))
    initiatives = [_share(rng, members, categories, case, labs.pop(0)) for case in CASES]
    comments = sum(_discuss(rng, members, initiative) for initiative in initiatives)
    for initiative in rng.sample(initiatives, 40):
        for user in rng.sample(members, rng.randint(1, 4)):
            if user.id != initiative.author_id:
                services.toggle_useful(user, initiative=initiative)
    _spread_in_time(rng, now)
    context["initiatives"] = initiatives
    return f"{len(initiatives)} initiatives with {comments} comments and replies."


def _labs_for_cases(labs: dict[str, Lab]) -> list[Lab | None]:
    """The lab each demo case is posted in, in the order of CASES (None: no lab)."""
    left = {category: count for category, (_slug, count) in LAB_OF_CATEGORY.items()}
    placed: list[Lab | None] = []
    for case in CASES:
        slug, count = LAB_OF_CATEGORY.get(case[0], (None, 0))
        lab = labs.get(slug) if slug else None
        if lab is not None and left[case[0]] > 0:
            left[case[0]] -= 1
            placed.append(lab)
        else:
            placed.append(None)
    return placed


def _make_member(user, lab: Lab, moderator) -> None:
    """Join the lab (a moderator accepts the request of a lab that takes members by request)."""
    membership = lab_queries.membership_of(user, lab)
    if membership is None:
        membership = lab_services.join_lab(user, lab)
    if not membership.is_active:
        lab_services.answer_request(moderator, membership, accept=True)


def _share(rng, members, categories, case, lab: Lab | None = None) -> Initiative:
    slug, country, sector, stage, language, sdgs, tags, title, summary = case
    data = InitiativeData(
        title=title,
        summary=summary,
        body=BODIES[language].format(
            summary=summary, weeks=rng.randint(6, 20), place=PLACES.get(country, "the capital")
        ),
        category_id=categories[slug],
        country=country,
        sector=sector,
        stage=Stage(stage),
        language=language,
        licence=Licence.CC_BY if rng.random() < 0.8 else Licence.CC_BY_SA,
        outcomes=""
        if stage in ("idea",)
        else OUTCOMES[language].format(n=rng.randint(300, 20000), pct=rng.randint(15, 70)),
        sdgs=sdgs,
        tags=[tag.strip() for tag in tags.split(",")],
        links=[f"https://www.gov.{country.lower()}.example/digital"] if rng.random() < 0.5 else [],
    )
    author = rng.choice(members)
    if lab is not None:
        moderators = [user for user in members if user.username == "moderator"]
        _make_member(author, lab, moderators[0] if moderators else author)
        data.lab = lab.slug
    return services.create_initiative(author, data)


def _discuss(rng, members, initiative: Initiative) -> int:
    count = 0
    for _ in range(rng.randint(0, 4)):
        language = initiative.language if rng.random() < 0.6 else "en"
        author = rng.choice(members)
        body = rng.choice(COMMENTS[language]).format(mention=rng.choice(members).username)
        try:
            comment = services.add_comment(author, initiative, body, language)
        except ForumError:  # the same member said the same thing here already
            continue
        count += 1
        if rng.random() < 0.5:
            try:
                services.add_comment(
                    rng.choice(members), initiative, rng.choice(REPLIES), "en", parent=comment
                )
            except ForumError:
                continue
            count += 1
        if rng.random() < 0.4 and comment.author_id != initiative.author_id:
            services.toggle_useful(initiative.author, comment=comment)
    return count


def _spread_in_time(rng, now) -> None:
    """Date the cases over the past two years and their comments after them, as a living forum would be."""
    for initiative in db.session.scalars(select(Initiative)):
        initiative.created_at = now - timedelta(days=rng.randint(3, 720), hours=rng.randint(0, 23))
        last = initiative.created_at
        for comment in db.session.scalars(
            select(Comment).where(Comment.initiative_id == initiative.id).order_by(Comment.id)
        ):
            comment.created_at = last + timedelta(hours=rng.randint(2, 24 * 20))
            last = min(comment.created_at, now)
            comment.created_at = last
        initiative.last_activity_at = last
    db.session.commit()
