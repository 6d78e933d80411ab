"""A lab's cover picture: leads upload and remove it on the edit page; its files are served here."""

import re

from flask import abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from community import images
from community.extensions import limiter
from community.forms import ActionForm, show_error
from community.images import ImageError
from community.labs import covers, services
from community.labs.errors import LabError
from community.labs.forms import CoverForm, LabForm
from community.labs.models import Lab
from community.labs.views.base import bp, load_managed_lab

COVER_KEY = re.compile(r"[0-9a-f]{32}")
SIZES = {images.size_label(size): size for size in covers.COVER_SIZES}
ONE_YEAR = 365 * 24 * 3600


def edit_page(lab: Lab, form: LabForm, cover_form: CoverForm | None = None, status: int = 200):
    """The edit page: the lab's text, and its cover picture in a form of its own."""
    return render_template(
        "labs/edit.html",
        form=form,
        lab=lab,
        cover_form=cover_form or CoverForm(formdata=None),
        remove_cover_form=ActionForm(formdata=None),
    ), status


@bp.route("/<slug>/cover", methods=["POST"])
@login_required
@limiter.limit(images.upload_limits, key_func=images.upload_key)
def cover(slug: str):
    """Upload a cover: checked by decoding, cropped to the banner sizes, stripped of its metadata."""
    lab = load_managed_lab(slug)
    form = CoverForm()
    if form.validate_on_submit():
        try:
            services.set_lab_cover(current_user, lab, form.picture.data.stream)
        except (ImageError, LabError) as error:
            show_error(form, ImageError(error.message, field="picture"))
        else:
            flash(_("The cover picture is saved."), "success")
            return redirect(url_for("labs.edit", slug=lab.slug))
    return edit_page(lab, LabForm(obj=lab, countries=lab.country_codes, formdata=None), form, 400)


@bp.route("/<slug>/cover/remove", methods=["POST"])
@login_required
def remove_cover(slug: str):
    lab = load_managed_lab(slug)
    if ActionForm().validate_on_submit():
        services.remove_lab_cover(current_user, lab)
        flash(_("The cover picture is removed."), "success")
    return redirect(url_for("labs.edit", slug=lab.slug))


@bp.route("/covers/<size>/<key>.webp")
def cover_file(size: str, key: str):
    """A cover file: its name changes with its content, so browsers keep it for a year."""
    if size not in SIZES or not COVER_KEY.fullmatch(key):
        abort(404)
    name = images.file_name(key, SIZES[size])
    response = send_from_directory(covers.cover_folder(), name, max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


@bp.errorhandler(413)
def _too_large(error):
    """A cover past the request limit: say so next to the field; other uploads get the error page."""
    try:
        # The CSRF check may read the body before the view ran its own checks: run them here.
        lab = load_managed_lab(request.view_args["slug"]) if request.endpoint == "labs.cover" else None
    except HTTPException:
        lab = None
    if lab is None:
        return render_template("errors/413.html", error=error), 413
    form = CoverForm(formdata=None)
    form.picture.errors = [_("The image is larger than 5 MB.")]
    return edit_page(lab, LabForm(obj=lab, countries=lab.country_codes, formdata=None), form, 413)


@bp.app_template_global()
def lab_cover_url(lab: Lab, kind: str = "banner") -> str | None:
    """The URL of the lab's cover, ``banner`` (the lab page) or ``card`` (lists), or None."""
    if not lab.cover:
        return None
    size = covers.BANNER if kind == "banner" else covers.CARD
    return url_for("labs.cover_file", size=images.size_label(size), key=lab.cover)
