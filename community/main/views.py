"""The home page and the health check."""

from flask import Blueprint, jsonify, render_template

from community.main import services

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    return render_template(
        "main/index.html",
        initiatives=services.latest_initiatives(),
        members=services.newest_members(),
        labs=services.active_labs(),
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
