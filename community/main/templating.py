"""What every template can use: the locale, the navigation, the one-button form."""

from types import SimpleNamespace

from flask import Flask, current_app, g
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from community.forms import ActionForm

# Shown once the feature that owns the endpoint is registered.
MAIN_NAV = (
    ("forum.index", _l("Initiatives")),
    ("labs.index", _l("Labs")),
    ("profiles.index", _l("Members")),
    ("events.index", _l("Events")),
    ("network.index", _l("In numbers")),
    ("assessments.index", _l("Assessments")),
    ("funding.index", _l("Funding")),
)
MEMBER_NAV = (("notifications.index", _l("Notifications")), ("messages.index", _l("Messages")))
SEARCH_ENDPOINT = "search.index"


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["action_form"] = _action_form
    app.context_processor(_globals)


def _action_form() -> SimpleNamespace:
    """What a page reads of its one-button forms (sign out, follow, useful, hide): the token field.

    Rendered once per request, since a page of fifty comments holds fifty such forms. It never reads the
    request (a 413 page must not re-read it).
    """
    if "one_button_form" not in g:
        form = ActionForm(formdata=None)
        token = form.csrf_token() if "csrf_token" in form else Markup()  # the field renders Markup
        g.one_button_form = SimpleNamespace(csrf_token=token)
    return g.one_button_form


def _globals() -> dict:
    views = current_app.view_functions
    return {
        "current_locale": str(get_locale()),
        "languages": current_app.config["LANGUAGES"],
        "nav_items": [(endpoint, label) for endpoint, label in MAIN_NAV if endpoint in views],
        "member_items": [(endpoint, label) for endpoint, label in MEMBER_NAV if endpoint in views],
        "search_endpoint": SEARCH_ENDPOINT if SEARCH_ENDPOINT in views else None,
    }
