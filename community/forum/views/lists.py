"""Lists of initiatives (all, by category, by tag) and their export as open data."""

import csv
import io
import json
from functools import partial

from flask import Response, abort, render_template, request
from flask_login import current_user

from community.extensions import limiter
from community.forum import queries
from community.forum.blueprint import bp
from community.forum.forms import FilterForm
from community.forum.queries import Filters

# A spreadsheet runs a cell that starts like a formula: such cells get a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@bp.route("/initiatives/")
def index():
    return _list_page()


@bp.route("/initiatives/categories/<slug>")
def category(slug: str):
    found = queries.category_by_slug(slug[:60])
    if found is None:
        abort(404)
    return _list_page(category=found)


@bp.route("/initiatives/tags/<tag>")
def tag(tag: str):
    return _list_page(tag=tag[:40])


def _filter_form() -> FilterForm:
    """The filters from the query string; an unknown lab, like any unknown value, is dropped."""
    return FilterForm(request.args, labs=queries.lab_filter_options(request.args.get("lab", "")))


def _list_page(category=None, tag=None):
    form = _filter_form()
    fixed = {"category": category.slug if category else None, "tag": tag}
    filters = Filters.from_values({**form.valid_values(), **fixed})
    number = request.args.get("page", 1, type=int)
    return render_template(
        "forum/index.html",
        form=form,
        filters=filters,
        page_number=number,
        # read inside the list's kept fragment, so not at all while it is kept (see main/pagecache.py)
        page_of_initiatives=partial(queries.page_of_initiatives, filters, current_user, number),
        audience=queries.list_audience(current_user),
        category=category,
        tag=tag,
        categories=queries.categories(),
    )


@bp.route("/initiatives/export.<any(csv, json):fmt>")
@limiter.limit("30 per hour")
def export(fmt: str):
    """Any list, with its filters, as CSV or JSON: the case repository is open data."""
    values = _filter_form().valid_values()
    values["category"] = request.args.get("category", "")[:60]
    values["tag"] = request.args.get("tag", "")[:40]
    rows = queries.export_rows(Filters.from_values(values), current_user)
    if fmt == "json":
        body = json.dumps({"initiatives": rows, "count": len(rows)}, ensure_ascii=False, indent=1)
        response = Response(body, mimetype="application/json")
    else:
        response = Response(_csv(rows), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="initiatives.{fmt}"'
    return response


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
