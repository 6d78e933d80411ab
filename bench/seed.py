"""Seed the benchmark's data set into a fresh, migrated database, fast.

    COMMUNITY_INSTANCE=/tmp/bench .venv/bin/flask --app community db upgrade
    COMMUNITY_INSTANCE=/tmp/bench .venv/bin/python -m bench.seed          # or DATABASE_URL=postgresql://…

2,000 members with profiles in 25 countries, 20 labs with members, resources and events, 5,000
initiatives, 50,000 comments (one initiative has exactly 50: the one the bench measures) and
reactions, in English, Spanish and French, drawn from the word banks in bench/texts.py with a
seeded random generator: the same data set every time (dates follow the clock).

The fast path: nothing goes through the ORM or the services one by one. The seed computes every
row in Python first, then writes each table with one SQLAlchemy Core executemany, one transaction
per table. It makes the rows the services would have made:

- markdown stored rendered by community.markdown.render_markdown with RENDERER_VERSION, "@name"
  linked to the member's page as the forum's services do (initiatives, comments, bios, labs);
- counters exact: initiatives.comment_count (comments neither deleted nor hidden), useful_count of
  initiatives and comments (their reactions), last_activity_at (the latest comment),
  profiles.activity_count (initiatives + comments not deleted), labs.latest_activity_at (joins,
  posts, resources, events);
- the follows add_comment makes (authors and commenters follow), and for the comments of the last 60
  days the notifications it sends (one per follower, mention or reply; never to the actor), read by
  most members after a while and marked e-mailed by the daily digest (06:00 UTC) that followed, with
  the digest's notification_settings rows. Older comments get none: with every commenter following
  the thread, the whole history would make over a million notifications, which no page reads, and
  seeding them would take longer than the rest of the data set;
- the search index rebuilt once at the end by the app's own `search reindex` code.

On PostgreSQL the seed ends with ANALYZE, as autovacuum would shortly after such a load; SQLite
gets no statistics (sqlite_stat1), as in a deployment that never runs ANALYZE or PRAGMA optimize.

Every account has the same password (BENCH_PASSWORD): it is hashed once and the hash reused, since
2,000 scrypt hashes would take longer than all the rest. Rows the migrations made (the agriculture
lab, the categories) are dated back to the install, three years ago, when the history starts.
Not seeded: avatars and covers (no files), attachments, edits and their revisions, moderation.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import fields
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import current_app
from sqlalchemy import func, select, text, update
from werkzeug.security import generate_password_hash

from bench import seed_forum, seed_people
from bench.world import FULL, TABLES, Scale, World
from community import create_app
from community.auth.models import User
from community.extensions import db
from community.forum.services import initiative_path
from community.search import indexers
from community.utils import utcnow

BENCH_PASSWORD = "bench-caribbean-2026"  # noqa: S105 - every seeded account's, printed on purpose
SEARCH_WORD = "data"  # frequent in the English texts: the bench's search has thousands of hits
WRITERS = 8


def seed(scale: Scale = FULL, seed_value: int = 2026) -> dict:
    """Fill the app's (empty, migrated) database; returns what the bench needs to know about it."""
    if db.session.scalar(select(func.count()).select_from(User)):
        raise SystemExit("The database has members already: the bench seeds a fresh one.")
    now = utcnow().replace(microsecond=0)
    world = World(random.Random(seed_value), now, scale, install=now - timedelta(days=3 * 365))
    for name in TABLES:
        table = db.metadata.tables[name]
        if "id" in table.c:
            world.start_ids(name, db.session.scalar(select(func.max(table.c.id))) or 0)
    world.categories = dict(
        db.session.execute(text("SELECT slug, id FROM categories ORDER BY position")).all()
    )
    existing_labs = [dict(row._mapping) for row in db.session.execute(db.metadata.tables["labs"].select())]
    db.session.commit()

    password_hash = generate_password_hash(BENCH_PASSWORD, method=current_app.config["PASSWORD_HASH_METHOD"])
    seed_people.add_members(world, password_hash)
    seed_people.add_labs(world, existing_labs)
    tag_ids = {name: world.next_id("tags") for name in seed_forum.TAGS}
    world.rows["tags"] = [{"id": tag_id, "name": name} for name, tag_id in tag_ids.items()]
    initiatives = seed_forum.add_initiatives(world, tag_ids)
    measured, counts = seed_forum.comment_counts(world, initiatives)
    seed_forum.add_comments(world, initiatives, counts, measured)
    base = initiative_path(999_999_999)
    seed_forum.finish_threads(
        world, initiatives, lambda i, c: f"{base.replace('999999999', str(i))}#comment-{c}"
    )
    seed_forum.add_reactions(world, initiatives)
    seed_forum.render_all(world)
    _settle(world)
    _write(world, existing_labs)
    indexers.reindex()
    if db.engine.dialect.name == "postgresql":  # what autovacuum does a minute after such a load
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    return _manifest(world, initiatives[measured])


def _settle(world: World) -> None:
    """The counters and orderings that depend on everything else."""
    for profile in world.rows["profiles"]:
        profile["activity_count"] = world.activity[profile["user_id"]]
    for lab in world.labs:
        lab["latest_activity_at"] = world.lab_activity[lab["id"]]
    for name in ("notifications", "reactions"):  # ids in the order the rows were made
        world.rows[name].sort(key=lambda row: row["created_at"])
        world.start_ids(name, 0)
        for row in world.rows[name]:
            row["id"] = world.next_id(name)
    last_digest: dict[int, object] = {}
    for notification in world.rows["notifications"]:
        if notification["emailed_at"] is not None:
            last_digest[notification["user_id"]] = notification["emailed_at"]  # sorted: the last one wins
    world.rows["notification_settings"] = [
        {"user_id": user_id, "email_mode": "daily", "last_digest_at": moment}
        for user_id, moment in sorted(last_digest.items())
    ]


def _write(world: World, existing_labs: list[dict]) -> None:
    """One executemany per table, one transaction each; then the sequences PostgreSQL hands ids from."""
    db.session.commit()
    engine = db.engine
    for name in TABLES:
        if world.rows[name]:
            with engine.begin() as connection:
                connection.execute(db.metadata.tables[name].insert(), world.rows[name])
    labs, categories = db.metadata.tables["labs"], db.metadata.tables["categories"]
    with engine.begin() as connection:
        for lab in existing_labs:
            connection.execute(
                update(labs)
                .where(labs.c.id == lab["id"])
                .values(created_at=lab["created_at"], latest_activity_at=lab["latest_activity_at"])
            )
        connection.execute(update(categories).values(created_at=world.install))
        if engine.dialect.name == "postgresql":
            for table in db.metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement in (True, "auto") and table.c.id.primary_key:
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                             f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)")
                    )  # fmt: skip


def _manifest(world: World, measured: dict) -> dict:
    """The pages and accounts the bench uses: plain English-speaking members, the busiest profile."""
    profiles = {row["user_id"]: row for row in world.rows["profiles"]}
    plain = [
        m
        for m in world.members
        if (m.role, m.language, m.locale, profiles[m.id]["visitor_view"]) == ("member", "en", None, "full")
    ]
    busiest = max(plain, key=lambda m: (world.activity[m.id], -m.id))
    others = sorted((m for m in plain if m is not busiest), key=lambda m: -world.activity[m.id])
    return {
        "initiative_id": measured["id"],
        "initiative_comments": measured["comment_count"],
        "profile": busiest.username,
        "reader": others[0].username if others else busiest.username,
        "writers": [m.username for m in others[1 : WRITERS + 1]],
        "password": BENCH_PASSWORD,
        "search": SEARCH_WORD,
        "lab": "agriculture",
        "rows": {name: len(rows) for name, rows in world.rows.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for field in fields(Scale):
        parser.add_argument(f"--{field.name.replace('_', '-')}", type=int, default=field.default)
    parser.add_argument("--manifest", help="write what the bench needs (ids, accounts) to this JSON file")
    args = parser.parse_args()
    app = create_app()
    scale = Scale(**{field.name: getattr(args, field.name) for field in fields(Scale)})
    with app.app_context():
        started = time.perf_counter()
        manifest = seed(scale)
        manifest["seconds"] = round(time.perf_counter() - started, 1)
        manifest["backend"] = db.engine.dialect.name
    rows = manifest["rows"]
    print(
        f"Seeded {rows['users']} members, {rows['initiatives']} initiatives, {rows['comments']} comments, "
        f"{rows['reactions']} reactions, {rows['notifications']} notifications into {manifest['backend']} "
        f"in {manifest['seconds']} s."
    )
    if args.manifest:
        Path(args.manifest).write_text(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
