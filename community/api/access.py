"""Who calls the API: a personal access token in the Authorization header, or nobody.

The API never reads the session cookie, so a page on another site cannot act with a member's session
(hence no CSRF token on its writes). A token acts as its member under the same rules as the site.
"""

from __future__ import annotations

import hashlib

from flask import g, request
from flask_limiter.util import get_remote_address

from community.api import services
from community.api.models import Scope
from community.api.problems import ApiProblem
from community.permissions import Visitor

URL_TOKEN_NAMES = ("access_token", "token", "api_key", "apikey", "key")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


def authenticate(scope: Scope | None) -> None:
    """Set the request's member from its token; refuse what the endpoint's scope does not allow."""
    if any(name in request.args for name in URL_TOKEN_NAMES):
        raise ApiProblem("token-in-url", "Send the token in the Authorization header, never in the address.")
    secret = _bearer()
    if secret is None:
        g._login_user = Visitor()  # what Flask-Login's current_user reads: not the session's member
        if scope is not None:
            raise ApiProblem(
                "unauthorized", "This endpoint needs a personal access token.", headers=CHALLENGE
            )
        return
    token = services.token_in_use(secret)
    if token is None:
        raise ApiProblem("unauthorized", "The token is unknown, expired or revoked.", headers=CHALLENGE)
    if scope is Scope.WRITE and not token.can_write:
        raise ApiProblem("forbidden", "This token may only read: create one with the write scope.")
    g._login_user = token.user
    g.api_token_id = token.id


def _bearer() -> str | None:
    header = request.headers.get("Authorization")
    if header is None:
        return None
    kind, _, secret = header.partition(" ")
    if kind.lower() != "bearer" or not secret.strip():
        raise ApiProblem(
            "unauthorized", "Send the token as 'Authorization: Bearer <token>'.", headers=CHALLENGE
        )
    return secret.strip()


def rate_key() -> str:
    """Limits count per token when one is sent, else per address."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return "api-token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]
    return "api-ip:" + (get_remote_address() or "")
