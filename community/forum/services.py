"""Forum use cases: sharing and editing initiatives, commenting, reacting, following.

Each public function is one use case and one transaction; private helpers add or flush only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from community import permissions
from community.auth.identity import username_key
from community.auth.models import User
from community.extensions import db
from community.forum import flood, uploads
from community.forum import vocabulary as v
from community.forum.errors import ForumError
from community.forum.forms import InitiativeData
from community.forum.models import (
    Attachment,
    Category,
    Comment,
    Follow,
    Initiative,
    InitiativeGoal,
    Reaction,
    Revision,
    Tag,
)
from community.labs.models import Lab, LabMembership, LabStatus
from community.markdown import MENTION, RENDERER_VERSION, render_markdown
from community.notifications.services import notify
from community.profiles.services import record_activity
from community.utils import utcnow

MAX_MENTIONS = 20

# Other features' say on a member's new post (moderation's spam controls). A check gets the author and
# the post's text and returns a refusal shown next to the body, or None; a hold hook may hide the new
# post until a moderator approves it and returns True when it did (its notifications then wait).
POST_CHECKS: list[Callable[[User, str], str | None]] = []
HOLD_HOOKS: list[Callable[[User, object], bool]] = []
ANNOUNCE_HOOKS: list[Callable[[object], None]] = []
HELD_MESSAGE = _l("Your first posts are checked by a moderator: until then, only you and they see this one.")


def register_post_check(check: Callable[[User, str], str | None]) -> None:
    POST_CHECKS.append(check)


def register_hold_hook(hook: Callable[[User, object], bool]) -> None:
    HOLD_HOOKS.append(hook)


def register_announce_hook(hook: Callable[[object], None]) -> None:
    """Let another feature tell its members of a new visible post (watchers), after the forum's own."""
    ANNOUNCE_HOOKS.append(hook)


def announce(post) -> None:
    """Send the notifications a post held for approval did not send; the caller commits."""
    if isinstance(post, Comment):
        _notify_comment(post)
    else:
        url = initiative_path(post.id)
        for user in _mentioned(f"{post.body}\n{post.outcomes}"):
            notify(user, "mention", post.title, url, actor=post.author)
    for hook in ANNOUNCE_HOOKS:
        hook(post)


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
    _check_post(author, f"{data.summary}\n{data.body}\n{data.outcomes}")
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
    for user in _mentioned(f"{data.body}\n{data.outcomes}"):
        if user.id not in mentioned_before:
            notify(user, "mention", initiative.title, initiative_path(initiative.id), actor=editor)
    _commit_post(Initiative, None, stored)
    return initiative


def add_comment(
    author: User,
    initiative: Initiative,
    body: str,
    language: str = "en",
    parent: Comment | None = None,
    token: str | None = None,
) -> Comment:
    """Comment (or reply to a comment) and tell the followers, the replied-to and the mentioned."""
    if not permissions.can_comment(author, initiative):
        raise ForumError(_("This initiative takes no new comments."))
    earlier = _submitted(Comment, token)
    if earlier is not None:
        return earlier
    parent = _thread_parent(initiative, parent)
    _check_language(language)
    flood.check_newcomer_rate(author)
    flood.ensure_not_repeated(
        select(Comment.id).where(
            Comment.author_id == author.id, Comment.initiative_id == initiative.id, Comment.body == body
        ),
        Comment.created_at,
        _l("You posted this comment a moment ago."),
    )
    _check_post(author, body)
    comment = Comment(
        initiative=initiative,
        author=author,
        parent=parent,
        body=body,
        body_html=_render(body),
        html_version=RENDERER_VERSION,
        language=language,
        submission_token=token or None,
    )
    db.session.add(comment)
    initiative.last_activity_at = utcnow()
    db.session.flush()
    held = _held(author, comment)
    recount(initiative)
    record_activity(author, 1)
    _follow(author, initiative)
    if not held:
        announce(comment)
    return _commit_post(Comment, token, []) or comment


def edit_comment(comment: Comment, editor: User, body: str) -> Comment:
    """Change a comment's text, keeping the previous one in its history."""
    if not permissions.can_edit_comment(editor, comment):
        raise ForumError(_("You may not edit this comment."))
    if body != comment.body:
        mentioned_before = {user.id for user in _mentioned(comment.body)}
        db.session.add(Revision(comment_id=comment.id, editor_id=editor.id, body=comment.body))
        comment.body = body
        comment.body_html = _render(body)
        comment.html_version = RENDERER_VERSION
        comment.edited_at = utcnow()
        url = initiative_path(comment.initiative_id, f"comment-{comment.id}")
        for user in _mentioned(body):
            if user.id not in mentioned_before:
                notify(user, "mention", comment.initiative.title, url, actor=editor)
        db.session.commit()
    return comment


def delete_comment(comment: Comment, actor: User) -> None:
    """Remove a comment softly: a placeholder keeps the thread readable."""
    if not permissions.can_delete_comment(actor, comment):
        raise ForumError(_("You may not delete this comment."))
    comment.deleted_at = utcnow()
    db.session.flush()
    recount(comment.initiative)
    if comment.author is not None:
        record_activity(comment.author, -1)
    db.session.commit()


def toggle_useful(user: User, initiative: Initiative | None = None, comment: Comment | None = None) -> bool:
    """Mark an initiative or a comment useful, or take the mark back; returns whether it is marked now."""
    content = initiative if initiative is not None else comment
    if content is None or not permissions.can_react(user, content):
        raise ForumError(_("You cannot mark this as useful."))
    target = Reaction.initiative_id if initiative is not None else Reaction.comment_id
    existing = db.session.scalar(select(Reaction).where(Reaction.user_id == user.id, target == content.id))
    if existing is not None:
        db.session.delete(existing)
    elif initiative is not None:
        db.session.add(Reaction(user_id=user.id, initiative_id=initiative.id))
    else:
        db.session.add(Reaction(user_id=user.id, comment_id=content.id))
    try:
        db.session.flush()
    except IntegrityError:  # the same click, counted a moment ago by another request
        db.session.rollback()
        return True
    _recount_useful(type(content), content.id, target)
    db.session.commit()
    return existing is None


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


def recount(initiative: Initiative) -> None:
    """Set the initiative's comment count from its visible comments; adds, never commits.

    Moderation calls it too after hiding or showing a comment.
    """
    visible = (
        select(func.count(Comment.id))
        .where(Comment.initiative_id == initiative.id, Comment.deleted_at.is_(None))
        .where(Comment.is_hidden.is_(False))
        .scalar_subquery()
    )
    db.session.execute(
        update(Initiative).where(Initiative.id == initiative.id).values(comment_count=visible),
        execution_options={"synchronize_session": False},
    )
    db.session.expire(initiative, ["comment_count"])


def _recount_useful(model, content_id: int, target) -> None:
    marks = select(func.count(Reaction.id)).where(target == content_id).scalar_subquery()
    db.session.execute(
        update(model).where(model.id == content_id).values(useful_count=marks),
        execution_options={"synchronize_session": False},
    )
    content = db.session.get(model, content_id)
    if content is not None:
        db.session.expire(content, ["useful_count"])


def initiative_path(initiative_id: int, anchor: str | None = None) -> str:
    """The initiative's path, also outside a request (CLI, demo seed)."""
    path = current_app.url_map.bind("").build("forum.show", {"initiative_id": initiative_id})
    return f"{path}#{anchor}" if anchor else path


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
    membership = db.session.scalar(
        select(LabMembership).where(LabMembership.lab_id == lab.id, LabMembership.user_id == user.id)
    )
    if not permissions.can_post_in_lab(user, lab, membership):
        raise ForumError(
            _("Only members of %(name)s post in it: join the lab first, or choose no lab.", name=lab.name),
            field="lab",
        )
    initiative.lab = lab
    return True


def _check_language(language: str) -> None:
    if language not in v.CONTENT_LANGUAGES:
        raise ForumError(_("Choose a language from the list."), field="language")


def _tags(names: list[str]) -> list[Tag]:
    if not names:
        return []
    existing = {tag.name: tag for tag in db.session.scalars(select(Tag).where(Tag.name.in_(names)))}
    return [existing.get(name) or Tag(name=name) for name in names]


def _check_files(files: Iterable[tuple[str, BinaryIO]], already: int) -> list[uploads.CheckedFile]:
    checked = [uploads.check(name, stream) for name, stream in files]
    if already + len(checked) > uploads.MAX_FILES:
        raise ForumError(
            _("An initiative has at most %(count)d attachments.", count=uploads.MAX_FILES),
            field="attachments",
        )
    return checked


def _attach(initiative: Initiative, uploader: User, checked: list[uploads.CheckedFile]) -> list[str]:
    stored: list[str] = []
    try:
        for item in checked:
            name = uploads.store(item)
            stored.append(name)
            db.session.add(
                Attachment(
                    initiative=initiative,
                    uploader_id=uploader.id,
                    filename=item.filename,
                    stored_name=name,
                    content_type=item.content_type,
                    size=len(item.data),
                )
            )
    except OSError:
        uploads.discard(stored)
        raise
    return stored


def _commit_post(model, token: str | None, stored: list[str]):
    """Commit; on a double submission that lost the race, return the post the first one created."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        uploads.discard(stored)
        earlier = _submitted(model, token)
        if earlier is None:
            raise
        return earlier
    except Exception:
        db.session.rollback()
        uploads.discard(stored)
        raise
    return None


def _check_post(author: User, text: str) -> None:
    for check in POST_CHECKS:
        problem = check(author, text)
        if problem:
            raise ForumError(problem, field="body")


def _held(author: User, post) -> bool:
    held = False
    for hook in HOLD_HOOKS:
        held = hook(author, post) or held
    return held


def _submitted(model, token: str | None):
    if not token:
        return None
    return db.session.scalar(select(model).where(model.submission_token == token))


def _thread_parent(initiative: Initiative, parent: Comment | None) -> Comment | None:
    """Replies have one level: a reply to a reply joins its thread."""
    if parent is None:
        return None
    if parent.initiative_id != initiative.id or parent.is_deleted or parent.is_hidden:
        raise ForumError(_("This comment takes no replies."))
    if parent.parent_id is not None:
        return db.session.get(Comment, parent.parent_id)
    return parent


def _follow(user: User, initiative: Initiative) -> None:
    if db.session.get(Follow, (user.id, initiative.id)) is None:
        db.session.add(Follow(user_id=user.id, initiative_id=initiative.id))


def _mentioned(text: str) -> list[User]:
    """The listed members (confirmed, not banned) that ``text`` mentions, at most MAX_MENTIONS."""
    keys = list(dict.fromkeys(username_key(name) for name in MENTION.findall(text or "")))[:MAX_MENTIONS]
    if not keys:
        return []
    listed = select(User).where(User.username_key.in_(keys), User.is_listed)
    return list(db.session.scalars(listed))


def _render(source: str) -> str:
    """Markdown to the HTML we store, with "@username" linked to the pages of the members mentioned."""
    pages = {user.username_key: member_path(user.username) for user in _mentioned(source)}
    return str(render_markdown(source, lambda name: pages.get(username_key(name))))


def member_path(username: str) -> str:
    return current_app.url_map.bind("").build("profiles.show", {"username": username})


def _notify_comment(comment: Comment) -> None:
    """One notification per member: a reply beats a mention, a mention beats a followed thread."""
    initiative = comment.initiative
    kinds: dict[int, tuple[User, str]] = {}
    followers = (
        select(User).join(Follow, Follow.user_id == User.id).where(Follow.initiative_id == initiative.id)
    )
    for user in db.session.scalars(followers):
        kinds[user.id] = (user, "comment")
    for user in _mentioned(comment.body):
        kinds[user.id] = (user, "mention")
    if comment.parent is not None and comment.parent.author is not None:
        kinds[comment.parent.author.id] = (comment.parent.author, "reply")
    url = initiative_path(initiative.id, f"comment-{comment.id}")
    for user, kind in kinds.values():
        notify(user, kind, initiative.title, url, actor=comment.author)
