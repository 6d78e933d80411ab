"""What the index holds for each kind of thing, and for whom: one builder per kind.

A builder takes one object and returns the documents it should have now (none when it is hidden,
deleted, unlisted or inactive); ``refresh`` makes the index agree. The same builders rebuild the
whole index (``flask search reindex``), in batches.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from babel import Locale
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.assessments.models import Round
from community.extensions import db
from community.forum import vocabulary as forum_vocabulary
from community.forum.models import Comment, Initiative
from community.funding.models import Call
from community.funding.vocabulary import KINDS as CALL_KINDS
from community.labs.models import THEME_LABELS, Lab, LabStatus
from community.profiles import vocabulary as profile_vocabulary
from community.profiles.models import Profile, VisitorView
from community.search import engine, indexers
from community.search.models import (
    CALL,
    COMMENT,
    INITIATIVE,
    KINDS,
    LAB,
    MEMBER,
    MEMBERS,
    PUBLIC,
    TEAM_RESULT,
)

# Names of countries, expertise and themes are indexed in every language of the site.
LANGUAGES = ("en", "es", "fr", "nl")
BATCH = 500
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Document:
    audience: str
    title: str
    body: str
    updated_at: datetime


def plain(markup: str | None) -> str:
    """Readable text of stored, sanitized HTML: what a snippet shows."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup or ""))).strip()


def _join(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _country_names(codes: Iterable[str | None]) -> str:
    names = []
    for code in filter(None, codes):
        names += sorted({Locale.parse(lang).territories.get(code, code) for lang in LANGUAGES})
    return " ".join(names)


def _labels(labels: Iterable) -> str:
    """Translated labels (lazy strings) in every language of the site."""
    labels = list(labels)
    found: list[str] = []
    for lang in LANGUAGES:
        with force_locale(lang):
            found += [str(label) for label in labels if str(label) not in found]
    return " ".join(found)


def initiative_documents(initiative: Initiative) -> list[Document]:
    if initiative.is_hidden:
        return []
    body = _join(
        initiative.summary,
        plain(initiative.html("body")),
        plain(initiative.html("outcomes")),
        " ".join(tag.name for tag in initiative.tags),
        initiative.category.name,
        _labels([forum_vocabulary.SECTORS.get(initiative.sector, initiative.sector)]),
        _country_names([initiative.country]),
    )
    return [Document(PUBLIC, initiative.title, body, initiative.last_activity_at)]


def comment_documents(comment: Comment) -> list[Document]:
    """Comments follow their initiative: hidden with it, back with it. The page shows its title."""
    if comment.is_hidden or comment.is_deleted or comment.initiative.is_hidden:
        return []
    return [Document(PUBLIC, "", plain(comment.html("body")), comment.edited_at or comment.created_at)]


def member_documents(profile: Profile) -> list[Document]:
    """Visitors find what a visitor may read of the profile; members find the whole of it."""
    user = profile.user
    if not user.is_listed:
        return []
    summary = _join(f"@{user.username}", profile.headline, _country_names([profile.country]))
    full = _join(
        summary,
        profile.job_title,
        profile.organization,
        plain(profile.bio_html) or profile.bio,
        _labels(profile_vocabulary.EXPERTISE.get(code, code) for code in profile.expertise_codes),
        " ".join(profile.tag_names),
        _labels_of_languages(profile.language_codes),
    )
    if profile.visitor_view == VisitorView.FULL:
        return [Document(PUBLIC, profile.display_name, full, profile.updated_at)]
    return [
        Document(PUBLIC, profile.display_name, summary, profile.updated_at),
        Document(MEMBERS, profile.display_name, full, profile.updated_at),
    ]


def _labels_of_languages(codes: list[str]) -> str:
    names = {Locale.parse(lang).languages.get(code, code) for lang in LANGUAGES for code in codes}
    return " ".join(sorted(names))


def lab_documents(lab: Lab) -> list[Document]:
    if lab.status != LabStatus.ACTIVE:
        return []
    body = _join(
        lab.short_description,
        plain(lab.description_markup),
        lab.region,
        _labels([THEME_LABELS[lab.theme]]),
        _country_names(lab.country_codes),
    )
    return [Document(PUBLIC, lab.name, body, lab.latest_activity_at)]


def team_result_documents(result: Round) -> list[Document]:
    """A team's published assessment result; hidden or unpublished rounds are not found."""
    if result.published_at is None or result.is_hidden:
        return []
    body = _join(result.summary, _country_names([result.team.country]))
    return [Document(PUBLIC, result.team.name, body, result.published_at)]


def call_documents(call: Call) -> list[Document]:
    if call.is_hidden:
        return []
    body = _join(
        call.funder,
        call.summary,
        plain(call.html("details")),
        _labels([CALL_KINDS[call.kind], *(forum_vocabulary.SECTORS.get(s, s) for s in call.sectors)]),
        _country_names(call.countries),
    )
    return [Document(PUBLIC, call.title, body, call.edited_at or call.created_at)]


BUILDERS: dict[str, tuple[type, Callable[[object], list[Document]]]] = {
    INITIATIVE: (Initiative, initiative_documents),
    COMMENT: (Comment, comment_documents),
    MEMBER: (Profile, member_documents),
    LAB: (Lab, lab_documents),
    TEAM_RESULT: (Round, team_result_documents),
    CALL: (Call, call_documents),
}


def refresh(kind: str, object_id: int, thing) -> None:
    """Make the index hold exactly the documents ``thing`` should have now (none when it is gone)."""
    documents = BUILDERS[kind][1](thing) if thing is not None else []
    wanted = {document.audience for document in documents}
    for audience in {PUBLIC, MEMBERS} - wanted:
        engine.remove_document(kind, object_id, audience)
    for document in documents:
        engine.index_document(
            kind, object_id, document.title, document.body, document.updated_at, document.audience
        )


# Rebuilding: every thing of a kind, loaded in batches with what its builder reads.
_LOADS = {
    INITIATIVE: lambda: select(Initiative).options(
        selectinload(Initiative.tags), selectinload(Initiative.category)
    ),
    COMMENT: lambda: select(Comment).options(selectinload(Comment.initiative)),
    MEMBER: lambda: (
        select(Profile)
        .join(Profile.user)
        .options(
            selectinload(Profile.user),
            selectinload(Profile.expertise),
            selectinload(Profile.languages),
            selectinload(Profile.tags),
        )
    ),
    LAB: lambda: select(Lab).options(selectinload(Lab.countries)),
    TEAM_RESULT: lambda: select(Round).options(selectinload(Round.team)),
    CALL: lambda: select(Call).options(selectinload(Call.terms)),
}


def _rebuild(kind: str) -> int:
    model, build = BUILDERS[kind]
    key = Profile.user_id if kind == MEMBER else model.id
    count, last = 0, 0
    while True:
        batch = list(db.session.scalars(_LOADS[kind]().where(key > last).order_by(key).limit(BATCH)))
        if not batch:
            return count
        rows = []
        for thing in batch:
            object_id = thing.user_id if kind == MEMBER else thing.id
            documents = build(thing)
            count += bool(documents)
            rows += [
                {
                    "kind": kind,
                    "object_id": object_id,
                    "title": d.title,
                    "body": d.body,
                    "updated_at": d.updated_at,
                    "audience": d.audience,
                }
                for d in documents
            ]
        engine.insert_documents(rows)
        last = getattr(batch[-1], key.key)


def register_all() -> None:
    for kind in KINDS:
        indexers.register(kind, lambda kind=kind: _rebuild(kind))
