"""Forms every feature shares."""

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
