"""The search page through HTTP: what it finds, for whom, how it ranks, filters and pages."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.auth.models import AccountState, Role
from community.extensions import db
from community.forum import services as forum_services
from community.forum.models import Initiative
from community.forum.services import initiatives as forum_initiatives
from community.labs import services as lab_services
from community.labs.models import LabStatus
from community.profiles import services as profile_services
from community.profiles.models import EmailVisibility, VisitorView
from community.search.models import SearchDocument
from community.utils import utcnow
from tests.factories import initiative_data, make_comment, make_initiative, make_lab, make_profile, make_user


def found(client, text, kind="initiative", **args) -> list[str]:
    """The titles of the hits, in order."""
    response = client.get("/search", query_string={"q": text, "kind": kind, **args})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    titles = re.findall(r'<h3 id="hit-\d+"[^>]*><a href="[^"]*">(.*?)</a></h3>', page, re.S)
    return [re.sub(r"</?mark>", "", title) for title in titles]


def count(client, text, kind) -> int:
    page = client.get("/search", query_string={"q": text}).get_data(as_text=True)
    match = re.search(rf'kind={kind}"[^>]*>[^<]*<span class="count-badge">(\d+)</span>', page)
    return int(match.group(1))


def test_an_initiative_is_found_by_its_words_with_a_highlighted_snippet(app, client):
    with app.app_context():
        make_initiative(title="Cassava registry", body="Farmers of **Saint Lucia** register their cassava.")
    page = client.get("/search?q=cassava").get_data(as_text=True)
    assert "<mark>Cassava</mark> registry" in page and "register their <mark>cassava</mark>" in page
    assert found(client, "lucia farmers") == ["Cassava registry"]
    assert found(client, "nothing-like-this") == []


def test_every_kind_has_its_tab_with_its_count(app, client):
    with app.app_context():
        initiative = make_initiative(title="Mangrove monitoring")
        make_comment(initiative, body="Mangrove drones work well here.")
        make_profile(make_user(username="mangrove-fan"), display_name="Mangrove Fan", headline="Mangroves")
        make_lab(name="Mangrove lab")
    page = client.get("/search?q=mangrove").get_data(as_text=True)
    assert 'aria-current="page">Initiatives' in page
    assert {kind: count(client, "mangrove", kind) for kind in ("initiative", "comment", "member", "lab")} == {
        "initiative": 1,
        "comment": 1,
        "member": 1,
        "lab": 1,
    }
    assert found(client, "drones", kind="comment") == ["Comment on “Mangrove monitoring”"]
    assert found(client, "mangrove", kind="lab") == ["Mangrove lab"]
    assert found(client, "mangrove", kind="member") == ["Mangrove Fan"]


def test_relevance_then_recent_activity_orders_the_hits(app, client):
    with app.app_context():
        old = make_initiative(title="Irrigation irrigation", body="irrigation irrigation irrigation")
        make_initiative(
            title="Water budgets", body="Some irrigation among many other words of a budget plan."
        )
        old.last_activity_at = utcnow() - timedelta(days=60)
        db.session.commit()
        make_initiative(title="Solar pumps A", body="pumps")
        older = make_initiative(title="Solar pumps B", body="pumps")
        older.last_activity_at = utcnow() - timedelta(days=400)
        db.session.commit()
    assert found(client, "irrigation") == ["Irrigation irrigation", "Water budgets"]
    assert found(client, "pumps") == ["Solar pumps A", "Solar pumps B"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, {"Fisheries Jamaica", "Fisheries Barbados"}),
        ({"country": "JM"}, {"Fisheries Jamaica"}),
        ({"sector": "agriculture"}, {"Fisheries Barbados"}),
        ({"stage": "scaling"}, {"Fisheries Barbados"}),
        ({"sdg": "14"}, {"Fisheries Jamaica"}),
        ({"category": "agriculture"}, {"Fisheries Barbados"}),
        ({"language": "es"}, {"Fisheries Jamaica"}),
        ({"tag": "boats"}, {"Fisheries Jamaica"}),
        ({"sdg": "not-a-number", "country": "??"}, {"Fisheries Jamaica", "Fisheries Barbados"}),
    ],
)
def test_initiatives_take_the_forum_lists_filters(app, client, args, expected):
    from community.forum.vocabulary import Stage

    with app.app_context():
        make_initiative(title="Fisheries Jamaica", country="JM", sdgs=[14], language="es", tags=["boats"])
        make_initiative(
            title="Fisheries Barbados",
            country="BB",
            sector="agriculture",
            stage=Stage.SCALING,
            category="agriculture",
        )
    assert set(found(client, "fisheries", **args)) == expected


def test_hidden_initiatives_and_their_comments_are_found_by_nobody_until_restored(app, client, sign_in):
    with app.app_context():
        initiative = make_initiative(title="Quarantined idea")
        make_comment(initiative, body="A quarantined remark.")
        author = initiative.author.username
        initiative.is_hidden = True
        db.session.commit()
    assert found(client, "quarantined") == [] and found(client, "quarantined", kind="comment") == []
    sign_in(author)
    assert found(client, "quarantined") == [] and found(client, "quarantined", kind="comment") == []
    with app.app_context():
        db.session.scalar(select(Initiative).where(Initiative.title == "Quarantined idea")).is_hidden = False
        db.session.commit()
    assert found(client, "quarantined") == ["Quarantined idea"]
    assert found(client, "remark", kind="comment") == ["Comment on “Quarantined idea”"]


def test_hidden_and_deleted_comments_leave_the_index(app, client):
    with app.app_context():
        initiative = make_initiative(title="Thread")
        hidden = make_comment(initiative, body="Spammy pelican offer.")
        deleted = make_comment(initiative, body="Regretted pelican words.")
        hidden.is_hidden = True
        db.session.commit()
        forum_services.delete_comment(deleted, deleted.author)
    assert found(client, "pelican", kind="comment") == []


def test_an_edit_changes_what_is_found(app, client):
    with app.app_context():
        initiative = make_initiative(title="Tax portal")
        comment = make_comment(initiative, body="About flamingos.")
        forum_services.edit_comment(comment, comment.author, "About herons.")
    assert found(client, "flamingos", kind="comment") == []
    assert len(found(client, "herons", kind="comment")) == 1


def test_private_profile_fields_are_found_by_members_only(app, client, sign_in, member):
    with app.app_context():
        user = make_user(username="amara-j")
        make_profile(
            user,
            display_name="Amara Joseph",
            headline="Digital identity lead",
            organization="Ministry of Biometrics",
            tags=["blockchain"],
            bio="I like **cricket**.",
        )
    assert found(client, "identity", kind="member") == ["Amara Joseph"]
    for secret in ("biometrics", "blockchain", "cricket"):
        assert found(client, secret, kind="member") == []
    sign_in(member)
    for secret in ("biometrics", "blockchain", "cricket", "amara"):
        assert found(client, secret, kind="member") == ["Amara Joseph"]


def test_a_profile_opened_to_visitors_is_found_by_its_full_fields(app, client):
    with app.app_context():
        user = make_user(username="diego-r")
        make_profile(user, display_name="Diego Ruiz", organization="Oficina de Gestión")
        assert found(client, "gestion", kind="member") == []
        profile_services.set_privacy(user, EmailVisibility.NOBODY, VisitorView.FULL)
    assert found(client, "gestion", kind="member") == ["Diego Ruiz"]


def test_unconfirmed_and_banned_members_are_not_found(app, client, sign_in, member):
    with app.app_context():
        make_profile(make_user(username="pending-one", confirmed=False), display_name="Zebulon Pending")
        banned = make_user(username="banned-one")
        make_profile(banned, display_name="Zebulon Banned")
        banned.state = AccountState.BANNED
        db.session.commit()
    sign_in(member)
    assert found(client, "zebulon", kind="member") == []


def test_only_active_labs_are_found(app, client):
    with app.app_context():
        make_lab(name="Coral proposal lab", approve=False)
        archived = make_lab(name="Coral archive lab")
        lab_services.set_lab_status(make_user(role=Role.MODERATOR), archived, LabStatus.ARCHIVED)
        make_lab(name="Coral living lab")
    assert found(client, "coral", kind="lab") == ["Coral living lab"]


@pytest.mark.parametrize(
    ("text", "title"),
    [("gestion", "Gestión de residuos"), ("Economie", "Économie bleue"), ("GESTIÓN", "Gestión de residuos")],
)
def test_accents_and_case_do_not_matter(app, client, text, title):
    with app.app_context():
        make_initiative(title="Gestión de residuos")
        make_initiative(title="Économie bleue")
    assert found(client, text) == [title]


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "- - -",
        "-",
        "AND OR NOT",
        "NEAR(a b)",
        "*",
        "title:x",
        "a" * 10_000,
        "'; --",
        '""',
        "&|<->:*",
    ],
)
def test_malformed_queries_answer_a_page(app, client, text):
    with app.app_context():
        make_initiative(title="Something")
    for kind in ("initiative", "comment", "member", "lab", "nonsense"):
        assert client.get("/search", query_string={"q": text, "kind": kind}).status_code == 200


def test_nul_bytes_are_refused(client):
    assert client.get("/search?q=a%00b").status_code == 400


def test_empty_query_and_no_result_states(app, client):
    assert "Type what you are looking for" in client.get("/search").get_data(as_text=True)
    assert "Type at least one word" in client.get("/search?q=-x").get_data(as_text=True)
    assert "Nothing found." in client.get("/search?q=zzzz").get_data(as_text=True)


def test_pages_and_out_of_range_pages(app, client):
    app.config["SEARCH_PAGE_SIZE"] = 3
    try:
        with app.app_context():
            author = make_user()
            for number in range(7):
                make_initiative(author=author, title=f"Lobster report {number}")
        assert len(found(client, "lobster", page=3)) == 1
        assert "Page 1 of 3" in client.get("/search?q=lobster").get_data(as_text=True)
        for page in ("4", "0", "-1", "99999999999999999999"):
            assert client.get(f"/search?q=lobster&page={page}").status_code in (200, 404)
        assert client.get("/search?q=lobster&page=4").status_code == 404
        assert client.get("/search?q=lobster&page=x").status_code == 200
    finally:
        app.config["SEARCH_PAGE_SIZE"] = 20


@pytest.mark.parametrize("kind", ["initiative", "comment", "member", "lab"])
def test_a_page_of_hits_costs_the_same_queries_whatever_the_data_size(app, client, count_queries, kind):
    def measure():
        with count_queries() as counter:
            assert client.get("/search", query_string={"q": "octopus", "kind": kind}).status_code == 200
        return counter.count

    def add(number):
        with app.app_context():
            for _ in range(number):
                user = make_user()
                make_profile(user, display_name="Octopus keeper", headline="octopus")
                initiative = make_initiative(author=user, title="Octopus farming")
                make_comment(initiative, author=user, body="octopus")
                make_lab(name=f"Octopus lab {user.username}", lead=user)

    add(2)
    small = measure()
    add(8)
    assert measure() == small


def test_a_rolled_back_write_leaves_no_document(app, client):
    with app.app_context():
        author = make_user()
        initiative = Initiative(author=author)
        forum_initiatives._apply(initiative, initiative_data(title="Phantom walrus"))
        db.session.add(initiative)
        db.session.flush()
        assert db.session.scalar(select(func.count()).select_from(SearchDocument)) >= 1
        db.session.rollback()
        assert db.session.scalar(select(func.count()).where(SearchDocument.kind == "initiative")) == 0
    assert found(client, "walrus") == []


def test_reindex_rebuilds_the_index_from_the_database(app, client):
    with app.app_context():
        make_initiative(title="Breadfruit chain")
        make_profile(make_user(username="breadfruit"), display_name="Breadfruit Agent")
        db.session.execute(SearchDocument.__table__.delete())
        db.session.commit()
    assert found(client, "breadfruit") == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "initiative: 1" in result.output and "Search index rebuilt." in result.output
    assert found(client, "breadfruit") == ["Breadfruit chain"]
    assert found(client, "breadfruit", kind="member") == ["Breadfruit Agent"]


def test_an_initiative_is_found_by_its_category_sector_and_country_names(app, client):
    with app.app_context():
        make_initiative(title="Seed bank", category="agriculture", sector="agriculture", country="LC")
    assert found(client, "fisheries") == ["Seed bank"]  # the sector's label
    assert found(client, "sainte lucie") == ["Seed bank"]  # the country, in French too


def test_initiatives_can_be_searched_within_a_lab(app, client):
    from tests.factories import AGRICULTURE, add_member, get_lab

    with app.app_context():
        author = make_user()
        add_member(get_lab(AGRICULTURE), author)
        make_initiative(title="Cocoa traceability in the lab", author=author, lab=AGRICULTURE)
        make_initiative(title="Cocoa traceability elsewhere")
    assert found(client, "cocoa", lab=AGRICULTURE) == ["Cocoa traceability in the lab"]
    assert len(found(client, "cocoa", lab="no-such-lab")) == 2


def test_a_fresh_install_finds_its_agriculture_lab(client):
    assert found(client, "agriculture", kind="lab") == ["Agriculture Innovation Lab"]
