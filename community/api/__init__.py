"""The JSON API (/api/v1/), its personal access tokens and the DCAT catalogue of the open datasets."""

import time

from flask import Flask, current_app, request

# The app's import order (accounts first, as in create_app's list before this package came first):
# accounts, profiles and settings import each other; the tokens page hangs on the settings blueprint.
from community import auth  # noqa: F401
from community.api import (
    models,  # noqa: F401 - the tables, for the migrations
    services,
    settings_views,  # noqa: F401 - its routes hang on the settings blueprint
)
from community.api.access import rate_key
from community.api.blueprint import bp
from community.api.catalog import bp as catalog_bp
from community.api.problems import ApiProblem, from_exception
from community.api.spec import add_cors
from community.api.views import contract, reads, writes  # noqa: F401 - the routes
from community.extensions import csrf, limiter
from community.profiles import export

__all__ = ["bp", "init_app"]

export.register_section("api_tokens", services.exported_tokens)


def _setting(name: str):
    return lambda: current_app.config[name]


# Once, here: the limits belong to the blueprint, which every app made in this process shares (a second
# registration would count each request twice).
limiter.limit(_setting("API_RATE_LIMITS"), key_func=rate_key)(bp)
limiter.limit(_setting("API_WRITE_LIMITS"), key_func=rate_key, methods=["POST", "PATCH"])(bp)


def init_app(app: Flask) -> None:
    csrf.exempt(bp)  # the API never reads the session cookie: no cross-site request can act as a member
    app.register_blueprint(bp)
    app.register_blueprint(catalog_bp)


@bp.before_request
def _cap_body() -> None:
    request.max_content_length = current_app.config["API_MAX_BODY_BYTES"]


@bp.after_request
def _headers(response):
    limit = limiter.current_limit
    if limit is not None:
        response.headers["RateLimit-Limit"] = str(limit.limit.amount)
        response.headers["RateLimit-Remaining"] = str(max(0, limit.remaining))
        response.headers["RateLimit-Reset"] = str(max(0, int(limit.reset_at - time.time())))
    return add_cors(response)


@bp.errorhandler(ApiProblem)
def _problem(problem: ApiProblem):
    return from_exception(problem)
