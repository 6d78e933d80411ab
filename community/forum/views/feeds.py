"""Atom feeds of the latest initiatives: all, per category and per lab."""

from flask import abort, current_app, render_template, url_for
from flask_babel import gettext as _

from community.forum import queries
from community.forum.blueprint import bp
from community.forum.queries import Filters
from community.labs import queries as lab_queries
from community.utils import utcnow

FEED_SIZE = 30


def _feed(title: str, page_url: str, self_url: str, initiatives):
    body = render_template(
        "feeds/atom.xml",
        title=title,
        page_url=current_app.config["SITE_URL"] + page_url,
        self_url=current_app.config["SITE_URL"] + self_url,
        initiatives=initiatives,
        updated=max((i.edited_at or i.created_at for i in initiatives), default=None) or utcnow(),
        site_url=current_app.config["SITE_URL"],
    )
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.route("/feeds/initiatives.atom")
def feed():
    return _feed(
        _("Latest initiatives"),
        url_for("forum.index"),
        url_for("forum.feed"),
        queries.latest_initiatives(limit=FEED_SIZE),
    )


@bp.route("/feeds/categories/<slug>.atom")
def category_feed(slug: str):
    category = queries.category_by_slug(slug[:60])
    if category is None:
        abort(404)
    return _feed(
        _("Latest initiatives in %(category)s", category=category.name),
        url_for("forum.category", slug=category.slug),
        url_for("forum.category_feed", slug=category.slug),
        queries.latest_initiatives(Filters(category=category.slug), limit=FEED_SIZE),
    )


@bp.route("/feeds/labs/<slug>.atom")
def lab_feed(slug: str):
    lab = lab_queries.lab_by_slug(slug)
    if lab is None or lab.is_proposed:  # proposals have no initiatives
        abort(404)
    return _feed(
        _("Latest initiatives in %(lab)s", lab=lab.name),
        url_for("labs.show", slug=lab.slug),
        url_for("forum.lab_feed", slug=lab.slug),
        queries.latest_initiatives(Filters(lab=lab.slug), limit=FEED_SIZE),
    )
