"""Profile use cases. Each public function is one transaction, except record_activity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from community import images
from community.auth.models import User
from community.extensions import db
from community.markdown import RENDERER_VERSION, render_markdown
from community.profiles import vocabulary
from community.profiles.errors import ProfileError
from community.profiles.models import (
    EmailVisibility,
    Profile,
    ProfileExpertise,
    ProfileLanguage,
    ProfileTag,
    VisitorView,
)
from community.transactions import after_commit

AVATAR_SIZES = (64, 256)
MAX_TAGS = 10
TAG_PATTERN = re.compile(r"[\w][\w .+#&/-]{0,29}")


@dataclass
class ProfileChanges:
    """What the profile form says; every field is plain data, checked again here."""

    display_name: str
    headline: str = ""
    organization: str = ""
    job_title: str = ""
    country: str | None = None
    expertise: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    bio: str = ""
    website_url: str = ""
    linkedin_url: str = ""
    other_url: str = ""


def avatar_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "avatars"


def profile_of(user: User) -> Profile:
    """The member's profile; made on the spot for an account that has none yet (no commit)."""
    profile = db.session.get(Profile, user.id)
    if profile is None:
        profile = Profile(user_id=user.id, display_name=user.username, activity_count=0)
        db.session.add(profile)
        db.session.flush()
    return profile


def current_bio_html(profile: Profile) -> Markup:
    """The stored bio HTML, or a fresh rendering when the renderer changed since it was stored."""
    if profile.bio_renderer_version == RENDERER_VERSION:
        return Markup(profile.bio_html)  # noqa: S704 - rendered and sanitized by render_markdown
    return render_markdown(profile.bio)


def normalize_tags(raw: list[str]) -> list[str]:
    """Trimmed, as written ("GovTech" stays GovTech), unique whatever the case, in the order given;
    raises ProfileError on a bad one."""
    tags: list[str] = []
    for tag in raw:
        tag = " ".join(tag.split())
        if not tag or tag.casefold() in {kept.casefold() for kept in tags}:
            continue
        if not TAG_PATTERN.fullmatch(tag):
            raise ProfileError(
                _("Tags are up to 30 letters, digits, spaces or hyphens: “%(tag)s” is not.", tag=tag[:40]),
                field="tags",
            )
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ProfileError(_("At most %(count)s tags.", count=MAX_TAGS), field="tags")
    return tags


def _check_codes(changes: ProfileChanges) -> None:
    if changes.country and not vocabulary.is_country(changes.country):
        raise ProfileError(_("Choose a country from the list."), field="country")
    if any(code not in vocabulary.EXPERTISE for code in changes.expertise):
        raise ProfileError(_("Choose areas of expertise from the list."), field="expertise")
    if any(code not in vocabulary.LANGUAGES for code in changes.languages):
        raise ProfileError(_("Choose languages from the list."), field="languages")
    if not changes.display_name.strip():
        raise ProfileError(_("Enter the name you want members to see."), field="display_name")


def update_profile(user: User, changes: ProfileChanges) -> Profile:
    """Save the member's profile; the bio is rendered once, here."""
    _check_codes(changes)
    tags = normalize_tags(changes.tags)
    profile = profile_of(user)
    for name in ("headline", "organization", "job_title", "website_url", "linkedin_url", "other_url"):
        setattr(profile, name, getattr(changes, name).strip())
    profile.display_name = changes.display_name.strip()
    profile.country = changes.country or None
    profile.bio = changes.bio.strip()
    profile.bio_html = str(render_markdown(profile.bio))
    profile.bio_renderer_version = RENDERER_VERSION
    _replace(profile.expertise, ProfileExpertise, "code", dict.fromkeys(changes.expertise))
    _replace(profile.languages, ProfileLanguage, "code", dict.fromkeys(changes.languages))
    _replace(profile.tags, ProfileTag, "tag", tags)
    db.session.commit()
    return profile


def _replace(rows: list, model, attribute: str, wanted) -> None:
    """Make the collection hold exactly ``wanted``, keeping the rows that stay."""
    wanted = list(wanted)
    rows[:] = [row for row in rows if getattr(row, attribute) in wanted]
    present = {getattr(row, attribute) for row in rows}
    rows.extend(model(**{attribute: value}) for value in wanted if value not in present)


def set_privacy(user: User, email_visibility: EmailVisibility, visitor_view: VisitorView) -> Profile:
    """Choose who sees the e-mail address and what visitors see."""
    profile = profile_of(user)
    profile.email_visibility = EmailVisibility(email_visibility)
    profile.visitor_view = VisitorView(visitor_view)
    db.session.commit()
    return profile


def set_avatar(user: User, upload: IO[bytes]) -> Profile:
    """Store a new avatar from an uploaded file; raises ImageError when it is not a fit picture."""
    data = images.read_upload(upload, current_app.config["AVATAR_MAX_BYTES"])
    profile = profile_of(user)
    stored = images.store_square(data, avatar_folder(), AVATAR_SIZES, salt=str(user.id))
    previous = profile.avatar_key
    profile.avatar_key = stored.key
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        if stored.key != previous:
            images.remove(avatar_folder(), stored.key, AVATAR_SIZES)
        raise
    if previous != stored.key:
        images.remove(avatar_folder(), previous, AVATAR_SIZES)
    return profile


def remove_avatar(user: User) -> Profile:
    """Go back to initials and delete the picture's files."""
    profile = profile_of(user)
    previous, profile.avatar_key = profile.avatar_key, None
    db.session.commit()
    images.remove(avatar_folder(), previous, AVATAR_SIZES)
    return profile


def record_activity(user: User, delta: int = 1) -> None:
    """Count a post, comment or reaction towards "most active" (sent now; the caller commits)."""
    db.session.execute(
        update(Profile)
        .where(Profile.user_id == user.id)
        .values(activity_count=Profile.activity_count + delta)
    )


# Every account gets its profile in the transaction that creates it, so lists can inner-join.
@event.listens_for(User, "after_insert")
def _create_profile(_mapper, connection, user: User) -> None:
    connection.execute(
        insert(Profile.__table__).values(user_id=user.id, display_name=user.username, activity_count=0)
    )


# Deleting an account erases its profile rows (foreign-key cascade); its avatar files go too, once
# the deletion is committed.
@event.listens_for(User, "before_delete")
def _remember_avatar(_mapper, connection, user: User) -> None:
    key = connection.scalar(select(Profile.avatar_key).where(Profile.user_id == user.id))
    session = Session.object_session(user)
    if key and session is not None:
        after_commit(session, partial(_remove_avatar_files, key))


def _remove_avatar_files(key: str) -> None:
    images.remove(avatar_folder(), key, AVATAR_SIZES)
