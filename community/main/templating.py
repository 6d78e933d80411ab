"""What every template can use: the locale, the navigation, the one-button form."""

from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from community.forms import ActionForm

# Shown once the feature that owns the endpoint is registered.
MAIN_NAV = (
    ("forum.index", _l("Initiatives")),
    ("labs.index", _l("Labs")),
    ("profiles.index", _l("Members")),
)
MEMBER_NAV = (("notifications.index", _l("Notifications")),)
SEARCH_ENDPOINT = "search.index"


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["action_form"] = _action_form
    app.context_processor(_globals)


def _action_form() -> ActionForm:
    """A one-button form to render; it never reads the request (a 413 page must not re-read it)."""
    return ActionForm(formdata=None)


def _globals() -> dict:
    views = current_app.view_functions
    return {
        "current_locale": str(get_locale()),
        "languages": current_app.config["LANGUAGES"],
        "nav_items": [(endpoint, label) for endpoint, label in MAIN_NAV if endpoint in views],
        "member_items": [(endpoint, label) for endpoint, label in MEMBER_NAV if endpoint in views],
        "search_endpoint": SEARCH_ENDPOINT if SEARCH_ENDPOINT in views else None,
    }
