"""The contract: the OpenAPI document and the page that explains it (no JavaScript needed)."""

from __future__ import annotations

import json

from flask import current_app, jsonify, render_template

from community.api.blueprint import bp
from community.api.problems import PROBLEMS
from community.api.spec import ENDPOINTS, openapi_document


def _document() -> dict:
    cached = current_app.extensions.get("api_openapi")
    if cached is None:
        cached = current_app.extensions["api_openapi"] = openapi_document(current_app.config["SITE_URL"])
    return cached


@bp.route("/v1/openapi.json")
def openapi():
    response = jsonify(_document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/docs")
def docs():
    document = _document()
    schemas = {
        name: json.dumps(schema, indent=1) for name, schema in document["components"]["schemas"].items()
    }
    return render_template(
        "api/docs.html",
        document=document,
        endpoints=ENDPOINTS,
        schemas=schemas,
        problems=PROBLEMS,
        base=document["servers"][0]["url"],
    )
