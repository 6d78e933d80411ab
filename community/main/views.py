"""The home page and the health check."""

from flask import Blueprint, jsonify, render_template

from community.main import services

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """The lists are read inside the page's kept fragment: when it is kept, they are not read at all."""
    return render_template(
        "main/index.html",
        latest_initiatives=services.latest_initiatives,
        newest_members=services.newest_members,
        active_labs=services.active_labs,
    )


@bp.route("/healthz")
def healthz():
    """200 while the database answers, 503 when it does not."""
    ok = services.database_answers()
    body = {"status": "ok" if ok else "error", "database": "ok" if ok else "unreachable"}
    return jsonify(body), 200 if ok else 503


@bp.route("/accessibility")
def accessibility():
    return render_template("main/accessibility.html")
