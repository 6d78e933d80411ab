"""Columns that let moderators act on member content without destroying it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, false
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class HideableMixin:
    """Hidden content stays in the database: moderators and its author still see it, marked."""

    is_hidden: Mapped[bool] = mapped_column(default=False)  # indexed on hidden rows only (see forum.models)
    hidden_at: Mapped[datetime | None]
    # A newcomer's first post held for a moderator ("first posts need approval"): hidden meanwhile.
    awaiting_approval: Mapped[bool] = mapped_column(default=False, server_default=false())

    @declared_attr
    def hidden_by_id(cls) -> Mapped[int | None]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
