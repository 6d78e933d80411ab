"""What leads curate: resources; the documents everyone reads. (Events: community.events.)"""

from flask import abort, flash, redirect, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.forms import ActionForm, show_error
from community.labs import content, queries
from community.labs.errors import LabError
from community.labs.forms import ResourceForm
from community.labs.views.base import bp, load_lab, load_managed_lab


@bp.route("/<slug>/resources", methods=["GET", "POST"])
@login_required
def resources(slug: str):
    """The leads' list of resources, with the form that adds one."""
    lab = load_managed_lab(slug)
    form = ResourceForm()
    if form.validate_on_submit():
        try:
            content.add_resource(
                current_user,
                lab,
                form.title.data,
                form.description.data or "",
                form.url.data or None,
                form.document.data,
            )
        except LabError as error:
            show_error(form, error)
        else:
            flash(_("The resource is added."), "success")
            return redirect(url_for("labs.resources", slug=lab.slug))
    return render_template("labs/resources.html", lab=lab, form=form, resources=queries.resources(lab))


@bp.route("/<slug>/resources/<int:resource_id>/remove", methods=["POST"])
@login_required
def remove_resource(slug: str, resource_id: int):
    lab = load_managed_lab(slug)
    resource = queries.resource_in(lab, resource_id)
    if ActionForm().validate_on_submit():
        content.remove_resource(current_user, resource)
        flash(_("The resource is removed."), "info")
    return redirect(url_for("labs.resources", slug=lab.slug))


@bp.route("/<slug>/resources/<int:resource_id>/document")
def document(slug: str, resource_id: int):
    """Download a document that the leads uploaded (always as an attachment, never shown inline)."""
    lab, _membership = load_lab(slug)
    resource = queries.resource_in(lab, resource_id)
    if not resource.is_file:
        abort(404)  # links are shown as links: no redirect from our address to anywhere
    response = send_from_directory(
        content.documents_folder(),
        resource.stored_name,
        as_attachment=True,
        download_name=resource.file_name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"  # a removed document must not linger in caches
    return response
