"""Initiatives, comments and reactions, with the follows and notifications the forum's services make."""

from __future__ import annotations

import bisect
import itertools
import multiprocessing
import os
from datetime import datetime, timedelta

from bench.seed_people import ALL_COUNTRIES
from bench.texts import Writer
from bench.world import Member, World
from community.forum.vocabulary import SECTORS, Licence, Stage
from community.markdown import RENDERER_VERSION, render_markdown

# fmt: off
TAGS = ["farmer-registry", "open-data", "digital-id", "e-services", "sms", "mobile-money", "gis",
"early-warning",
        "telemedicine", "x-road", "procurement", "open-source", "dashboards", "interoperability",
        "cybersecurity", "hurricanes", "drought", "fisheries", "census", "e-signature"]
SECTOR_OF_CATEGORY = {
    "digital-identity": ["public-administration", "digital", "justice", "social"],
    "data-sharing": ["digital", "health", "finance", "public-administration"],
    "agriculture": ["agriculture", "environment", "trade"],
    "skills-leadership": ["education", "public-administration"],
    "funding-partnerships": ["finance", "trade", "infrastructure", "tourism"],
    "questions": list(SECTORS),
}
# fmt: on
MENTIONS = 0.03  # share of comments that mention a member
REPLIES = 0.25  # share of comments that answer an earlier one
DELETED = 0.01  # share of comments their authors removed


NOTIFIED_DAYS = 60  # notifications are made for the comments of the last days only (see seed.py)
_paths: dict[str, str] = {}  # username key -> profile path, for the rendering processes


def _render(source: str) -> str:
    """The forum's markdown as its services store it: "@username" linked to the members mentioned."""
    return str(render_markdown(source, lambda name: _paths.get(name.casefold())))


def render_all(world: World) -> None:
    """Render every initiative's and comment's markdown, on every core (the one slow part of the seed)."""
    _paths.clear()
    _paths.update({name.casefold(): path for name, path in world.mention_paths.items()})
    fields = [(row, "body") for row in world.rows["initiatives"]]
    fields += [(row, "outcomes") for row in world.rows["initiatives"]]
    fields += [(row, "body") for row in world.rows["comments"]]
    sources = list(dict.fromkeys(row[name] for row, name in fields))  # short comments repeat
    if len(sources) < 5000:  # small data sets (the tests): not worth the processes
        rendered = {source: _render(source) for source in sources}
    else:
        with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
            rendered = dict(zip(sources, pool.map(_render, sources, chunksize=500), strict=True))
    for row, name in fields:
        row[f"{name}_html"] = rendered[row[name]]


def add_initiatives(world: World, tag_ids: dict[str, int]) -> list[dict]:
    """Initiatives across the categories and labs, dated over the network's life, oldest first."""
    rng = world.rng
    drafts = []
    for _ in range(world.scale.initiatives):
        created = world.between(world.install + timedelta(days=7), world.now - timedelta(hours=2))
        author = world.active_member(created)
        drafts.append((max(created, author.created_at + timedelta(hours=1)), author))
    drafts.sort(key=lambda draft: draft[0])
    initiatives = []
    for created, author in drafts:
        initiatives.append(_initiative(world, created, author, tag_ids))
    for position in rng.sample(range(len(initiatives)), min(3, len(initiatives))):
        initiatives[position]["is_pinned"] = True
    world.rows["initiatives"] = initiatives
    return initiatives


def _initiative(world: World, created: datetime, author: Member, tag_ids) -> dict:
    rng = world.rng
    language = author.language if rng.random() < 0.9 else "en"
    writer = Writer(rng, language)
    category = rng.choice(list(world.categories))
    stage = rng.choice(list(Stage))
    body, outcomes = writer.body(), "" if stage == Stage.IDEA else writer.outcomes()
    site = f"https://www.gov.{author.country.lower()}.example"
    row = {
        "id": world.next_id("initiatives"), "category_id": world.categories[category], "author_id": author.id,
        "lab_id": _lab_for(world, author, created), "title": writer.title(), "summary": writer.summary(),
        "body": body, "body_html": None, "outcomes": outcomes, "outcomes_html": None,
        "country": author.country if rng.random() < 0.8 else rng.choice([*ALL_COUNTRIES, "regional"]),
        "sector": rng.choice(SECTOR_OF_CATEGORY.get(category, list(SECTORS))), "stage": stage.value,
        "language": language, "licence": rng.choice(list(Licence)).value,
        "links": "\n".join(f"{site}/p/{n}" for n in range(rng.randint(0, 2))),
        "is_locked": False, "is_pinned": False, "comment_count": 0, "useful_count": 0, "created_at": created,
        "edited_at": None, "last_activity_at": created, "submission_token": None,
        "html_version": RENDERER_VERSION, "is_hidden": False, "hidden_at": None, "awaiting_approval": False,
        "hidden_by_id": None,
    }  # fmt: skip
    if row["lab_id"] is not None:
        world.touch_lab(row["lab_id"], created)
    for tag in rng.sample(TAGS, rng.randint(0, 4)):
        world.rows["initiative_tags"].append({"initiative_id": row["id"], "tag_id": tag_ids[tag]})
    for sdg in sorted(rng.sample(range(1, 18), rng.randint(1, 3))):
        world.rows["initiative_goals"].append({"initiative_id": row["id"], "sdg": sdg})
    world.rows["follows"].append({"user_id": author.id, "initiative_id": row["id"], "created_at": created})
    world.activity[author.id] += 1  # record_activity(author, 1)
    return row


def _lab_for(world: World, author: Member, created: datetime) -> int | None:
    """A third of the posts go to a lab the author was an active member of by then."""
    if world.rng.random() > 0.35:
        return None
    labs = [
        lab_id
        for lab_id, rows in world.memberships.items()
        if author.id in rows
        and rows[author.id]["state"] == "active"
        and rows[author.id]["created_at"] <= created
    ]
    return world.rng.choice(labs) if labs else None


def comment_counts(world: World, initiatives: list[dict]) -> tuple[int, list[int]]:
    """How many comments each initiative gets: many none or a few, a heavy tail, one with exactly 50."""
    rng, total = world.rng, world.scale.comments
    month_old = [i for i, row in enumerate(initiatives) if row["created_at"] < world.now - timedelta(days=30)]
    english = [i for i in month_old if initiatives[i]["language"] == "en" and not initiatives[i]["is_pinned"]]
    measured = (english or month_old or [0])[-1]
    counts = [0] * len(initiatives)
    counts[measured] = min(world.scale.measured_comments, total)
    weights = [
        0.0 if i == measured or rng.random() < 0.15 else min(60.0, rng.paretovariate(1.3))
        for i in range(len(initiatives))
    ]
    left, weight = total - counts[measured], sum(weights)
    for i, w in enumerate(weights):
        counts[i] += int(left * w / weight) if weight else 0
    cumulative = list(itertools.accumulate(weights))
    for _ in range(total - sum(counts)):  # the rounding's remainder, where the weights say
        counts[min(bisect.bisect_right(cumulative, rng.random() * cumulative[-1]), len(counts) - 1)] += 1
    return measured, counts


def add_comments(world: World, initiatives: list[dict], counts: list[int], measured: int) -> None:
    """Threads in time order, then ids in global time order, as posting one by one would give."""
    rng, drafts = world.rng, []
    for position, (initiative, count) in enumerate(zip(initiatives, counts, strict=True)):
        end = min(world.now - timedelta(minutes=10), initiative["created_at"] + timedelta(days=240))
        moments = sorted(
            world.between(initiative["created_at"] + timedelta(minutes=5), end) for _ in range(count)
        )
        thread: list[dict] = []
        for moment in moments:
            author = world.active_member(moment)
            language = initiative["language"] if rng.random() < 0.85 else "en"
            mention = world.active_member(moment) if rng.random() < MENTIONS else None
            body = Writer(rng, language).comment(mention.username if mention else None)
            openers = [c for c in thread if c["parent"] is None and c["deleted_at"] is None]
            parent = rng.choice(openers) if openers and rng.random() < REPLIES else None
            removed = moment + timedelta(hours=rng.randint(1, 48)) if rng.random() < DELETED else None
            removed = None if position == measured else removed  # the measured thread shows all its 50
            comment = {
                "id": 0, "initiative_id": initiative["id"], "parent": parent, "author_id": author.id,
                "body": body, "body_html": None, "language": language, "useful_count": 0,
                "created_at": moment, "edited_at": None,
                "deleted_at": removed if removed and removed < world.now else None,
                "submission_token": None, "html_version": RENDERER_VERSION, "is_hidden": False,
                "hidden_at": None,
                "awaiting_approval": False, "hidden_by_id": None,
                "mentioned": mention.id if mention else None,
            }  # fmt: skip
            thread.append(comment)
        drafts += thread
    drafts.sort(key=lambda comment: comment["created_at"])
    for comment in drafts:
        comment["id"] = world.next_id("comments")
    world.rows["comments"] = drafts


def finish_threads(world: World, initiatives: list[dict], path_of) -> None:
    """Per thread, what add_comment and delete_comment leave: counts, activity, follows, notifications."""
    by_initiative: dict[int, list[dict]] = {}
    for comment in world.rows["comments"]:
        by_initiative.setdefault(comment["initiative_id"], []).append(comment)
    for initiative in initiatives:
        followers = {initiative["author_id"]}
        thread = by_initiative.get(initiative["id"], [])
        for comment in thread:
            author = comment["author_id"]
            if author not in followers:
                followers.add(author)
                world.rows["follows"].append(
                    {
                        "user_id": author,
                        "initiative_id": initiative["id"],
                        "created_at": comment["created_at"],
                    }
                )
            world.activity[author] += 1
            if comment["deleted_at"] is not None:  # delete_comment: record_activity(author, -1)
                world.activity[author] -= 1
            if comment["created_at"] >= world.now - timedelta(days=NOTIFIED_DAYS):
                _notify(world, initiative, comment, followers, path_of(initiative["id"], comment["id"]))
        visible = [c for c in thread if c["deleted_at"] is None and not c["is_hidden"]]
        initiative["comment_count"] = len(visible)
        if thread:
            initiative["last_activity_at"] = thread[-1]["created_at"]
    for comment in world.rows["comments"]:
        parent = comment.pop("parent")
        comment["parent_id"] = parent["id"] if parent else None
        comment.pop("mentioned")


def _notify(world: World, initiative: dict, comment: dict, followers: set[int], url: str) -> None:
    """One notification per member: a reply beats a mention, a mention beats a followed thread."""
    kinds = dict.fromkeys(followers, "comment")
    if comment["mentioned"] is not None:
        kinds[comment["mentioned"]] = "mention"
    if comment["parent"] is not None and comment["parent"]["author_id"] is not None:
        kinds[comment["parent"]["author_id"]] = "reply"
    kinds.pop(comment["author_id"], None)  # never the actor
    for user_id, kind in kinds.items():
        world.rows["notifications"].append(
            _notification(world, user_id, comment, kind, initiative["title"], url)
        )


def _notification(world: World, user_id: int, comment: dict, kind: str, subject: str, url: str) -> dict:
    """Read after a while by most; e-mailed in the daily digest that followed (the default mode)."""
    created = comment["created_at"]
    digest = world.digest_after(created)
    read = created + timedelta(hours=world.rng.randint(1, 120)) if world.rng.random() < 0.85 else None
    return {
        "id": 0, "user_id": user_id, "actor_id": comment["author_id"], "kind": kind, "subject": subject[:200],
        "url": url[:500], "created_at": created, "read_at": read if read and read < world.now else None,
        "emailed_at": digest if digest <= world.now else None,
    }  # fmt: skip


def add_reactions(world: World, initiatives: list[dict]) -> None:
    """Members mark others' posts useful, once each (toggle_useful); never their own or removed ones."""
    rng, seen = world.rng, set()
    comments = [c for c in world.rows["comments"] if c["deleted_at"] is None]
    for _ in range(world.scale.reactions):
        on_comment = comments and rng.random() < 0.4
        target = rng.choice(comments) if on_comment else rng.choice(initiatives)
        when = world.between(target["created_at"], world.now - timedelta(minutes=1))
        user = world.active_member(when)
        key = ("comment_id" if on_comment else "initiative_id", target["id"], user.id)
        if user.id == target["author_id"] or key in seen or user.created_at > when:
            continue
        seen.add(key)
        target["useful_count"] += 1
        world.rows["reactions"].append({
            "id": world.next_id("reactions"), "user_id": user.id, "created_at": when,
            "initiative_id": None if on_comment else target["id"],
            "comment_id": target["id"] if on_comment else None,
        })  # fmt: skip
