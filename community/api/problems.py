"""Errors as RFC 9457 problem documents: a stable ``type`` per kind of error, a status, a readable detail."""

from __future__ import annotations

from flask import Response, current_app, json
from werkzeug.exceptions import HTTPException

# slug -> (status, title). The slug makes the stable ``type`` URI; the docs page lists them all.
PROBLEMS: dict[str, tuple[int, str]] = {
    "invalid-parameter": (400, "A query parameter is unknown or malformed"),
    "invalid-cursor": (400, "The cursor is not one this API gave"),
    "token-in-url": (400, "Tokens are accepted in the Authorization header only"),
    "malformed-body": (400, "The body is not a JSON object"),
    "unauthorized": (401, "A valid access token is needed"),
    "forbidden": (403, "The token's member or scope may not do this"),
    "not-found": (404, "There is nothing here, or nothing the caller may see"),
    "method-not-allowed": (405, "This address does not answer that method"),
    "body-too-large": (413, "The body is larger than the API accepts"),
    "unsupported-media-type": (415, "Send the body as application/json"),
    "validation-failed": (422, "The body does not match the schema"),
    "rejected": (422, "The platform's rules refused the change"),
    "rate-limited": (429, "Too many requests for this token or address"),
    "server-error": (500, "Something went wrong on the server"),
}
BY_STATUS = {400: "invalid-parameter", 401: "unauthorized", 403: "forbidden", 404: "not-found",
             405: "method-not-allowed", 413: "body-too-large", 415: "unsupported-media-type",
             422: "validation-failed", 429: "rate-limited", 500: "server-error"}  # fmt: skip
MEDIA_TYPE = "application/problem+json"


class ApiProblem(Exception):
    """Stop an API request with a problem document."""

    def __init__(self, slug: str, detail: str, errors: list[dict] | None = None, headers=None):
        super().__init__(detail)
        self.slug = slug
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}


def type_uri(slug: str) -> str:
    return f"{current_app.config['SITE_URL']}/api/docs#problem-{slug}"


def problem_response(slug: str, detail: str, errors: list[dict] | None = None, headers=None) -> Response:
    status, title = PROBLEMS[slug]
    document: dict = {"type": type_uri(slug), "title": title, "status": status, "detail": detail}
    if errors:
        document["errors"] = errors
    response = Response(json.dumps(document), status=status, mimetype=MEDIA_TYPE, headers=headers)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def from_exception(problem: ApiProblem) -> Response:
    return problem_response(problem.slug, problem.detail, problem.errors, problem.headers)


def from_http_error(error: HTTPException, retry_after: int | None = None) -> Response:
    """An error raised by Flask or Werkzeug (unknown address, wrong method, body too large…)."""
    code = error.code or 500
    slug = BY_STATUS.get(code, "server-error" if code >= 500 else "invalid-parameter")
    headers = {}
    if code == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    if code == 429:
        headers["Retry-After"] = str(retry_after or 60)
    return problem_response(slug, error.description or PROBLEMS[slug][1], headers=headers)
