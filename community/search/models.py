"""One row per searchable thing and audience; the database's own full-text index covers ``terms``.

SQLite: an FTS5 table ``search_fts`` over ``terms`` kept in step by triggers. PostgreSQL: a
generated ``tsv`` column with a GIN index. Both are created by the migration, outside the models.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.utils import utcnow

PUBLIC = "public"  # everyone, visitors included
MEMBERS = "members"  # signed-in members only
INITIATIVE, COMMENT, MEMBER, LAB = "initiative", "comment", "member", "lab"  # the kinds of things found
EVENT = "event"  # learning events: community.events registers how they are indexed and shown
TEAM_RESULT = "team-result"  # a published capability-assessment round
CALL = "call"  # a funding call
KINDS: tuple[str, ...] = (INITIATIVE, COMMENT, MEMBER, LAB, EVENT, TEAM_RESULT, CALL)
WITH_MEMBERS_VERSION = (MEMBER,)  # kinds of which members may read more than visitors


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id", "audience"),
        Index("ix_search_documents_kind_updated_at", "kind", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    audience: Mapped[str] = mapped_column(String(10), default=PUBLIC)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    terms: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
