"""Endpoints declared once, with their Pydantic models: the same declaration checks each request and
writes the OpenAPI 3.1 document, so the contract cannot drift from the code."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps

from flask import Response, request
from pydantic import BaseModel, ValidationError

from community.api import access
from community.api.blueprint import bp
from community.api.models import Scope
from community.api.problems import PROBLEMS, ApiProblem
from community.main.routing import LARGEST_ID

API_VERSION = "1.0.0"
CORS_EXPOSED = (
    "ETag, Last-Modified, Location, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After"
)
_PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Endpoint:
    rule: str  # the Flask rule under /api, e.g. /v1/initiatives/<int:initiative_id>
    method: str
    name: str
    summary: str
    tag: str
    response: type[BaseModel]
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    scope: Scope | None = None  # None: anyone may call it; a token, when sent, must be valid
    status: int = 200

    @property
    def errors(self) -> tuple[int, ...]:
        codes = [400, 401, 429]
        if "<" in self.rule:
            codes += [404, 405]  # 405: a number past any id matches no route of this method
        elif self.scope is Scope.WRITE:
            codes.append(404)
        if self.scope is not None:
            codes.append(403)
        if self.body is not None:
            codes += [413, 415, 422]
        return tuple(sorted(codes))


ENDPOINTS: list[Endpoint] = []


def endpoint(rule: str, method: str = "GET", **declared) -> Callable:
    """Declare and register an API route; the view receives ``query``/``body`` as validated models and
    returns a model, or a model and the moment the data last changed."""

    def decorate(view: Callable) -> Callable:
        spec = Endpoint(rule=rule, method=method, name=view.__name__, **declared)
        ENDPOINTS.append(spec)

        @wraps(view)
        def run(**path):
            access.authenticate(spec.scope)
            if spec.query is not None:
                path["query"] = parse_query(spec.query)
            elif request.args:
                raise ApiProblem("invalid-parameter", f"Unknown query parameter: {next(iter(request.args))}.")
            if spec.body is not None:
                path["body"] = parse_body(spec.body)
            return respond(view(**path), spec.status)

        bp.add_url_rule(rule, view.__name__, run, methods=[method])
        return run

    return decorate


def parse_query(model: type[BaseModel]) -> BaseModel:
    repeated = [key for key in request.args if len(request.args.getlist(key)) > 1]
    if repeated:
        raise ApiProblem("invalid-parameter", f"Give {repeated[0]} once.")
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise ApiProblem(
            "invalid-parameter", "A query parameter is unknown or malformed.", _errors(error)
        ) from None


def parse_body(model: type[BaseModel]) -> BaseModel:
    if request.mimetype != "application/json":
        raise ApiProblem("unsupported-media-type", "Send the body as application/json.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiProblem("malformed-body", "The body must be a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiProblem("validation-failed", "The body does not match the schema.", _errors(error)) from None


def _errors(error: ValidationError) -> list[dict]:
    return [
        {"field": ".".join(str(part) for part in item["loc"]), "message": item["msg"]}
        for item in error.errors()
    ]


def respond(result, status: int = 200) -> Response:
    model, modified = result if isinstance(result, tuple) else (result, None)
    body = model.model_dump_json()
    response = Response(body, status=status, mimetype="application/json")
    if request.method == "GET":
        response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        if modified is not None:
            response.last_modified = modified
        response = response.make_conditional(request)
    return response


def add_cors(response: Response) -> Response:
    """Anyone's page may read the API (no cookies are ever used by it)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = CORS_EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH"
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def last_change(*moments: datetime | None) -> datetime | None:
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


# The OpenAPI document


def openapi_document(site_url: str) -> dict:
    schemas: dict = {"Problem": PROBLEM_SCHEMA}
    paths: dict = {}
    for spec in ENDPOINTS:
        path, parameters = _path(spec.rule)
        operation = {"operationId": spec.name, "summary": spec.summary, "tags": [spec.tag]}
        if spec.query is not None:
            parameters += _query_parameters(spec.query, schemas)
        operation["parameters"] = parameters
        if spec.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(spec.body, schemas)}},
            }
        operation["security"] = [{"token": [spec.scope.value]}] if spec.scope else [{}, {"token": []}]
        operation["responses"] = _responses(spec, schemas)
        paths.setdefault(path, {})[spec.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Network of Digital Transformation Agents API",
            "version": API_VERSION,
            "description": "The network's cases, labs and members as open data, and writing as a member.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": f"{site_url}/api"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": "A personal access token."}
            },
        },
    }


def _path(rule: str) -> tuple[str, list[dict]]:
    parameters = []
    for match in _PATH_PARAMETER.finditer(rule):
        kind = {"type": "string", "maxLength": 60}
        if match["converter"] == "int":
            kind = {"type": "integer", "minimum": 1, "maximum": LARGEST_ID}
        parameters.append({"name": match["name"], "in": "path", "required": True, "schema": kind})
    return _PATH_PARAMETER.sub(r"{\g<name>}", rule), parameters


def _schema(model: type[BaseModel], schemas: dict, mode: str = "validation") -> dict:
    document = model.model_json_schema(ref_template="#/components/schemas/{model}", mode=mode)
    schemas.update(document.pop("$defs", {}))
    schemas[model.__name__] = document
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _query_parameters(model: type[BaseModel], schemas: dict) -> list[dict]:
    document = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(document.pop("$defs", {}))
    required = set(document.get("required", []))
    parameters = []
    for name, schema in document["properties"].items():
        description = schema.pop("description", "")
        schema.pop("title", None)
        parameter = {"name": name, "in": "query", "required": name in required, "schema": schema}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _responses(spec: Endpoint, schemas: dict) -> dict:
    content = {"application/json": {"schema": _schema(spec.response, schemas, mode="serialization")}}
    responses: dict = {str(spec.status): {"description": "Success.", "content": content}}
    if spec.method == "GET":
        responses["304"] = {"description": "Not modified since the ETag sent in If-None-Match."}
    for code in spec.errors:
        titles = "; ".join(title for status, title in PROBLEMS.values() if status == code)
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        responses[str(code)] = {"description": titles, "content": problem}
    return responses


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An error, as RFC 9457 describes it.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "required": ["field", "message"],
            },
        },
    },
}
