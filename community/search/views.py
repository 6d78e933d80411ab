"""/search: one box over initiatives, comments, members and labs, a tab per kind."""

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from community.forum import queries as forum_queries
from community.forum.queries import Filters
from community.permissions import is_member
from community.search import queries
from community.search.documents import INITIATIVE, KINDS
from community.search.forms import InitiativeFilterForm
from community.search.query import MAX_QUERY_LENGTH, parse

bp = Blueprint("search", __name__)


@bp.route("/search")
def index():
    """Search everything the viewer may see; the initiatives tab takes the forum list's filters."""
    text = request.args.get("q", "")[:MAX_QUERY_LENGTH].strip()
    kind = request.args.get("kind", INITIATIVE)
    kind = kind if kind in KINDS else INITIATIVE
    form = InitiativeFilterForm(
        request.args, labs=forum_queries.lab_filter_options(request.args.get("lab", ""))
    )
    filters = Filters.from_values(form.valid_values())
    query = parse(text)
    results = queries.search(
        query,
        kind,
        queries.initiative_restriction(filters, current_user),
        is_member(current_user),
        request.args.get("page", 1, type=int),
        current_app.config["SEARCH_PAGE_SIZE"],
    )
    return render_template(
        "search/index.html", text=text, query=query, results=results, form=form, filters=filters
    )
