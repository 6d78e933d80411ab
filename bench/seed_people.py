"""Members with their profiles, and the labs with their members, resources and events."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from bench.texts import Writer
from bench.world import Member, World
from community.labs.services import name_key, slugify
from community.markdown import RENDERER_VERSION, render_markdown
from community.profiles.vocabulary import EXPERTISE

# Where members work, by the language they write in (25 countries of the region).
COUNTRIES = {
    "en": ["AG", "BS", "BB", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "VC", "TT", "MS", "KY"],
    "es": ["DO", "CU", "PR"],
    "fr": ["HT", "GP", "MQ", "GF"],
    "nl": ["SR", "AW", "CW", "SX"],
}
ALL_COUNTRIES = [code for codes in COUNTRIES.values() for code in codes]
LANGUAGE_SHARE = {"en": 0.55, "es": 0.22, "fr": 0.16, "nl": 0.07}
# fmt: off
FIRST = {
    "en": ["Amara", "Kemar", "Keisha", "Marlon", "Shanice", "Devon", "Tamika", "Curtis", "Kezia", "Omari",
           "Nadia", "Troy", "Stacy-Ann", "Glenroy", "Tanya", "Ravi", "Anil", "Camille", "Joan", "Vernon"],
    "es": ["Diego", "Lucía", "Carmen", "Luis", "Yolanda", "José", "María", "Ana", "Rafael", "Elena",
           "Andrés", "Isabel", "Miguel", "Rosa", "Javier"],
    "fr": ["Marie-Claire", "Jean-Baptiste", "Sophie", "Aurélie", "Jean", "Nadège", "Frantz", "Mireille",
           "Stéphane", "Guerda", "Wilner", "Évelyne", "Didier"],
    "nl": ["Annelies", "Priya", "Ruben", "Ingrid", "Ricardo", "Sharon", "Glenn", "Natasha", "Dwight"],
}
LAST = {
    "en": ["Joseph", "Brown", "Thomas", "Gittens", "Clarke", "Williams", "Richards", "James", "Daniel",
           "Cumberbatch", "Mohammed", "Alexander", "Walker", "Bain", "Forbes", "Singh", "Persad", "Baptiste",
           "Fergus", "Hodge", "Charles", "Henry", "Morgan"],
    "es": ["Ramírez", "Gómez", "Santos", "Martínez", "Pérez", "Rodríguez", "Fernández", "Díaz", "Castillo",
           "Núñez", "Reyes", "Jiménez", "Vargas"],
    "fr": ["Pierre", "Louis", "Laurent", "Delmas", "Jean-Louis", "Augustin", "Célestin", "Joseph", "Michel",
           "Dorval", "Étienne", "Lafleur"],
    "nl": ["Wever", "Ramdial", "Kartodikromo", "Martina", "Vlaun", "Koolman", "Tromp", "Croes", "Sitaram"],
}
TAGS = ["x-road", "mobile money", "open source", "user research", "gis", "sms", "cloud", "kweyol",
        "data protection", "agile", "procurement", "mobile id", "dashboards", "drones", "fisheries"]
LABS = [
    ("Digital Identity Lab", "digital-identity"), ("Data and Statistics Lab", "data-statistics"),
    ("Service Design Lab", "service-design"), ("Climate Resilience Lab", "climate-resilience"),
    ("Health Information Lab", "health"), ("Open Government Lab", "open-government"),
    ("Education Technology Lab", "education"), ("Tourism Services Lab", "tourism"),
    ("E-Procurement Lab", "open-government"), ("Cybersecurity Lab", "other"),
    ("Interoperability Lab", "data-statistics"), ("Digital Payments Lab", "service-design"),
    ("Fisheries and Blue Economy Lab", "agriculture"), ("Smart Islands Lab", "climate-resilience"),
    ("Civil Registry Lab", "digital-identity"), ("Social Protection Lab", "other"),
    ("Laboratorio de Gobierno Digital", "open-government"), ("Laboratoire d'innovation publique",
    "service-design"),
    ("GovTech Startups Lab", "other"),
]
# fmt: on
LANGUAGE_CODES = ["en", "es", "fr", "nl", "pt", "ht", "pap", "srn", "hi"]
AGRICULTURE_MEMBERS = 300


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(part for part in plain.replace("'", " ").replace("-", " ").split())


def _language(world: World) -> str:
    pick, total = world.rng.random(), 0.0
    for language, share in LANGUAGE_SHARE.items():
        total += share
        if pick < total:
            return language
    return "en"


def add_members(world: World, password_hash: str) -> None:
    """Confirmed, approved members across the region, busy and quiet ones, with filled-in profiles."""
    rng, taken = world.rng, set()
    for number in range(world.scale.members):
        language = _language(world)
        names = "nl" if language == "nl" else language
        first, last = rng.choice(FIRST[names]), rng.choice(LAST[names])
        base = ascii_slug(f"{first} {last}")[:26]
        username = base if base not in taken else f"{base}-{number}"
        taken.add(username)
        country = rng.choice(COUNTRIES[language])
        created = world.between(world.install, world.now - timedelta(days=30))
        role = "admin" if number == 0 else "moderator" if number < 5 else "member"
        weight = min(50.0, rng.paretovariate(1.2))
        writes = "en" if language == "nl" else language
        locale = rng.choice([None, None, language])
        world.members.append(
            Member(0, username, writes, country, created, weight, role, f"{first} {last}", locale)
        )
    world.index_members()
    for member in world.members:
        member.id = world.next_id("users")
        world.mention_paths[member.username] = f"/members/{member.username}"
        world.activity[member.id] = 0
        _account(world, member, password_hash)
        _profile(world, member)


def _account(world: World, member: Member, password_hash: str) -> None:
    created = member.created_at
    world.rows["users"].append({
        "id": member.id, "email": f"{member.username}@gov.{member.country.lower()}.example",
        "username": member.username, "username_key": member.username.casefold(),
        "password_hash": password_hash, "role": member.role, "state": "active", "suspended_until": None,
        "confirmed_at": created + timedelta(minutes=world.rng.randint(2, 600)), "approved_at": created,
        "created_at": created, "password_changed_at": created, "locale": member.locale,
        "timezone": world.rng.choice([None, None, "America/Port_of_Spain", "America/Jamaica"]),
    })  # fmt: skip


def _profile(world: World, member: Member) -> None:
    """What update_profile and set_privacy store: the bio rendered once, with its renderer version."""
    rng, writer = world.rng, Writer(world.rng, member.language)
    organization, job = writer.organization(), writer.job()
    bio = writer.bio(job, organization) if rng.random() < 0.8 else ""
    updated = world.between(member.created_at, member.created_at + timedelta(days=20))
    world.rows["profiles"].append({
        "user_id": member.id, "display_name": member.display_name, "headline": writer.headline(),
        "organization": organization, "job_title": job, "country": member.country, "bio": bio,
        "bio_html": str(render_markdown(bio)), "bio_renderer_version": RENDERER_VERSION,
        "website_url": "https://www.gov.example/digital" if rng.random() < 0.25 else "",
        "linkedin_url": f"https://www.linkedin.com/in/{member.username}" if rng.random() < 0.3 else "",
        "other_url": "", "avatar_key": None,
        "email_visibility": "members" if rng.random() < 0.5 else "nobody",
        "visitor_view": "full" if rng.random() < 0.7 else "summary",
        "activity_count": 0, "created_at": member.created_at, "updated_at": updated,
    })  # fmt: skip
    for code in rng.sample(sorted(EXPERTISE), rng.randint(1, 4)):
        world.rows["profile_expertise"].append({"profile_id": member.id, "code": code})
    spoken = {member.language if member.country not in COUNTRIES["nl"] else "nl"}
    spoken |= set(rng.sample(LANGUAGE_CODES, rng.randint(0, 2)))
    for code in sorted(spoken):
        world.rows["profile_languages"].append({"profile_id": member.id, "code": code})
    for tag in rng.sample(TAGS, rng.randint(0, 3)):
        world.rows["profile_tags"].append({"profile_id": member.id, "tag": tag})


def add_labs(world: World, existing: list[dict]) -> None:
    """The migrations' labs, dated to the install, and new ones up to the scale, each with members."""
    rng = world.rng
    for lab in existing:
        lab["created_at"] = world.install
        world.labs.append(lab)
    for name, theme in LABS[: max(0, world.scale.labs - len(existing))]:
        lab_id = world.next_id("labs")
        writer = Writer(
            rng, "es" if name.startswith("Laboratorio") else "fr" if "innovation" in name else "en"
        )
        description = f"{writer.paragraph(2, 3)}\n\n## {writer.bank['headings'][2]}\n\n" + "\n".join(
            f"- {writer.headline()}" for _ in range(3)
        )
        created = world.between(world.install, world.now - timedelta(days=90))
        row = {
            "id": lab_id, "name": name, "name_key": name_key(name), "slug": slugify(name), "theme": theme,
            "short_description": writer.headline()[:300], "description": description,
            "description_html": str(render_markdown(description)), "description_renderer": RENDERER_VERSION,
            "region": rng.choice(["Caribbean", "Eastern Caribbean", "Greater Antilles", "Guianas"]),
            "contact": "", "cover": None, "status": "active",
            "join_policy": "by_request" if rng.random() < 0.25 else "open", "proposed_by_id": None,
            "created_at": created, "latest_activity_at": created,
        }  # fmt: skip
        world.rows["labs"].append(row)
        world.labs.append(row)
        for code in sorted(rng.sample(ALL_COUNTRIES, rng.randint(2, 6))):
            world.rows["lab_countries"].append({"lab_id": lab_id, "code": code})
    for lab in world.labs:
        leads = _members_of(world, lab)
        if lab in world.rows["labs"]:  # proposed by its first lead, who had joined the network by then
            lab["proposed_by_id"] = leads[0].id
        world.touch_lab(lab["id"], lab["created_at"])
        _resources_and_events(world, lab)


def _members_of(world: World, lab: dict) -> list[Member]:
    """Leads from the start, then members joining over time; a few wait for an answer. Returns the leads."""
    rng, scale = world.rng, world.scale
    ratio = scale.members / 2000
    if lab["slug"] == "agriculture":
        size = max(3, min(AGRICULTURE_MEMBERS, round(AGRICULTURE_MEMBERS * ratio)))
    else:
        size = max(2, round(rng.randint(20, 150) * ratio))
    people = sorted(rng.sample(world.members, min(size, len(world.members))), key=lambda m: m.created_at)
    leads = people[: 3 if lab["slug"] == "agriculture" else rng.randint(1, 2)]
    if lab in world.rows["labs"]:
        lab["created_at"] = max(lab["created_at"], leads[0].created_at + timedelta(hours=1))
        lab["latest_activity_at"] = lab["created_at"]
    rows = world.memberships.setdefault(lab["id"], {})
    for member in people:
        start = max(member.created_at, lab["created_at"])
        lead = member in leads
        joined = start if lead else world.between(start, world.now - timedelta(hours=1))
        waiting = lab["join_policy"] == "by_request" and not lead and rng.random() < 0.05
        row = {
            "id": world.next_id("lab_memberships"), "lab_id": lab["id"], "user_id": member.id,
            "role": "lead" if lead else "member", "state": "pending" if waiting else "active",
            "created_at": joined,
        }  # fmt: skip
        rows[member.id] = row
        world.rows["lab_memberships"].append(row)
        if not waiting:
            world.touch_lab(lab["id"], joined)
    return leads


def _resources_and_events(world: World, lab: dict) -> None:
    """What leads curate: a few links, meetings past and coming (the agriculture lab has the most)."""
    rng = world.rng
    leads = [row["user_id"] for row in world.memberships[lab["id"]].values() if row["role"] == "lead"]
    busy = lab["slug"] == "agriculture"
    writer = Writer(rng, "en")
    for number in range(4 if busy else rng.randint(0, 2)):
        created = world.between(lab["created_at"], world.now - timedelta(days=1))
        world.rows["lab_resources"].append({
            "id": world.next_id("lab_resources"), "lab_id": lab["id"], "title": writer.headline()[:200],
            "url": f"https://www.example.org/resources/{lab['slug']}/{number}", "file_name": None,
            "stored_name": None, "file_size": None, "description": writer.sentence()[:1000],
            "added_by_id": rng.choice(leads), "created_at": created,
        })  # fmt: skip
        world.touch_lab(lab["id"], created)
    for number in range(3 if busy else rng.randint(0, 2)):
        created = world.between(lab["created_at"], world.now - timedelta(days=2))
        starts = created + timedelta(days=rng.randint(5, 40), hours=rng.randint(0, 8))
        starts = starts.replace(minute=0, second=0) if number else world.now + timedelta(days=10)
        world.rows["events"].append({
            "id": world.next_id("events"), "lab_id": lab["id"], "title": writer.headline()[:200],
            "description": writer.paragraph(1, 2)[:2000], "starts_at": starts.replace(minute=0, second=0),
            "ends_at": starts.replace(minute=0, second=0) + timedelta(hours=1, minutes=30),
            "timezone": "America/Port_of_Spain", "online_url": f"https://meet.example.org/{lab['slug']}",
            "place": None, "author_id": rng.choice(leads), "created_at": created, "updated_at": created,
            "series_id": None, "languages": "en", "capacity": None, "registration_deadline": None,
            "extra_questions": "", "checkin_code": None, "attendance_taken": False,
            "evaluation_closed": False, "results_published": False, "invitations_sent_at": None,
            "is_hidden": False, "hidden_at": None, "awaiting_approval": False, "hidden_by_id": None,
        })  # fmt: skip
        world.touch_lab(lab["id"], created)
