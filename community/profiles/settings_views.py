"""/settings/profile, /settings/avatar, /settings/privacy, /settings/export: the member's own profile.

These pages hang on the one ``settings`` blueprint (endpoints ``settings.profile`` …), like every
feature's settings page.
"""

import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community import images
from community.extensions import limiter
from community.forms import ActionForm, handle_form, show_error
from community.images import ImageError
from community.profiles import services
from community.profiles.errors import ProfileError
from community.profiles.export import export_member
from community.profiles.forms import AvatarForm, PrivacyForm, ProfileForm
from community.profiles.services import ProfileChanges
from community.settings.views import bp as settings_bp  # the one settings blueprint: signed-in only
from community.utils import utcnow


@settings_bp.route("/profile", methods=["GET", "POST"])
def profile():
    """Edit what members see on the profile page and in the directory."""
    mine = services.profile_of(current_user)
    form = ProfileForm(data=_form_data(mine))
    if form.validate_on_submit():
        try:
            services.update_profile(current_user, _changes(form))
        except ProfileError as error:
            show_error(form, error)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("profiles.show", username=current_user.username))
    return render_template("profiles/settings/profile.html", form=form, profile=mine)


def _form_data(profile) -> dict:
    text = ("display_name", "headline", "organization", "job_title", "country", "bio")
    links = ("website_url", "linkedin_url", "other_url")
    return {
        **{name: getattr(profile, name) for name in text + links},
        "expertise": profile.expertise_codes,
        "languages": profile.language_codes,
        "tags": ", ".join(profile.tag_names),
    }


def _changes(form: ProfileForm) -> ProfileChanges:
    text = (
        "display_name",
        "headline",
        "organization",
        "job_title",
        "bio",
        "website_url",
        "linkedin_url",
        "other_url",
    )
    return ProfileChanges(
        **{name: form[name].data or "" for name in text},
        country=form.country.data or None,
        expertise=form.expertise.data or [],
        languages=form.languages.data or [],
        tags=form.tag_list,
    )


@settings_bp.route("/avatar", methods=["GET", "POST"])
@limiter.limit(images.upload_limits, methods=["POST"], key_func=images.upload_key)
def avatar():
    """Upload a picture: it is checked, cropped to a square and stripped of its metadata."""
    form = AvatarForm()

    def save():
        try:
            services.set_avatar(current_user, form.picture.data.stream)
        except ImageError as error:
            raise ImageError(error.message, field="picture") from error
        flash(_("Your picture is saved."), "success")
        return redirect(url_for("settings.avatar"))

    submission = handle_form(form, save)
    return submission.response if submission.response is not None else _avatar_page(form, submission.status)


def _avatar_page(form: AvatarForm, status: int = 200):
    profile = services.profile_of(current_user)
    return render_template(
        "profiles/settings/avatar.html", form=form, profile=profile, remove_form=ActionForm(formdata=None)
    ), status


@settings_bp.errorhandler(413)
def _too_large(error):
    """A picture past the site's request limit: say so next to the field, not on a bare error page."""
    if request.endpoint != "settings.avatar":  # another settings page: the site's own 413 page
        return render_template("errors/413.html", error=error), 413
    form = AvatarForm(formdata=None)
    form.picture.errors = [_("The image is larger than 5 MB.")]
    return _avatar_page(form, 413)


@settings_bp.route("/avatar/remove", methods=["POST"])
def remove_avatar():
    if ActionForm().validate_on_submit():
        services.remove_avatar(current_user)
        flash(_("Your picture is removed; members see your initials."), "success")
    return redirect(url_for("settings.avatar"))


@settings_bp.route("/privacy", methods=["GET", "POST"])
def privacy():
    """Choose who sees the e-mail address and what visitors see."""
    mine = services.profile_of(current_user)
    form = PrivacyForm(email_visibility=mine.email_visibility.value, visitor_view=mine.visitor_view.value)
    if form.validate_on_submit():
        services.set_privacy(current_user, form.email_visibility.data, form.visitor_view.data)
        flash(_("Your privacy settings are saved."), "success")
        return redirect(url_for("settings.privacy"))
    return render_template("profiles/settings/privacy.html", form=form)


@settings_bp.route("/export")
def export():
    return render_template("profiles/settings/export.html")


@settings_bp.route("/export/download")
def export_download():
    """All the member's data as one JSON file."""
    body = json.dumps(export_member(current_user), ensure_ascii=False, indent=2)
    name = f"community-{current_user.username}-{utcnow():%Y-%m-%d}.json"
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
