"""Keeping the forum's list of categories: add, edit, reorder, remove (moderators' use cases).

Each public function is one use case and one transaction. Moving initiatives from one category to
another is not done here: a category that holds initiatives cannot be removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum.errors import ForumError
from community.forum.models import Category, Initiative
from community.search.documents import INITIATIVE, refresh

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class CategoryDetails:
    name: str
    slug: str
    description: str = ""


def ordered() -> list[Category]:
    """The categories in the order the forum shows them."""
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.name, Category.id)))


def initiative_counts() -> dict[int, int]:
    """How many initiatives (hidden ones too) each category holds, in one query."""
    rows = db.session.execute(
        select(Initiative.category_id, func.count(Initiative.id)).group_by(Initiative.category_id)
    )
    return {category_id: count for category_id, count in rows}


def add_category(moderator: User, details: CategoryDetails) -> Category:
    """Add a category at the end of the list."""
    _check_allowed(moderator)
    _check(details)
    last = db.session.scalar(select(func.max(Category.position))) or 0
    category = Category(
        name=details.name, slug=details.slug, description=details.description, position=last + 1
    )
    db.session.add(category)
    _commit_unique()
    return category


def update_category(moderator: User, category: Category, details: CategoryDetails) -> Category:
    """Rename a category (or change its address or description); its initiatives are found by the new name."""
    _check_allowed(moderator)
    _check(details, category.id)
    renamed = category.name != details.name
    category.name, category.slug, category.description = details.name, details.slug, details.description
    if renamed:
        db.session.flush()
        _reindex_initiatives(category)
    _commit_unique()
    return category


def move_category(moderator: User, category: Category, step: int) -> None:
    """Swap the category with its neighbour above (step -1) or below (step +1); at an end, nothing moves."""
    _check_allowed(moderator)
    categories = ordered()
    index = categories.index(category)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(categories):
        return
    categories[index], categories[other] = categories[other], categories[index]
    for position, item in enumerate(categories, start=1):  # also mends ties left by earlier edits
        item.position = position
    db.session.commit()


def remove_category(moderator: User, category: Category) -> None:
    """Remove an empty category; one that holds initiatives stays."""
    _check_allowed(moderator)
    refusal = _(
        "“%(name)s” still holds initiatives, so it stays. Move them to other categories first.",
        name=category.name,
    )
    if db.session.scalar(select(Initiative.id).where(Initiative.category_id == category.id).limit(1)):
        raise ForumError(refusal)
    db.session.delete(category)
    try:
        db.session.commit()
    except IntegrityError as error:  # someone posted into it a moment ago
        db.session.rollback()
        raise ForumError(refusal) from error


def _check_allowed(moderator: User) -> None:
    if not permissions.can_manage_categories(moderator):
        raise ForumError(_("Only moderators manage the forum's categories."))


def _check(details: CategoryDetails, category_id: int | None = None) -> None:
    if not SLUG_PATTERN.match(details.slug):
        raise ForumError(_("Use lowercase letters, digits and hyphens."), field="slug")
    others = select(Category.id).where(Category.id != category_id) if category_id else select(Category.id)
    if db.session.scalar(others.where(func.lower(Category.name) == details.name.lower())):
        raise ForumError(_("Another category has this name already; choose another."), field="name")
    if db.session.scalar(others.where(Category.slug == details.slug)):
        raise ForumError(_("Another category has this web address already; choose another."), field="slug")


def _commit_unique() -> None:
    """Commit; a category with the same name or address saved a moment ago becomes a form error."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise ForumError(
            _("Another category has this name or web address already; choose another."), field="name"
        ) from error


def _reindex_initiatives(category: Category) -> None:
    """The search documents of initiatives carry their category's name: rewrite them in this transaction."""
    statement = (
        select(Initiative)
        .where(Initiative.category_id == category.id)
        .options(selectinload(Initiative.tags), selectinload(Initiative.category))
    )
    for initiative in db.session.scalars(statement):
        refresh(INITIATIVE, initiative.id, initiative)
