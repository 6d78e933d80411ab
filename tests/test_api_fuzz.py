"""Schemathesis sends every endpoint of the generated OpenAPI document valid and broken input: no answer is
a 500, and every answer matches the document (status, content type, schema)."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from community.api import services as api_services
from community.api.spec import ENDPOINTS
from tests.factories import make_initiative, make_user

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]  # not negative_data_rejection: it does not count 413 (body too large) as a refusal
# Broken input needs something to break: a query or a body (a bare path parameter has no constraint).
CASES = [
    (e.method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", e.rule), mode)
    for e in ENDPOINTS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or e.query or e.body
]


@pytest.fixture
def write_token(app):
    """A member with a write token and an initiative of theirs, so writes reach the rules, not only 401."""
    with app.app_context():
        author = make_user()
        make_initiative(author)
        return api_services.create_token(author, "fuzz", True, None)[1]


@pytest.mark.parametrize(
    ("method", "path", "mode"), CASES, ids=[f"{m} {p} {mode.value}" for m, p, mode in CASES]
)
def test_every_endpoint_answers_as_documented(app, write_token, method, path, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def fuzz(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {write_token}"}, checks=CHECKS)

    fuzz()
