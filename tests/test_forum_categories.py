"""Moderators keep the forum's categories through HTTP: add, edit, reorder, remove."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.auth.models import Role
from community.extensions import db
from community.forum import categories as category_services
from community.forum.errors import ForumError
from community.forum.models import Category
from community.forum.queries import category_by_slug
from tests.factories import get_user, make_initiative, make_user

MANAGE = "/initiatives/manage/categories"
NEW = f"{MANAGE}/new"


@pytest.fixture
def moderator(app, client, sign_in):
    with app.app_context():
        make_user(username="mod", role=Role.MODERATOR)
    assert sign_in("mod").status_code == 302
    return "mod"


def _order(app) -> list[str]:
    with app.app_context():
        return [category.slug for category in category_services.ordered()]


def _id(app, slug: str) -> int:
    with app.app_context():
        return category_by_slug(slug).id


def test_visitors_sign_in_members_are_refused_moderators_and_admins_manage(app, client, sign_in):
    with app.app_context():
        make_user(username="plain")
        make_user(username="boss", role=Role.ADMIN)
    agriculture = _id(app, "agriculture")
    urls = [
        ("get", MANAGE),
        ("get", NEW),
        ("post", NEW),
        ("get", f"{MANAGE}/{agriculture}/edit"),
        ("post", f"{MANAGE}/{agriculture}/up"),
        ("post", f"{MANAGE}/{agriculture}/remove"),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/auth/login" in response.location, url
    sign_in("plain")
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, url
    assert "Manage the categories" not in client.get("/initiatives/").get_data(as_text=True)
    client.post("/auth/logout")
    sign_in("boss")
    assert client.get(MANAGE).status_code == 200
    forum = client.get("/initiatives/").get_data(as_text=True)
    assert "Manage the categories" in forum and MANAGE in forum


def test_a_moderator_adds_a_category_at_the_end(app, client, moderator):
    page = client.get(MANAGE).get_data(as_text=True)
    assert "Agriculture &amp; food security" in page
    response = client.post(
        NEW, data={"name": "  Health & social care ", "slug": "health", "description": "Clinics, records."}
    )
    assert response.status_code == 302
    assert _order(app)[-1] == "health"
    with app.app_context():
        assert category_by_slug("health").name == "Health & social care"
    assert "Health &amp; social care" in client.get("/initiatives/").get_data(as_text=True)
    assert client.get("/initiatives/categories/health").status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "slug": "health"}, "This field is required."),
        ({"name": "Health", "slug": ""}, "This field is required."),
        ({"name": "Health", "slug": "Health Care"}, "Use lowercase letters, digits and hyphens."),
        ({"name": "Health", "slug": "-x-"}, "Use lowercase letters, digits and hyphens."),
        ({"name": "x" * 121, "slug": "health"}, "between 3 and 120"),
        ({"name": "Health", "slug": "health", "description": "d" * 301}, "longer than 300"),
        ({"name": "agriculture & FOOD security", "slug": "farming"}, "Another category has this name"),
        ({"name": "Farming", "slug": "agriculture"}, "Another category has this web address"),
        ({"name": ["a", "b"], "slug": {"x": "y"}}, ""),
    ],
)
def test_bad_input_is_refused_next_to_the_field(app, client, moderator, data, message):
    before = _order(app)
    response = client.post(NEW, data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _order(app) == before


def test_a_name_taken_at_the_same_moment_becomes_a_form_error(app, client, moderator, monkeypatch):
    monkeypatch.setattr(category_services, "_check", lambda details, category_id=None: None)
    response = client.post(NEW, data={"name": "Questions & help", "slug": "questions-2"})
    assert response.status_code == 200
    assert "Another category has this name or web address already" in response.get_data(as_text=True)
    with app.app_context():
        assert category_by_slug("questions-2") is None
        with pytest.raises(ForumError):  # the service itself, under the same race
            category_services.add_category(
                get_user("mod"), category_services.CategoryDetails("Other", "questions")
            )
        assert db.session.scalar(select(Category).where(Category.name == "Other")) is None


def test_renaming_a_category_reindexes_its_initiatives(app, client, moderator):
    with app.app_context():
        initiative = make_initiative(title="Cooperative registries", category="agriculture")
        iid = initiative.id
    agriculture = _id(app, "agriculture")
    page = client.get(f"{MANAGE}/{agriculture}/edit").get_data(as_text=True)
    assert 'value="Agriculture &amp; food security"' in page
    assert client.get("/search?q=Smallholderfarming").get_data(as_text=True).count(f"/initiatives/{iid}") == 0
    response = client.post(
        f"{MANAGE}/{agriculture}/edit",
        data={"name": "Smallholderfarming & fisheries", "slug": "farming", "description": "Fish too."},
    )
    assert response.status_code == 302
    with app.app_context():
        assert category_by_slug("farming").name == "Smallholderfarming & fisheries"
    assert client.get("/initiatives/categories/agriculture").status_code == 404
    assert f"/initiatives/{iid}" in client.get("/search?q=Smallholderfarming").get_data(as_text=True)
    # Keeping its own name and address is no conflict.
    same = {"name": "Smallholderfarming & fisheries", "slug": "farming", "description": "Fish, too."}
    assert client.post(f"{MANAGE}/{agriculture}/edit", data=same).status_code == 302
    taken = {"name": "Questions & help", "slug": "farming"}
    response = client.post(f"{MANAGE}/{agriculture}/edit", data=taken)
    assert response.status_code == 200 and "Another category has this name" in response.get_data(as_text=True)
    assert client.get(f"{MANAGE}/999999/edit").status_code == 404


def test_moving_up_and_down_reorders_the_forum_list(app, client, moderator):
    first, second, *_rest, last = _order(app)
    assert client.post(f"{MANAGE}/{_id(app, second)}/up").status_code == 302
    assert _order(app)[:2] == [second, first]
    client.post(f"{MANAGE}/{_id(app, second)}/up")  # already first: nothing moves
    assert _order(app)[:2] == [second, first]
    client.post(f"{MANAGE}/{_id(app, last)}/down")
    assert _order(app)[-1] == last
    client.post(f"{MANAGE}/{_id(app, second)}/down")
    assert _order(app)[:2] == [first, second]
    forum = client.get("/initiatives/").get_data(as_text=True)
    assert forum.index(f"/initiatives/categories/{first}") < forum.index(f"/initiatives/categories/{second}")
    assert client.post(f"{MANAGE}/{_id(app, first)}/sideways").status_code == 404
    assert client.post(f"{MANAGE}/999999/up").status_code == 404
    assert client.get(f"{MANAGE}/{_id(app, first)}/up").status_code == 405


def test_only_an_empty_category_is_removed(app, client, moderator):
    with app.app_context():
        make_initiative(title="Seed banks", category="agriculture")
    agriculture, questions = _id(app, "agriculture"), _id(app, "questions")
    page = client.get(MANAGE).get_data(as_text=True)
    assert f"{MANAGE}/{agriculture}/remove" not in page and f"{MANAGE}/{questions}/remove" in page
    response = client.post(f"{MANAGE}/{agriculture}/remove", follow_redirects=True)
    assert "still holds initiatives, so it stays" in response.get_data(as_text=True)
    assert "agriculture" in _order(app)
    response = client.post(f"{MANAGE}/{questions}/remove", follow_redirects=True)
    assert "Category “Questions &amp; help” removed." in response.get_data(as_text=True)
    assert "questions" not in _order(app)
    assert client.post(f"{MANAGE}/{questions}/remove").status_code == 404


def test_a_category_filled_at_the_same_moment_is_not_removed(app, monkeypatch):
    with app.app_context():
        moderator = make_user(role=Role.MODERATOR)
        make_initiative(category="questions")
        category = category_by_slug("questions")
        monkeypatch.setattr(db.session, "scalar", lambda *_a, **_k: None)  # the check misses the post
        with pytest.raises(ForumError, match="still holds initiatives"):
            category_services.remove_category(moderator, category)
        monkeypatch.undo()
        assert category_by_slug("questions") is not None


def test_the_service_refuses_members(app):
    with app.app_context():
        member = make_user()
        with pytest.raises(ForumError):
            category_services.add_category(member, category_services.CategoryDetails("Health", "health"))


def test_the_database_refuses_two_categories_with_one_name(app):
    with app.app_context():
        db.session.add(Category(name="Questions & help", slug="questions-again"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
