"""/members/: the directory, profile pages and avatar files."""

import re
from functools import partial

from flask import Blueprint, abort, render_template, request, send_from_directory, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community import images
from community.auth.identity import USERNAME_PATTERN, normalize_username, username_key
from community.auth.models import User
from community.extensions import db
from community.permissions import can_view_member
from community.profiles import directory, services, vocabulary
from community.profiles.models import Profile
from community.profiles.sections import sections_for
from community.profiles.services import AVATAR_SIZES, avatar_folder

bp = Blueprint("profiles", __name__)

AVATAR_KEY = re.compile(r"[0-9a-f]{32}")
ONE_YEAR = 365 * 24 * 3600


@bp.route("/members/")
def index():
    """Search the members by name, organization and headline; filter; sort."""
    query = directory.read_query(request.args)
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= directory.MAX_PAGE:
        abort(404)
    return render_template(
        "profiles/index.html",
        query=query,
        page_number=page,
        # read inside the page's kept fragment, so not at all while it is kept (see main/pagecache.py)
        find_members=partial(directory.search, query, current_user, page),
        sorts=directory.SORTS,
        countries=vocabulary.countries_grouped(),
        expertise=vocabulary.EXPERTISE,
        languages=vocabulary.language_names(),
        filters=directory.FILTERS,
    )


@bp.route("/members/<username>")
def show(username: str):
    """A member's page; visitors see a summary unless the member opened it to everyone."""
    if not USERNAME_PATTERN.fullmatch(normalize_username(username)):
        abort(404)
    profile = db.session.scalar(
        select(Profile)
        .join(Profile.user)
        .where(User.username_key == username_key(username))
        .options(selectinload(Profile.expertise), selectinload(Profile.languages), selectinload(Profile.tags))
    )
    if profile is None or not can_view_member(current_user, profile.user):
        abort(404)
    return render_template(
        "profiles/show.html",
        profile=profile,
        member=profile.user,
        bio_html=services.current_bio_html(profile),
        sections=sections_for(profile.user, current_user),
    )


@bp.route("/members/avatars/<int:size>/<key>.webp")
def avatar(key: str, size: int):
    """An avatar file: its name changes with its content, so browsers keep it for a year."""
    if size not in AVATAR_SIZES or not AVATAR_KEY.fullmatch(key):
        abort(404)
    response = send_from_directory(avatar_folder(), images.file_name(key, size), max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


@bp.app_template_global()
def avatar_url(profile: Profile, size: int) -> str | None:
    """The URL of the member's avatar at ``size`` px, or None when they have none."""
    if not profile.avatar_key:
        return None
    return url_for("profiles.avatar", key=profile.avatar_key, size=size)


@bp.app_template_global()
def expertise_name(code: str) -> str:
    return vocabulary.expertise_name(code)


@bp.app_template_global()
def language_name(code: str) -> str:
    return vocabulary.language_name(code)
