"""What the API reads and writes, as Pydantic models: the requests are checked and the OpenAPI document
is written from these same classes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from community.forum import vocabulary as v
from community.utils import utc_iso

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?\Z")


def _as_utc(moment: datetime) -> datetime:
    """What the database stores: UTC without tzinfo (a moment without a zone is read as UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


Moment = Annotated[
    datetime,
    PlainSerializer(utc_iso, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def _iso_text(value):
    """Only an ISO 8601 date-time: Pydantic would read "7" as seconds since 1970."""
    if not isinstance(value, str) or not ISO_MOMENT.match(value):
        raise ValueError("give a date-time such as 2026-01-31T00:00:00Z")
    return value


Since = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_as_utc)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Tag = Annotated[str, StringConstraints(pattern=r"^[\w-]{2,30}$")]
Link = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+\S*$", max_length=500)]
Goal = Annotated[int, Field(ge=1, le=17)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Queries


class ListQuery(Strict):
    cursor: str | None = Field(None, max_length=200, description="The next_cursor of the previous page.")
    limit: int = Field(50, ge=1, le=100, description="How many items a page holds.")
    updated_since: Since | None = Field(None, description="Only items changed at or after this moment.")


class InitiativeQuery(ListQuery):
    category: str | None = Field(None, max_length=60, description="A category's slug.")
    tag: str | None = Field(None, max_length=40)
    country: str | None = Field(None, max_length=16, description="ISO 3166 code, or 'regional'.")
    sector: str | None = Field(None, max_length=32)
    sdg: int | None = Field(None, ge=1, le=17)
    stage: v.Stage | None = None
    language: str | None = Field(None, max_length=8)
    lab: str | None = Field(None, max_length=60, description="A lab's slug.")


class MemberQuery(ListQuery):
    country: str | None = Field(None, max_length=2)


# Answers


class Person(BaseModel):
    username: str
    display_name: str
    url: str


class CommentOut(BaseModel):
    id: int
    parent_id: int | None
    author: Person | None
    body: str
    body_html: str
    language: str
    created_at: Moment
    edited_at: Moment | None


class InitiativeOut(BaseModel):
    id: int
    url: str
    title: str
    summary: str
    category: str
    category_name: str
    country: str
    sector: str
    sdgs: list[int]
    stage: str
    tags: list[str]
    language: str
    lab: str | None
    author: Person | None
    licence: str
    licence_url: str
    comment_count: int
    useful_count: int
    created_at: Moment
    updated_at: Moment


class InitiativeDetail(InitiativeOut):
    body: str
    body_html: str
    outcomes: str
    outcomes_html: str
    links: list[str]
    comments: list[CommentOut]


class LabOut(BaseModel):
    slug: str
    url: str
    name: str
    theme: str
    short_description: str
    description: str
    region: str
    countries: list[str]
    status: str
    join_policy: str
    created_at: Moment
    updated_at: Moment


class MemberOut(BaseModel):
    """What a visitor may read of a profile: more only where the member opened it to everyone."""

    username: str
    url: str
    display_name: str
    headline: str
    country: str | None
    full_profile: bool
    job_title: str | None = None
    organization: str | None = None
    bio: str | None = None
    expertise: list[str] | None = None
    languages: list[str] | None = None
    tags: list[str] | None = None
    joined_at: Moment


class Page(BaseModel):
    next_cursor: str | None = Field(description="Pass it as ?cursor= for the next page; null on the last.")


class InitiativePage(Page):
    items: list[InitiativeOut]


class LabPage(Page):
    items: list[LabOut]


class MemberPage(Page):
    items: list[MemberOut]


# Writes


class InitiativeIn(Strict):
    title: Annotated[Text, StringConstraints(max_length=200)]
    summary: Annotated[Text, StringConstraints(max_length=500)]
    body: Annotated[Text, StringConstraints(max_length=50_000)]
    category: str = Field(max_length=60, description="A category's slug.")
    country: str = Field(max_length=16, description="ISO 3166 code, or 'regional'.")
    sector: str = Field(max_length=32)
    stage: v.Stage = v.Stage.IDEA
    language: str = Field("en", max_length=8)
    licence: v.Licence = v.Licence.CC_BY
    outcomes: str = Field("", max_length=20_000)
    lab: str | None = Field(None, max_length=60, description="A lab's slug; you must be its member.")
    sdgs: list[Goal] = Field(default_factory=list, max_length=17)
    tags: list[Tag] = Field(default_factory=list, max_length=8)
    links: list[Link] = Field(default_factory=list, max_length=10)


class InitiativePatch(Strict):
    """Only the fields sent change."""

    title: Annotated[Text, StringConstraints(max_length=200)] | None = None
    summary: Annotated[Text, StringConstraints(max_length=500)] | None = None
    body: Annotated[Text, StringConstraints(max_length=50_000)] | None = None
    category: str | None = Field(None, max_length=60)
    country: str | None = Field(None, max_length=16)
    sector: str | None = Field(None, max_length=32)
    stage: v.Stage | None = None
    language: str | None = Field(None, max_length=8)
    licence: v.Licence | None = None
    outcomes: str | None = Field(None, max_length=20_000)
    lab: str | None = Field(None, max_length=60)
    sdgs: list[Goal] | None = Field(None, max_length=17)
    tags: list[Tag] | None = Field(None, max_length=8)
    links: list[Link] | None = Field(None, max_length=10)


class CommentIn(Strict):
    body: Annotated[Text, StringConstraints(max_length=20_000)]
    language: str = Field("en", max_length=8)
    parent_id: int | None = Field(None, ge=1, le=2**31 - 1)
