"""Sharing, editing and following initiatives; InitiativeData, what a form or the demo gives them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.models import User
from community.extensions import db
from community.forum import flood
from community.forum import vocabulary as v
from community.forum.errors import ForumError
from community.forum.models import (
    Category,
    Follow,
    Initiative,
    InitiativeGoal,
    Revision,
    Tag,
)
from community.forum.services.posting import (
    _attach,
    _check_files,
    _check_language,
    _check_post,
    _commit_post,
    _follow,
    _held,
    _mentioned,
    _post_text,
    _render,
    _submitted,
    announce,
    initiative_path,
)
from community.labs import queries as lab_queries
from community.labs.models import Lab, LabStatus
from community.markdown import RENDERER_VERSION
from community.notifications.services import notify
from community.profiles.services import record_activity
from community.utils import utcnow


@dataclass
class InitiativeData:
    """An initiative's fields as plain values, for the services."""

    title: str
    summary: str
    body: str
    category_id: int
    country: str
    sector: str
    stage: v.Stage
    language: str
    licence: v.Licence
    outcomes: str = ""
    lab: str | None = None  # the lab's slug; the service checks the author may post there
    sdgs: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def create_initiative(
    author: User, data: InitiativeData, files: Iterable[tuple[str, BinaryIO]] = (), token: str | None = None
) -> Initiative:
    """Share an initiative; its author follows it. Sending the same form twice returns the first one."""
    if not permissions.can_create_initiative(author):
        raise ForumError(_("Confirm your e-mail address before you post."))
    earlier = _submitted(Initiative, token)
    if earlier is not None:
        return earlier
    flood.check_newcomer_rate(author)
    flood.ensure_not_repeated(
        select(Initiative.id).where(Initiative.author_id == author.id, Initiative.title == data.title),
        Initiative.created_at,
        _l("You shared an initiative with this title a moment ago."),
    )
    _check_post(author, _post_text(data))
    checked = _check_files(files, already=0)
    initiative = Initiative(author=author, submission_token=token or None)
    _place_in_lab(initiative, author, data.lab)
    _apply(initiative, data)
    if initiative.lab is not None:
        initiative.lab.latest_activity_at = utcnow()
    db.session.add(initiative)
    db.session.flush()
    record_activity(author, 1)
    db.session.add(Follow(user_id=author.id, initiative_id=initiative.id))
    stored = _attach(initiative, author, checked)
    if not _held(author, initiative):
        announce(initiative)
    return _commit_post(Initiative, token, stored) or initiative


def update_initiative(
    initiative: Initiative,
    editor: User,
    data: InitiativeData,
    files: Iterable[tuple[str, BinaryIO]] = (),
    remove: Iterable[int] = (),
) -> Initiative:
    """Change an initiative, keeping its previous text in the edit history."""
    if not permissions.can_edit_initiative(editor, initiative):
        raise ForumError(_("You may not edit this initiative."))
    _check_post(editor, _post_text(data), initiative)
    moved = _place_in_lab(initiative, editor, data.lab)
    old = (initiative.title, initiative.summary, initiative.body, initiative.outcomes)
    mentioned_before = {user.id for user in _mentioned(f"{initiative.body}\n{initiative.outcomes}")}
    if old != (data.title, data.summary, data.body, data.outcomes):
        db.session.add(
            Revision(
                initiative_id=initiative.id,
                editor_id=editor.id,
                title=old[0],
                summary=old[1],
                body=old[2],
                outcomes=old[3],
            )
        )
        initiative.edited_at = utcnow()
    _apply(initiative, data)
    if moved and initiative.lab is not None:
        initiative.lab.latest_activity_at = utcnow()
    removed = set(remove)
    for attachment in initiative.current_attachments:
        if attachment.id in removed:
            attachment.removed_at = utcnow()
    checked = _check_files(files, already=len(initiative.current_attachments))
    stored = _attach(initiative, editor, checked)
    visible = permissions.is_seen_by_everyone(initiative)
    for user in _mentioned(f"{data.body}\n{data.outcomes}") if visible else ():
        if user.id not in mentioned_before:
            notify(user, "mention", initiative.title, initiative_path(initiative.id), actor=editor)
    _commit_post(Initiative, None, stored)
    return initiative


def follow(user: User, initiative: Initiative) -> None:
    if not permissions.can_follow(user, initiative):
        raise ForumError(_("You cannot follow this initiative."))
    _follow(user, initiative)
    try:
        db.session.commit()
    except IntegrityError:  # followed a moment ago from another tab
        db.session.rollback()


def unfollow(user: User, initiative: Initiative) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.initiative_id == initiative.id))
    db.session.commit()


def _apply(initiative: Initiative, data: InitiativeData) -> None:
    """Copy the checked fields onto the initiative and render its markdown."""
    category = db.session.get(Category, data.category_id)
    if category is None:
        raise ForumError(_("Choose one of the forum's categories."), field="category")
    if data.country not in v.COUNTRIES and data.country != v.REGIONAL:
        raise ForumError(_("Choose a country from the list."), field="country")
    if data.sector not in v.SECTORS:
        raise ForumError(_("Choose a sector from the list."), field="sector")
    if any(goal not in v.SDGS for goal in data.sdgs):
        raise ForumError(_("The goals are numbered 1 to 17."), field="sdgs")
    _check_language(data.language)
    initiative.category = category
    for name in ("title", "summary", "body", "outcomes", "country", "sector", "stage", "language", "licence"):
        setattr(initiative, name, getattr(data, name))
    initiative.body_html = _render(data.body)
    initiative.outcomes_html = _render(data.outcomes)
    initiative.html_version = RENDERER_VERSION
    initiative.links = "\n".join(data.links)
    initiative.tags = _tags(data.tags)
    kept = [goal for goal in initiative.goals if goal.sdg in data.sdgs]
    have = {goal.sdg for goal in kept}
    initiative.goals = kept + [InitiativeGoal(sdg=n) for n in sorted(set(data.sdgs)) if n not in have]


def _place_in_lab(initiative: Initiative, user: User, slug: str | None) -> bool:
    """Put the initiative in a lab the user may post in, or in none; returns whether it moved.

    Keeping the lab it is in needs no check: an author who left the lab still edits their post.
    """
    current = initiative.lab.slug if initiative.lab is not None else None
    if slug == current:
        return False
    if not slug:
        initiative.lab = None
        return True
    lab = db.session.scalar(select(Lab).where(Lab.slug == slug))
    if lab is None or lab.status == LabStatus.PROPOSED:
        raise ForumError(_("Choose one of your labs from the list."), field="lab")
    if lab.status == LabStatus.ARCHIVED:
        raise ForumError(_("%(name)s is archived: it takes no new initiatives.", name=lab.name), field="lab")
    membership = lab_queries.membership_of(user, lab)
    if not permissions.can_post_in_lab(user, lab, membership):
        raise ForumError(
            _("Only members of %(name)s post in it: join the lab first, or choose no lab.", name=lab.name),
            field="lab",
        )
    initiative.lab = lab
    return True


def _tags(names: list[str]) -> list[Tag]:
    if not names:
        return []
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    return [existing.get(name) or Tag(name=name) for name in names]
