"""Forms every feature shares."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from community.errors import ServiceError


class SiteForm(FlaskForm):
    """The base of every form: its CSRF token renders without an id, since one page holds many forms."""

    class Meta:
        def render_field(self, field, render_kw):
            if field.type == "CSRFTokenField":
                render_kw = {"id": False, **render_kw}
            return super().render_field(field, render_kw)


class ActionForm(SiteForm):
    """No fields: carries the CSRF token of a one-button POST (sign out, follow, hide)."""


def show_error(form: FlaskForm, error: ServiceError) -> None:
    """Put a service's refusal next to the field it concerns, or at the top of the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


@dataclass
class Submission:
    """What became of a form: the response to return (saved), or its page again (preview, errors)."""

    response: ResponseReturnValue | None = None
    preview: Any = None
    status: int = 200

    def or_render(self, template: str, **context: Any) -> ResponseReturnValue:
        """The response, or the template with the form's preview and status (400 with errors)."""
        if self.response is not None:
            return self.response
        return render_template(template, preview=self.preview, **context), self.status


def handle_form(
    form: FlaskForm,
    save: Callable[[], ResponseReturnValue],
    preview: Callable[[], Any] | None = None,
) -> Submission:
    """The one skeleton of a form view: validate; "Preview" renders without saving; else ``save``.

    ``save`` calls the service and returns the redirect; a ``ServiceError`` it raises lands next to
    its field (or above the form). The page comes back with 400 when anything is wrong.
    """
    if form.validate_on_submit():
        if preview is not None and getattr(form, "preview", None) is not None and form.preview.data:
            return Submission(preview=preview())
        try:
            return Submission(response=save())
        except ServiceError as error:
            show_error(form, error)
    return Submission(status=400 if form.errors or form.form_errors else 200)
