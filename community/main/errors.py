"""Error pages inside the layout, for every status a member may meet."""

import time

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from community.api import problems
from community.extensions import db, limiter

PAGES = (400, 403, 404, 405, 413, 429, 500)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _http_error(error: HTTPException):
    if _is_api():
        return problems.from_http_error(error, _seconds_until_reset() if error.code == 429 else None)
    if error.code not in PAGES:
        return error
    context = {"error": error}
    if error.code == 429:
        context["retry_after"] = _seconds_until_reset()
    if error.code == 405:
        context["allowed"] = ", ".join(sorted(error.valid_methods or []))
    return render_template(f"errors/{error.code}.html", **context), error.code


def _csrf_error(error: CSRFError):
    message = _("The form expired or was sent from elsewhere. Go back, reload it and try again.")
    return render_template("errors/400.html", error=error, message=message), 400


def _unexpected_error(error: Exception):
    db.session.rollback()  # nothing half-written survives a crash
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if _is_api():
        return problems.problem_response("server-error", "Something went wrong on the server.")
    return render_template("errors/500.html", error=InternalServerError()), 500


def _is_api() -> bool:
    """The API answers problem documents (RFC 9457), never pages."""
    return request.path.startswith("/api/") and request.path != "/api/docs"


def _seconds_until_reset() -> int | None:
    limit = limiter.current_limit
    if limit is None:
        return None
    return max(1, int(limit.reset_at - time.time()))
