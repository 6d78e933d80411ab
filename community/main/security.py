"""Headers that every response carries."""

from flask import Flask, Response, abort, request
from flask_login import current_user

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_bytes)
    app.after_request(_security_headers)


def _refuse_nul_bytes() -> None:
    """NUL never belongs in text a person typed, and PostgreSQL refuses it: answer 400, not 500."""
    values = [*request.args.values(), *(request.view_args or {}).values()]
    if request.method == "POST" and request.mimetype in FORM_TYPES:
        values += [*request.form.values(), *request.form.keys(), *request.args.keys()]
    if any("\x00" in value for value in values if isinstance(value, str)):
        abort(400)


def _security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if response.mimetype == "text/html" and current_user and current_user.is_authenticated:
        headers.setdefault("Cache-Control", "private, no-store")
    return response
