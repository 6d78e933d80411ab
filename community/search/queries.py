"""What the search page reads: counts per kind, one page of hits, the things behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil

from flask import abort
from markupsafe import Markup
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from community.assessments.models import Round
from community.extensions import db
from community.forum import queries as forum_queries
from community.forum.models import Comment, Initiative
from community.funding.models import Call
from community.labs.models import Lab
from community.profiles.models import Profile
from community.search import engine
from community.search.documents import CALL, COMMENT, INITIATIVE, KINDS, LAB, MEMBER, TEAM_RESULT
from community.search.query import Query
from community.search.snippets import snippet

_LOADS = {
    INITIATIVE: lambda ids: (
        select(Initiative)
        .where(Initiative.id.in_(ids))
        .options(joinedload(Initiative.author), joinedload(Initiative.category))
    ),
    COMMENT: lambda ids: (
        select(Comment)
        .where(Comment.id.in_(ids))
        .options(joinedload(Comment.author), joinedload(Comment.initiative))
    ),
    MEMBER: lambda ids: select(Profile).where(Profile.user_id.in_(ids)).options(joinedload(Profile.user)),
    LAB: lambda ids: select(Lab).where(Lab.id.in_(ids)).options(selectinload(Lab.countries)),
    TEAM_RESULT: lambda ids: select(Round).where(Round.id.in_(ids)).options(selectinload(Round.team)),
    CALL: lambda ids: select(Call).where(Call.id.in_(ids)),
}


@dataclass
class Result:
    thing: object
    title: Markup
    snippet: Markup


@dataclass
class Results:
    """One page of one kind's hits, with what the tabs and the pager show."""

    kind: str
    counts: dict[str, int]
    page: int
    per_page: int
    items: list[Result] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.counts[self.kind]

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page)

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def initiative_restriction(filters: forum_queries.Filters, viewer) -> Select:
    """The ids the forum list would show with these filters: the same conditions, whatever they become."""
    return forum_queries.list_statement(filters, viewer).with_only_columns(Initiative.id).order_by(None)


def search(query: Query, kind: str, restrict: Select, members: bool, page: int, per_page: int) -> Results:
    """Counts per kind and the page asked for; 404 past the last page. A fixed number of queries."""
    restricts = {name: (restrict if name == INITIATIVE else None) for name in KINDS}
    results = Results(kind, engine.count_by_kind(query, restricts, members), page, per_page)
    if page < 1 or (page > 1 and page > results.pages):
        abort(404)
    if not results.total:
        return results
    hits = engine.page_of_hits(query, kind, members, page, per_page, restricts[kind])  # counted above
    key = Profile.user_id if kind == MEMBER else None
    things = {
        (thing.user_id if key is not None else thing.id): thing
        for thing in db.session.scalars(_LOADS[kind]([hit.object_id for hit in hits]))
    }
    for hit in hits:
        thing = things.get(hit.object_id)
        if thing is not None:
            title = snippet(hit.title, query, width=60) if hit.title else Markup("")
            results.items.append(Result(thing, title, snippet(hit.body, query)))
    return results
