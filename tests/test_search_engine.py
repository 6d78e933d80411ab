"""The search engine, the same on SQLite FTS5 and PostgreSQL: syntax, accents, ranking, visibility."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from community.extensions import db
from community.search import engine
from community.search.models import MEMBERS, PUBLIC, SearchDocument
from community.search.query import parse
from community.search.snippets import snippet
from community.utils import utcnow

DOCS = {
    1: ("Gestión de identidad digital", "Piloto de identidad digital en República Dominicana."),
    2: ("Digital identity for farmers", "Farmers in Saint Lucia register with a digital identity card."),
    3: ("Économie numérique", "La transformation de l'économie en Haïti passe par les e-services."),
    4: ("Procurement pilot", "An e-procurement pilot in Jamaica cut processing times."),
    5: ("Agriculture data sharing", "Sharing crop data between ministries of agriculture."),
}


@pytest.fixture
def indexed(app):
    with app.app_context():
        for object_id, (title, body) in DOCS.items():
            engine.index_document("initiative", object_id, title, body, utcnow() - timedelta(days=object_id))
        db.session.commit()
    return app


def search(query, kind, members=False, restrict=None, **options):
    """One page of hits and the total, as the search page gets them."""
    total = engine.count_by_kind(query, {kind: restrict}, members)[kind]
    return engine.page_of_hits(query, kind, members, restrict=restrict, **options), total


def ids(app, text, kind="initiative", **options):
    with app.app_context():
        hits, total = search(parse(text), kind, **options)
        assert total == len(hits) or total > len(hits)
        return [hit.object_id for hit in hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("digital", {1, 2}),
        ("digital identity", {2}),
        ("farmers identity", {2}),
        ('"digital identity card"', {2}),
        ('"identity digital"', set()),
        ("digital -farmers", {1}),
        ("procure", {4}),  # the last word matches as a prefix
        ("gestion", {1}),
        ("GESTIÓN", {1}),
        ("Economie", {3}),
        ("économie", {3}),
        ("republica dominicana", {1}),
        ("nothing-like-this-anywhere", set()),
    ],
)
def test_query_syntax_people_know(indexed, text, expected):
    assert set(ids(indexed, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        'digital "identity',
        "-",
        "- - -",
        "-digital",
        "AND OR NOT",
        "NEAR(a b)",
        "*",
        "^",
        "a" * 10_000,
        "digital\x00identity",
        "()",
        '""',
        "'; DROP TABLE users; --",
        "title:digital",
        "{digital}",
        "digital*",
        ":*",
        "!digital",
        "&|<->",
        "\t\n",
        "",
    ],
)
def test_malformed_queries_never_raise(indexed, text):
    ids(indexed, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_is_a_valid_query(indexed, text):
    ids(indexed, text)


def test_recent_activity_ranks_higher_among_equals(app):
    with app.app_context():
        engine.index_document("initiative", 10, "Cassava", "cassava", utcnow() - timedelta(days=400))
        engine.index_document("initiative", 11, "Cassava", "cassava", utcnow())
        db.session.commit()
    assert ids(app, "cassava") == [11, 10]


def test_relevance_ranks_before_recency(app):
    with app.app_context():
        engine.index_document(
            "initiative",
            20,
            "Irrigation",
            "irrigation irrigation irrigation water",
            utcnow() - timedelta(days=30),
        )
        engine.index_document(
            "initiative",
            21,
            "Water",
            "one mention of irrigation among many other words about water, budgets, staff, training and more",
            utcnow(),
        )
        db.session.commit()
    assert ids(app, "irrigation")[0] == 20


def test_members_see_the_members_version_and_visitors_the_public_one(app):
    with app.app_context():
        engine.index_document("member", 1, "Amara Joseph", "Saint Lucia", audience=PUBLIC)
        engine.index_document("member", 1, "Amara Joseph", "Saint Lucia biometrics expert", audience=MEMBERS)
        db.session.commit()
    assert ids(app, "biometrics", kind="member") == []
    assert ids(app, "biometrics", kind="member", members=True) == [1]
    assert ids(app, "amara", kind="member", members=True) == [1]  # once, not twice
    assert ids(app, "amara", kind="member") == [1]


def test_the_index_follows_edits_and_removals(indexed):
    with indexed.app_context():
        engine.index_document("initiative", 4, "Procurement pilot", "Now about fisheries.")
        db.session.commit()
    assert ids(indexed, "jamaica") == [] and ids(indexed, "fisheries") == [4]
    with indexed.app_context():
        engine.remove_document("initiative", 4)
        db.session.commit()
    assert ids(indexed, "fisheries") == []


def test_a_rolled_back_write_leaves_the_index_untouched(indexed):
    with indexed.app_context():
        engine.index_document("initiative", 99, "Phantom", "phantom")
        db.session.rollback()
    assert ids(indexed, "phantom") == []


def test_restrict_limits_hits_to_allowed_things(indexed):
    allowed = select(SearchDocument.object_id).where(SearchDocument.object_id.in_([2]))
    assert ids(indexed, "digital", restrict=allowed) == [2]


def test_counts_per_kind(indexed):
    with indexed.app_context():
        engine.index_document("lab", 1, "Digital identity lab", "")
        db.session.commit()
        counts = engine.count_by_kind(parse("digital"), {"initiative": None, "lab": None, "member": None})
    assert counts == {"initiative": 2, "lab": 1, "member": 0}


def test_pagination(app):
    with app.app_context():
        for number in range(25):
            engine.index_document("comment", number + 1, "", f"mango harvest report {number}")
        db.session.commit()
        first, total = search(parse("mango"), "comment", page=1, per_page=10)
        third, _ = search(parse("mango"), "comment", page=3, per_page=10)
        beyond, _ = search(parse("mango"), "comment", page=9, per_page=10)
    assert total == 25 and len(first) == 10 and len(third) == 5 and beyond == []


def test_snippets_mark_matches_and_escape_the_rest():
    query = parse("gestion")
    marked = str(snippet("<b>Plan</b> de gestión & control", query))
    assert "<mark>gestión</mark>" in marked
    assert "&lt;b&gt;Plan&lt;/b&gt;" in marked and "&amp;" in marked
    long_text = " ".join(["word"] * 100 + ["needle"] + ["word"] * 100)
    cut = str(snippet(long_text, parse("needle"), width=20))
    assert "<mark>needle</mark>" in cut and cut.startswith("…") and cut.endswith("…")


def test_a_snippet_of_a_very_long_text_reads_only_its_start():
    huge = "opening words " + "filler " * 10_000 + "needle at the end"
    shown = str(snippet(huge, parse("needle"), width=8))
    assert shown == "opening words filler filler filler filler filler filler …"


def test_parse_reads_operators():
    query = parse('digital "data sharing" -spam proc')
    assert query.required == ["digital"] and query.phrases == [["data", "sharing"]]
    assert query.excluded == ["spam"] and query.prefix == "proc"


def test_reindex_command_rebuilds_every_registered_kind(app, monkeypatch):
    from community.search import indexers

    def index_labs():
        engine.index_document("lab", 7, "Climate resilience lab", "hurricanes")
        return 1

    monkeypatch.setitem(indexers.INDEXERS, "lab", index_labs)
    with app.app_context():
        engine.index_document("lab", 8, "Stale", "hurricanes")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "lab: 1" in result.output
    assert ids(app, "hurricanes", kind="lab") == [7]


@pytest.mark.parametrize("members", [False, True])
def test_the_full_text_match_drives_the_search_on_sqlite(app, members):
    """Led by the kind's index, SQLite ran the MATCH once per document of the kind (30 s on 50,000)."""
    from sqlalchemy import text

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("a plan of the embedded SQLite's FTS5")
    with app.app_context():
        statement, _relevance = engine._matching(parse("data"), "comment", members, None)
        compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = [row[3] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    assert plan[0].startswith("SCAN search_fts VIRTUAL TABLE"), plan
