"""The JSON API through HTTP, as a harvester and a member's own tool use it."""

from datetime import timedelta

import pytest
from openapi_spec_validator import validate
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF
from sqlalchemy import func, select

from community.api import services as api_services
from community.api.catalog import DATASETS
from community.api.models import ApiToken
from community.auth.models import AccountState, Role
from community.extensions import db
from community.forum.models import Comment, Initiative
from community.moderation import services as moderation
from community.moderation.models import Action, TargetKind
from community.profiles.models import EmailVisibility, VisitorView
from community.profiles.services import set_privacy
from community.utils import utcnow
from tests.factories import get_user, make_initiative, make_profile, make_user

PROBLEM = "application/problem+json"


def _token(username: str, write: bool = False, expires_at=None) -> str:
    return api_services.create_token(get_user(username), "tool", write, expires_at)[1]


def _auth(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def _problem(response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.data
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["type"].endswith(f"/api/docs#problem-{slug}")
    assert body["status"] == status
    return body


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_harvester_pages_through_every_initiative_in_a_stable_order(app, client):
    with app.app_context():
        ids = [make_initiative().id for _ in range(5)]
    seen, url = [], "/api/v1/initiatives?limit=2"
    while url:
        body = client.get(url).get_json()
        seen += [item["id"] for item in body["items"]]
        url = body["next_cursor"] and f"/api/v1/initiatives?limit=2&cursor={body['next_cursor']}"
    assert seen == sorted(ids)


def test_updated_since_returns_only_what_changed(app, client):
    with app.app_context():
        old = make_initiative()
        old.created_at = old.last_activity_at = utcnow() - timedelta(days=30)
        db.session.commit()
        new_id = make_initiative().id
    since = (utcnow() - timedelta(days=1)).isoformat(timespec="seconds") + "Z"
    body = client.get(f"/api/v1/initiatives?updated_since={since}").get_json()
    assert [item["id"] for item in body["items"]] == [new_id]


def test_filters_of_the_list_work_as_query_parameters(app, client):
    with app.app_context():
        make_initiative(country="JM")
        wanted = make_initiative(country="LC", sdgs=[2]).id
    items = client.get("/api/v1/initiatives?country=LC&sdg=2").get_json()["items"]
    assert [item["id"] for item in items] == [wanted]


def test_an_unchanged_answer_is_304_with_its_etag(app, client):
    with app.app_context():
        make_initiative()
    first = client.get("/api/v1/initiatives")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/initiatives", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_an_initiative_comes_with_its_visible_comments_and_hidden_ones_stay_out(app, client):
    with app.app_context():
        initiative = make_initiative(body="Hello **world**")
        shown = make_comment_id(initiative, "Well done")
        hidden = make_comment_id(initiative, "Spam")
        moderation.act_on_content(
            _moderator(), Action.HIDE, TargetKind.COMMENT, db.session.get(Comment, hidden), "spam"
        )
        initiative_id = initiative.id
    body = client.get(f"/api/v1/initiatives/{initiative_id}").get_json()
    assert "<strong>world</strong>" in body["body_html"]
    assert [comment["id"] for comment in body["comments"]] == [shown]


def _moderator():
    return make_user(role=Role.MODERATOR)


def make_comment_id(initiative, text: str) -> int:
    from tests.factories import make_comment

    return make_comment(initiative, body=text).id


def test_a_hidden_initiative_is_not_found_and_not_listed(app, client):
    with app.app_context():
        initiative = make_initiative()
        moderation.act_on_content(_moderator(), Action.HIDE, TargetKind.INITIATIVE, initiative, "spam")
        initiative_id = initiative.id
    _problem(client.get(f"/api/v1/initiatives/{initiative_id}"), 404, "not-found")
    assert client.get("/api/v1/initiatives").get_json()["items"] == []


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("colour=red", "invalid-parameter"),
        ("limit=0", "invalid-parameter"),
        ("limit=abc", "invalid-parameter"),
        ("sdg=18", "invalid-parameter"),
        ("updated_since=yesterday", "invalid-parameter"),
        ("updated_since=7", "invalid-parameter"),
        ("country=LC&country=JM", "invalid-parameter"),
        ("cursor=not-a-cursor", "invalid-cursor"),
        ("cursor=djI6MQ", "invalid-cursor"),
        ("access_token=cnt_abc", "token-in-url"),
    ],
)
def test_malformed_queries_get_a_clear_problem(client, query, slug):
    _problem(client.get(f"/api/v1/initiatives?{query}"), 400, slug)


def test_member_profiles_show_only_what_a_visitor_may_read(app, client):
    with app.app_context():
        opened = make_user(username="open")
        make_profile(opened, display_name="Open Agent", job_title="CDO")
        set_privacy(opened, EmailVisibility.MEMBERS, VisitorView.FULL)
        make_profile(make_user(username="closed"), display_name="Closed Agent", job_title="Secret")
        make_user(username="unconfirmed", confirmed=False)
        secret = _token("open")
    by_name = {
        m["username"]: m for m in client.get("/api/v1/members", headers=_auth(secret)).get_json()["items"]
    }
    assert set(by_name) == {"open", "closed"}
    assert by_name["open"]["job_title"] == "CDO"
    assert by_name["closed"]["job_title"] is None and by_name["closed"]["full_profile"] is False
    assert all("email" not in member for member in by_name.values())
    _problem(client.get("/api/v1/members/unconfirmed"), 404, "not-found")
    assert client.get("/api/v1/members/CLOSED").get_json()["display_name"] == "Closed Agent"


def test_labs_are_listed_and_read_by_slug(client):
    items = client.get("/api/v1/labs").get_json()["items"]
    assert "agriculture" in [lab["slug"] for lab in items]
    assert client.get("/api/v1/labs/agriculture").get_json()["name"]
    _problem(client.get("/api/v1/labs/nowhere"), 404, "not-found")


def test_a_member_creates_a_token_seen_once_and_stored_hashed(app, client, signed_in_member):
    response = client.post("/settings/tokens/", data={"name": "Dashboard", "can_write": "y"})
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    secret = page.split('id="new-token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    assert secret.startswith("cnt_")
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        assert token.digest != secret and secret not in token.digest
    assert secret not in client.get("/settings/tokens/").get_data(as_text=True)
    assert client.get("/api/v1/initiatives", headers=_auth(secret)).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ApiToken)).last_used_at is not None


def test_a_token_form_with_an_expiry_in_the_past_is_refused_next_to_the_field(app, client, signed_in_member):
    response = client.post("/settings/tokens/", data={"name": "Old", "expires_on": "2020-01-01"})
    assert response.status_code == 400
    assert "Choose an expiry date in the future." in response.get_data(as_text=True)
    with app.app_context():
        assert _count(ApiToken) == 0


def test_a_member_posts_an_initiative_and_a_comment_with_a_write_token(app, client, member):
    with app.app_context():
        secret = _token(member, write=True)
    payload = {
        "title": "Digital land registry",
        "summary": "Titles online.",
        "body": "We scanned **every** deed.",
        "category": "digital-identity",
        "country": "LC",
        "sector": "public-administration",
        "sdgs": [16],
        "tags": ["land"],
    }
    created = client.post("/api/v1/initiatives", json=payload, headers=_auth(secret))
    assert created.status_code == 201, created.data
    initiative_id = created.get_json()["id"]
    assert created.get_json()["author"]["username"] == member
    comment = client.post(
        f"/api/v1/initiatives/{initiative_id}/comments", json={"body": "An update."}, headers=_auth(secret)
    )
    assert comment.status_code == 201
    edited = client.patch(
        f"/api/v1/initiatives/{initiative_id}", json={"stage": "scaling"}, headers=_auth(secret)
    )
    assert edited.status_code == 200 and edited.get_json()["stage"] == "scaling"
    assert edited.get_json()["title"] == "Digital land registry"


def test_the_rules_of_the_site_apply_to_tokens(app, client):
    with app.app_context():
        initiative = make_initiative()
        initiative_id = initiative.id
        other = make_user().username
        reader, writer = _token(other), _token(other, write=True)
    refused = client.patch(
        f"/api/v1/initiatives/{initiative_id}", json={"title": "Mine"}, headers=_auth(writer)
    )
    _problem(refused, 403, "forbidden")
    _problem(client.post("/api/v1/initiatives", json={}, headers=_auth(reader)), 403, "forbidden")
    _problem(client.post("/api/v1/initiatives", json={}), 401, "unauthorized")
    with app.app_context():
        assert db.session.get(Initiative, initiative_id).title != "Mine"


def test_expired_revoked_and_banned_members_tokens_stop_at_once(app, client):
    with app.app_context():
        expired = _token(make_user().username, expires_at=utcnow() + timedelta(seconds=1))
        token = db.session.scalar(select(ApiToken).where(ApiToken.hint == expired[:10]))
        token.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        revoked_user = make_user()
        revoked = _token(revoked_user.username)
        api_services.revoke_token(
            revoked_user, db.session.scalar(select(ApiToken).where(ApiToken.hint == revoked[:10]))
        )
        banned_user = make_user()
        banned = _token(banned_user.username)
        banned_user.state = AccountState.BANNED
        db.session.commit()
    for secret in (expired, revoked, banned, "cnt_made-up", ""):
        response = client.get("/api/v1/initiatives", headers={"Authorization": f"Bearer {secret}"})
        _problem(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_bad_bodies_are_refused_and_nothing_is_stored(app, client, member):
    with app.app_context():
        secret = _token(member, write=True)
        before = _count(Initiative)
    headers = _auth(secret)
    form = client.post("/api/v1/initiatives", data="title=x", headers=headers, content_type="text/plain")
    _problem(form, 415, "unsupported-media-type")
    _problem(client.post("/api/v1/initiatives", data="{not json", headers=headers,
                         content_type="application/json"), 400, "malformed-body")  # fmt: skip
    _problem(
        client.post("/api/v1/initiatives", json={"title": ""}, headers=headers), 422, "validation-failed"
    )
    big = {"title": "x", "summary": "y", "body": "z" * (300 * 1024)}
    _problem(client.post("/api/v1/initiatives", json=big, headers=headers), 413, "body-too-large")
    unknown = {"title": "t", "summary": "s", "body": "b", "category": "nope", "country": "LC", "sector": "x"}
    _problem(client.post("/api/v1/initiatives", json=unknown, headers=headers), 422, "rejected")
    with app.app_context():
        assert _count(Initiative) == before


def test_the_api_never_acts_with_the_session_cookie(app, client, signed_in_member):
    """A page elsewhere cannot post as the signed-in member: without a token the API sees a visitor."""
    _problem(client.post("/api/v1/initiatives", json={}), 401, "unauthorized")


def test_rate_limits_answer_429_with_their_headers(app, client, rate_limits, monkeypatch):
    monkeypatch.setitem(app.config, "API_RATE_LIMITS", "2 per minute")
    first = client.get("/api/v1/labs")
    assert first.headers["RateLimit-Limit"] == "2" and first.headers["RateLimit-Remaining"] == "1"
    client.get("/api/v1/labs")
    refused = client.get("/api/v1/labs")
    _problem(refused, 429, "rate-limited")
    assert int(refused.headers["Retry-After"]) >= 1


def test_unknown_addresses_and_methods_answer_problems(client):
    _problem(client.get("/api/v1/nothing-here"), 404, "not-found")
    response = client.delete("/api/v1/initiatives")
    _problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"]


def test_the_openapi_document_is_valid_and_lists_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert {"/v1/initiatives", "/v1/initiatives/{initiative_id}", "/v1/labs", "/v1/members"} <= set(
        document["paths"]
    )


def test_the_docs_page_explains_the_api_without_javascript(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assert "GET /v1/initiatives" in page and "problem-invalid-cursor" in page and "<script" not in page


# rdflib's own JSON-LD parser still builds a ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_dcat_catalogue_parses_back_and_lists_every_dataset(client):
    for path, fmt in (("/catalog.jsonld", "json-ld"), ("/catalog.ttl", "turtle")):
        graph = Graph().parse(data=client.get(path).get_data(as_text=True), format=fmt)
        datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
        assert len(datasets) == len(DATASETS)
        for dataset in datasets:
            assert list(graph.objects(dataset, DCAT.distribution))
            assert list(graph.objects(dataset, DCTERMS.license))


def test_the_data_download_lists_tokens_without_their_secrets(app, client, signed_in_member):
    with app.app_context():
        secret = _token(signed_in_member)
    download = client.get("/settings/export/download").get_data(as_text=True)
    assert '"api_tokens"' in download and secret not in download


@pytest.mark.parametrize("path", ["/api/v1/initiatives", "/api/v1/members", "/api/v1/labs"])
def test_a_list_costs_the_same_queries_for_3_or_12_items(app, client, count_queries, path):
    counts = []
    for _round in range(2):
        with app.app_context():
            for _ in range(3 if not counts else 9):
                author = make_user()
                make_profile(author, display_name=f"Agent {author.id}")
                make_comment_id(make_initiative(author), "A comment")
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 5


def test_a_second_app_in_the_same_process_does_not_count_api_requests_twice(
    app, client, rate_limits, monkeypatch
):
    """Each create_app() added the blueprint's limits again: after the browser tests' second app, every
    request counted twice."""
    from community import create_app

    create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    monkeypatch.setitem(app.config, "API_RATE_LIMITS", "5 per minute")
    assert client.get("/api/v1/labs").headers["RateLimit-Remaining"] == "4"
