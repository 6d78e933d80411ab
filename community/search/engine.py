"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL tsvector.

Features call ``index_document`` and ``remove_document`` inside their own transaction (they
flush, never commit), so the index follows every write. ``search`` and ``count_by_kind`` answer
the search page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Select,
    and_,
    column,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from community.extensions import db
from community.search.models import MEMBERS, PUBLIC, WITH_MEMBERS_VERSION, SearchDocument
from community.search.query import Query, words
from community.utils import utcnow

RECENCY_DAYS = 90  # activity this recent counts up to double in the ranking


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    body: str
    score: float


def index_document(
    kind: str,
    object_id: int,
    title: str,
    body: str,
    updated_at: datetime | None = None,
    audience: str = PUBLIC,
) -> None:
    """Add or refresh one document in the caller's transaction.

    Plain SQL, no ORM objects: the search package's session events call it from inside a flush.
    """
    values = _values(kind, object_id, title, body, updated_at, audience)
    documents = SearchDocument.__table__
    changed = db.session.execute(
        update(documents)
        .where(documents.c.kind == kind, documents.c.object_id == object_id, documents.c.audience == audience)
        .values(
            title=values["title"], body=values["body"], terms=values["terms"], updated_at=values["updated_at"]
        )
    )
    if changed.rowcount == 0:
        db.session.execute(insert(documents).values(**values))


def insert_documents(rows: list[dict]) -> None:
    """Add many new documents at once (a rebuild: the kind was cleared first)."""
    if rows:
        db.session.execute(insert(SearchDocument.__table__), [_values(**row) for row in rows])


def _values(kind, object_id, title, body, updated_at=None, audience=PUBLIC) -> dict:
    title, body = title or "", body or ""
    return {
        "kind": kind,
        "object_id": object_id,
        "audience": audience,
        "title": title,
        "body": body,
        "terms": " ".join(words(f"{title} {body}")),
        "updated_at": updated_at or utcnow(),
    }


def remove_document(kind: str, object_id: int, audience: str | None = None) -> None:
    """Take a thing (for one audience, or all) out of the index."""
    documents = SearchDocument.__table__
    statement = delete(documents).where(documents.c.kind == kind, documents.c.object_id == object_id)
    if audience:
        statement = statement.where(documents.c.audience == audience)
    db.session.execute(statement)


def clear(kind: str) -> None:
    documents = SearchDocument.__table__
    db.session.execute(delete(documents).where(documents.c.kind == kind))


def _backend():
    return _POSTGRES if db.engine.dialect.name == "postgresql" else _SQLITE


def _visible(members: bool) -> ColumnElement:
    """Visitors read public documents; members read the members' version of a thing when it has one."""
    if not members:
        return SearchDocument.audience == PUBLIC
    fuller = aliased(SearchDocument)
    has_fuller = (
        select(fuller.id)
        .where(
            fuller.kind == SearchDocument.kind,
            fuller.object_id == SearchDocument.object_id,
            fuller.audience == MEMBERS,
        )
        .exists()
    )
    public = SearchDocument.audience == PUBLIC
    return or_(
        SearchDocument.audience == MEMBERS,
        and_(public, SearchDocument.kind.not_in(WITH_MEMBERS_VERSION)),  # checked first: cheaper
        and_(public, ~has_fuller),
    )


def _matching(query: Query, kind: str, members: bool, restrict: Select | None):
    backend = _backend()
    statement, relevance = backend.match(query)
    statement = statement.where(backend.of_kind(kind), _visible(members))
    if restrict is not None:
        statement = statement.where(SearchDocument.object_id.in_(restrict))
    return statement, relevance


def page_of_hits(
    query: Query,
    kind: str,
    members: bool = False,
    page: int = 1,
    per_page: int = 20,
    restrict: Select | None = None,
) -> list[Hit]:
    """One page of hits of one kind, best first (relevance boosted by recent activity)."""
    if query.is_empty:
        return []
    statement, relevance = _matching(query, kind, members, restrict)
    score = (relevance * (1 + _backend().recency(SearchDocument.updated_at))).label("score")
    rows = db.session.execute(
        statement.with_only_columns(
            SearchDocument.kind, SearchDocument.object_id, SearchDocument.title, SearchDocument.body, score
        )
        .order_by(score.desc(), SearchDocument.object_id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    )
    return [Hit(*row) for row in rows]


def count_by_kind(query: Query, restricts: dict[str, Select | None], members: bool = False) -> dict[str, int]:
    """How many things of each kind match: the numbers on the tabs."""
    counts = dict.fromkeys(restricts, 0)
    if query.is_empty:
        return counts
    statement, _relevance = _backend().match(query)  # one pass over the matches, whatever their kind
    statement = statement.where(_visible(members))
    for kind, restrict in restricts.items():
        if restrict is not None:
            in_restriction = SearchDocument.object_id.in_(restrict)
            statement = statement.where(or_(SearchDocument.kind != kind, in_restriction))
    grouped = statement.with_only_columns(SearchDocument.kind, func.count()).group_by(SearchDocument.kind)
    counts.update((kind, total) for kind, total in db.session.execute(grouped) if kind in counts)
    return counts


_FTS = table("search_fts", column("rowid"))


class _SQLite:
    """FTS5: ``search_fts`` (content=search_documents) answers MATCH; bm25 ranks (lower is better)."""

    @staticmethod
    def expression(query: Query) -> str:
        def quoted(tokens):
            return '"' + " ".join(tokens) + '"'

        parts = [quoted([word]) for word in query.required]
        parts += [quoted(phrase) for phrase in query.phrases]
        if query.prefix:
            parts.append(quoted([query.prefix]) + "*")
        expression = " AND ".join(parts)
        for word in query.excluded:
            expression += " NOT " + quoted([word])
        return expression

    def match(self, query: Query):
        relevance = -literal_column("bm25(search_fts)")
        statement = (
            select(SearchDocument.id, SearchDocument.object_id)
            .join(_FTS, _FTS.c.rowid == SearchDocument.id)
            .where(literal_column("search_fts").op("MATCH")(self.expression(query)))
        )
        return statement, relevance

    @staticmethod
    def of_kind(kind: str) -> ColumnElement:
        """The kind, written ``+kind`` so that SQLite cannot use its index: the full-text match must drive
        the query (one MATCH, then a row lookup per hit). Led by the kind's index instead, SQLite runs the
        MATCH again for every document of the kind: 30 s for a common word among 50,000 comments."""
        return literal_column("+search_documents.kind") == kind

    @staticmethod
    def recency(column):
        age = func.julianday("now") - func.julianday(column)
        return 1.0 / (1.0 + func.max(age, 0) / RECENCY_DAYS)


class _Postgres:
    """tsvector ``tsv`` (generated from ``terms``, GIN-indexed) answers @@; ts_rank_cd ranks."""

    @staticmethod
    def expression(query: Query) -> str:
        parts = [f"'{word}'" for word in query.required]
        parts += ["(" + " <-> ".join(f"'{word}'" for word in phrase) + ")" for phrase in query.phrases]
        if query.prefix:
            parts.append(f"'{query.prefix}':*")
        parts += [f"!'{word}'" for word in query.excluded]
        return " & ".join(parts)

    def match(self, query: Query):
        tsquery = func.to_tsquery("simple", self.expression(query))
        tsv = literal_column("search_documents.tsv")
        statement = select(SearchDocument.id, SearchDocument.object_id).where(tsv.op("@@")(tsquery))
        return statement, func.ts_rank_cd(tsv, tsquery)

    @staticmethod
    def of_kind(kind: str) -> ColumnElement:
        return SearchDocument.kind == kind

    @staticmethod
    def recency(column):
        age = func.extract("epoch", func.timezone("utc", func.now()) - column) / 86400.0
        return 1.0 / (1.0 + func.greatest(age, 0) / RECENCY_DAYS)


_SQLITE = _SQLite()
_POSTGRES = _Postgres()
