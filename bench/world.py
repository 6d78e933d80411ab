"""What the seed builds up before it writes: the scale, the clock, the ids handed out, the rows per table."""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Scale:
    members: int = 2000
    labs: int = 20  # the migrations' labs included
    initiatives: int = 5000
    comments: int = 50_000
    reactions: int = 15_000
    measured_comments: int = 50  # the comments of the initiative the bench measures


FULL = Scale()
# Tables in the order their foreign keys allow; every row the seed makes goes into one of them.
TABLES = (
    "users", "profiles", "profile_expertise", "profile_languages", "profile_tags", "labs", "lab_countries",
    "lab_memberships", "lab_resources", "events", "tags", "initiatives", "initiative_tags",
    "initiative_goals", "follows", "comments", "reactions", "notifications", "notification_settings",
)  # fmt: skip


@dataclass
class Member:
    id: int
    username: str
    language: str  # the language the member writes in
    country: str
    created_at: datetime
    weight: float  # how much the member posts, relative to others
    role: str = "member"
    display_name: str = ""
    locale: str | None = None


@dataclass
class World:
    rng: random.Random
    now: datetime
    scale: Scale
    install: datetime  # when the platform went live: the history starts here
    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    members: list[Member] = field(default_factory=list)
    mention_paths: dict[str, str] = field(default_factory=dict)  # username -> profile path
    categories: dict[str, int] = field(default_factory=dict)
    labs: list[dict] = field(default_factory=list)
    memberships: dict[int, dict[int, dict]] = field(default_factory=dict)  # lab id -> user id -> row
    activity: dict[int, int] = field(default_factory=dict)  # user id -> posts (profiles.activity_count)
    lab_activity: dict[int, datetime] = field(default_factory=dict)  # lab id -> latest activity
    _ids: dict[str, itertools.count] = field(default_factory=dict)
    _cumulative: list[float] = field(default_factory=list)
    _joined: list[datetime] = field(default_factory=list)

    def next_id(self, table: str) -> int:
        return next(self._ids.setdefault(table, itertools.count(1)))

    def start_ids(self, table: str, after: int) -> None:
        self._ids[table] = itertools.count(after + 1)

    def between(self, start: datetime, end: datetime) -> datetime:
        """A moment between two, to the second."""
        if end <= start:
            return start
        seconds = (end - start).total_seconds()
        return start + timedelta(seconds=int(self.rng.random() * seconds))

    def index_members(self) -> None:
        """Members sorted by arrival, with cumulative weights: author picks are a bisect."""
        self.members.sort(key=lambda member: member.created_at)
        self._cumulative = list(itertools.accumulate(member.weight for member in self.members))
        self._joined = [member.created_at for member in self.members]

    def active_member(self, at: datetime) -> Member:
        """A member who had joined by ``at``, the busy ones more often."""
        arrived = max(1, bisect.bisect_right(self._joined, at))
        pick = self.rng.random() * self._cumulative[arrived - 1]
        return self.members[min(bisect.bisect_right(self._cumulative, pick), arrived - 1)]

    def digest_after(self, moment: datetime) -> datetime:
        """The daily digest (06:00 UTC) that first follows ``moment``."""
        digest = moment.replace(hour=6, minute=0, second=0, microsecond=0)
        return digest if digest > moment else digest + timedelta(days=1)

    def touch_lab(self, lab_id: int, moment: datetime) -> None:
        """The services set a lab's latest activity on joins, posts, resources and events."""
        if moment > self.lab_activity.get(lab_id, moment - timedelta(seconds=1)):
            self.lab_activity[lab_id] = moment
