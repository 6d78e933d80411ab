"""``_()`` and ``ngettext()`` in templates, with the catalog found once per request and language.

Flask-Babel looks the catalog up again for every ``_()`` in a template, behind three layers of Jinja calls
(about 10 µs each); a page of fifty comments says "Reply", "Useful" and "Flag" fifty times. The catalog is
kept on Flask-Babel's own per-request namespace next to the locale it belongs to, so ``force_locale``
(e-mails in the recipient's language) still switches it. The functions keep Jinja's "newstyle" meaning:
keyword arguments are escaped into the translation, ``num`` is the count of ``ngettext``.
"""

from __future__ import annotations

from flask import Flask, g
from flask_babel import get_locale, get_translations
from jinja2 import pass_eval_context
from markupsafe import Markup


def request_translations():
    context = g.get("_flask_babel")
    locale = getattr(context, "babel_locale", None)
    if locale is None:
        locale = get_locale()
        context = g._flask_babel
    kept = getattr(context, "community_translations", None)
    if kept is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()
    context.community_translations = (locale, translations)
    return translations


@pass_eval_context
def gettext(eval_context, string: str, /, **variables) -> str:
    translated = request_translations().ugettext(string)
    if eval_context.autoescape:
        translated = Markup(translated)  # noqa: S704 - the catalog's text; the variables are escaped into it
    return translated % variables


@pass_eval_context
def ngettext(eval_context, singular: str, plural: str, count: int, /, **variables) -> str:
    variables.setdefault("num", count)  # a template may pass num= itself, formatted
    translated = request_translations().ungettext(singular, plural, count)
    if eval_context.autoescape:
        translated = Markup(translated)  # noqa: S704 - as above
    return translated % variables


def init_app(app: Flask) -> None:
    """After Flask-Babel's init_app, which installs the slower ones."""
    app.jinja_env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
