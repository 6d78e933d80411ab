"""A member's data as one JSON document, built from sections each feature registers.

A feature adds its part with ``register_section("initiatives", initiatives_of)`` where the
function takes the member and returns JSON-able data (lists, dicts, strings, numbers, None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import url_for

from community.auth.models import User
from community.countries import country_name
from community.profiles import vocabulary
from community.profiles.services import AVATAR_SIZES, profile_of
from community.utils import utc_iso, utcnow

FORMAT_VERSION = 1

Section = Callable[[User], Any]
SECTIONS: list[tuple[str, Section]] = []


def register_section(name: str, build: Section) -> None:
    """Add a part to every export; names are unique."""
    if any(existing == name for existing, _build in SECTIONS):
        raise ValueError(f"export section {name!r} is registered already")
    SECTIONS.append((name, build))


def account_section(user: User) -> dict:
    return {
        "id": user.id,
        "username": user.username,
        "email": user.email,
        "role": str(user.role),
        "state": str(user.state),
        "suspended_until": utc_iso(user.suspended_until),
        "email_confirmed_at": utc_iso(user.confirmed_at),
        "created_at": utc_iso(user.created_at),
        "password_changed_at": utc_iso(user.password_changed_at),
        "language": user.locale,
        "time_zone": user.timezone,
        "open_sessions": [{"started_at": utc_iso(session.created_at)} for session in user.sessions],
    }


def profile_section(user: User) -> dict:
    profile = profile_of(user)
    avatar = None
    if profile.avatar_key:
        avatar = {
            str(size): url_for("profiles.avatar", key=profile.avatar_key, size=size, _external=True)
            for size in AVATAR_SIZES
        }
    return {
        "display_name": profile.display_name,
        "headline": profile.headline,
        "organization": profile.organization,
        "job_title": profile.job_title,
        "country": {"code": profile.country, "name": country_name(profile.country)}
        if profile.country
        else None,
        "expertise": [
            {"code": code, "name": vocabulary.expertise_name(code)} for code in profile.expertise_codes
        ],
        "tags": profile.tag_names,
        "languages": [
            {"code": code, "name": vocabulary.language_name(code)} for code in profile.language_codes
        ],
        "bio_markdown": profile.bio,
        "links": {
            "website": profile.website_url,
            "linkedin": profile.linkedin_url,
            "other": profile.other_url,
        },
        "avatar": avatar,
        "privacy": {
            "email_visible_to": str(profile.email_visibility),
            "visitors_see": str(profile.visitor_view),
        },
        "activity_count": profile.activity_count,
        "updated_at": utc_iso(profile.updated_at),
    }


register_section("account", account_section)
register_section("profile", profile_section)


def export_member(user: User) -> dict:
    """Everything the platform holds about ``user``, section by section."""
    document: dict[str, Any] = {"format_version": FORMAT_VERSION, "exported_at": utc_iso(utcnow())}
    for name, build in SECTIONS:
        document[name] = build(user)
    return document
