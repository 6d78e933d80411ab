"""/network: the network in numbers, and each chart's downloads (CSV, SVG, PNG)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, current_app, render_template, request

from community import countries
from community.extensions import limiter
from community.network import dashboard, store
from community.network.errors import NetworkError
from community.network.scope import read_scope

bp = Blueprint("network", __name__, url_prefix="/network")
TYPES = {"csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"}


@cache
def _png_available() -> bool:
    return dashboard.png_available()


def _form_context(labs, view: str) -> dict:
    return {
        "labs": labs,
        "countries": countries.country_choices(countries.CARIBBEAN, grouped=False),
        "view": view,
        "png": _png_available(),
    }


@bp.route("")
def index():
    """The map, the charts and their tables, for the filters in the query string."""
    labs = store.visible_labs()
    view = "table" if request.args.get("view") == "table" else "charts"
    try:
        scope = read_scope(request.args, {slug for slug, _ in labs})
    except NetworkError as error:
        context = _form_context(labs, view)
        return render_template("network/index.html", error=error, scope=None, **context), error.status
    reading = dashboard.read(scope)
    return render_template(
        "network/index.html", error=None, scope=scope, reading=reading, **_form_context(labs, view)
    )


@bp.route("/<key>.<any(csv, svg, png):fmt>")
@limiter.limit("120 per hour")
def download(key: str, fmt: str):
    """One chart's numbers as CSV, or its drawing as SVG or PNG, with the page's filters."""
    labs = store.visible_labs()
    try:
        scope = read_scope(request.args, {slug for slug, _ in labs})
    except NetworkError as error:
        abort(error.status, error.message)
    chart = dashboard.read(scope).chart(key[:60])
    if chart is None or (fmt == "png" and not _png_available()):
        abort(404)
    if fmt == "csv":
        body = dashboard.csv_text(chart)
    else:
        body = render_template("network/chart.svg", chart=chart, base=current_app.config["SITE_URL"])
        body = dashboard.png_bytes(body) if fmt == "png" else body
    response = Response(body, content_type=TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{chart.key}.{fmt}"'
    return response
