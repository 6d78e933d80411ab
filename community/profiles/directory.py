"""The member directory: search, filters and sort, read from the query string.

Other features add filters of their own with ``register_filter`` (labs: ``?lab=<slug>``), so the
directory does not import them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.profiles import vocabulary
from community.profiles.models import Profile, ProfileExpertise, ProfileLanguage, ProfileTag, VisitorView

PER_PAGE = 25
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 100
MAX_WORDS = 6
SORTS = {"newest": _l("Newest"), "name": _l("Name"), "active": _l("Most active")}


@dataclass(frozen=True)
class DirectoryFilter:
    """A filter another feature adds: a select in the form and a parameter in the URL.

    ``options(wanted)`` returns the (value, label) pairs the form offers, in one query; the value
    in the URL must be one of them (``wanted`` lets a feature accept a value it does not offer,
    such as an archived lab linked from its page). ``members(value)`` selects the user ids that
    match; as for expertise, visitors only find the profiles opened to everyone.
    """

    name: str
    label: str
    any_label: str
    ignored_label: str
    options: Callable[[str], list[tuple[str, str]]]
    members: Callable[[str], Select]


FILTERS: list[DirectoryFilter] = []


def register_filter(directory_filter: DirectoryFilter) -> None:
    """Add a filter to the directory; names are unique and differ from the built-in ones."""
    if directory_filter.name in {"q", "country", "expertise", "language", "sort", "page"} | {
        existing.name for existing in FILTERS
    }:
        raise ValueError(f"directory filter {directory_filter.name!r} is registered already")
    FILTERS.append(directory_filter)


@dataclass
class DirectoryQuery:
    text: str = ""
    country: str = ""
    expertise: str = ""
    language: str = ""
    sort: str = "newest"
    ignored: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # registered filter name -> chosen value
    offered: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> the form's options

    @property
    def filtered(self) -> bool:
        return bool(self.text or self.country or self.expertise or self.language or any(self.extra.values()))

    def args(self, **changes) -> dict:
        """The query string of this search, without empty values, for links that keep it."""
        values = {
            "q": self.text,
            "country": self.country,
            "expertise": self.expertise,
            "language": self.language,
            **self.extra,
            "sort": "" if self.sort == "newest" else self.sort,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


def read_query(args: Mapping[str, str]) -> DirectoryQuery:
    """Read the search from the URL; unknown codes are dropped and named in ``ignored``."""
    printable = "".join(char for char in args.get("q", "")[: MAX_QUERY_LENGTH * 4] if char.isprintable())
    query = DirectoryQuery(text=" ".join(printable.split())[:MAX_QUERY_LENGTH])
    checks = {
        "country": (vocabulary.is_country, _("country")),
        "expertise": (lambda code: code in vocabulary.EXPERTISE, _("area of expertise")),
        "language": (lambda code: code in vocabulary.LANGUAGES, _("language")),
    }
    for name, (known, label) in checks.items():
        value = args.get(name, "").strip()[:40]
        if value and known(value):
            setattr(query, name, value)
        elif value:
            query.ignored.append(label)
    for extra in FILTERS:
        value = args.get(extra.name, "").strip()[:80]
        query.offered[extra.name] = extra.options(value)
        if value and value in dict(query.offered[extra.name]):
            query.extra[extra.name] = value
        elif value:
            query.ignored.append(str(extra.ignored_label))
    sort = args.get("sort", "") or "newest"
    if sort in SORTS:
        query.sort = sort
    else:
        query.ignored.append(_("sort order"))
    return query


def _listed():
    """Members the directory shows: confirmed, approved and not banned."""
    return User.is_listed


def _private(condition, viewer):
    """A condition on what only members see matches, for visitors, only profiles shown in full."""
    if permissions.is_member(viewer):
        return condition
    return and_(Profile.visitor_view == VisitorView.FULL, condition)


def _text_condition(word: str, viewer):
    word = word.lower()
    public = or_(
        func.lower(Profile.display_name).contains(word, autoescape=True),
        func.lower(User.username).contains(word, autoescape=True),
        func.lower(Profile.headline).contains(word, autoescape=True),
    )
    hidden = or_(
        func.lower(Profile.organization).contains(word, autoescape=True),
        exists().where(
            ProfileTag.profile_id == Profile.user_id,
            func.lower(ProfileTag.tag).contains(word, autoescape=True),
        ),
    )
    return or_(public, _private(hidden, viewer))


def statement(query: DirectoryQuery, viewer):
    """The SELECT of one directory search, as ``viewer`` may see it."""
    stmt = select(Profile).join(Profile.user).where(_listed())
    for word in query.text.split()[:MAX_WORDS]:
        stmt = stmt.where(_text_condition(word, viewer))
    if query.country:
        stmt = stmt.where(Profile.country == query.country)
    if query.expertise:
        has = exists().where(
            ProfileExpertise.profile_id == Profile.user_id, ProfileExpertise.code == query.expertise
        )
        stmt = stmt.where(_private(has, viewer))
    if query.language:
        has = exists().where(
            ProfileLanguage.profile_id == Profile.user_id, ProfileLanguage.code == query.language
        )
        stmt = stmt.where(_private(has, viewer))
    for extra in FILTERS:
        if query.extra.get(extra.name):
            stmt = stmt.where(_private(Profile.user_id.in_(extra.members(query.extra[extra.name])), viewer))
    order = {
        "newest": (User.created_at.desc(), User.id.desc()),
        "name": (func.lower(Profile.display_name), User.id),
        "active": (Profile.activity_count.desc(), User.created_at.desc(), User.id.desc()),
    }[query.sort]
    return stmt.options(contains_eager(Profile.user), selectinload(Profile.expertise)).order_by(*order)


def search(query: DirectoryQuery, viewer, page: int) -> Pagination:
    """One page of the directory; 404 past the last page."""
    return db.paginate(statement(query, viewer), page=page, per_page=PER_PAGE, max_per_page=PER_PAGE)


def newest(limit: int = 8) -> list[Profile]:
    """The newest listed members, for the home page."""
    stmt = (
        select(Profile)
        .join(Profile.user)
        .where(_listed())
        .where(Profile.display_name != User.username)  # an empty profile is not featured until it has a name
        .options(contains_eager(Profile.user), selectinload(Profile.expertise))
        .order_by(User.created_at.desc(), User.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
