"""The bench's fast seed (bulk inserts) leaves the rows the services would have: counters, HTML, index."""

import pytest
from sqlalchemy import func, select

from bench.seed import BENCH_PASSWORD, seed
from bench.world import Scale
from community.auth.models import User
from community.extensions import db
from community.forum import services as forum_services
from community.forum.models import Comment, Follow, Initiative, Reaction
from community.forum.services import posting as forum_posting
from community.labs.models import Lab
from community.markdown import RENDERER_VERSION, render_markdown
from community.notifications.models import Notification
from community.profiles.models import Profile
from community.search import engine
from community.search.query import parse

SMALL = Scale(members=30, labs=4, initiatives=40, comments=200, reactions=60)


@pytest.fixture
def seeded(app):
    with app.app_context():
        return seed(SMALL)


def test_the_small_seed_has_the_scale_asked_for(app, seeded):
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 30
        assert db.session.scalar(select(func.count(Lab.id))) == 4
        assert db.session.scalar(select(func.count(Initiative.id))) == 40
        assert db.session.scalar(select(func.count(Comment.id))) == 200
        measured = db.session.get(Initiative, seeded["initiative_id"])
        assert measured.comment_count == seeded["initiative_comments"] == 50
        assert len(seeded["writers"]) >= 2


def test_comment_counts_and_last_activity_are_the_visible_comments(app, seeded):
    with app.app_context():
        for initiative in db.session.scalars(select(Initiative)):
            comments = select(Comment).where(Comment.initiative_id == initiative.id)
            visible = comments.where(Comment.deleted_at.is_(None), Comment.is_hidden.is_(False))
            assert initiative.comment_count == db.session.scalar(
                select(func.count()).select_from(visible.subquery())
            )
            latest = db.session.scalar(
                select(func.max(Comment.created_at)).where(Comment.initiative_id == initiative.id)
            )
            assert initiative.last_activity_at == (latest or initiative.created_at)


def test_useful_counts_are_the_reactions(app, seeded):
    with app.app_context():
        assert db.session.scalar(select(func.count(Reaction.id))) > 0
        for model, column in ((Initiative, Reaction.initiative_id), (Comment, Reaction.comment_id)):
            for thing in db.session.scalars(select(model)):
                marks = db.session.scalar(select(func.count(Reaction.id)).where(column == thing.id))
                assert thing.useful_count == marks
                authors = select(Reaction.user_id).where(column == thing.id)
                assert thing.author_id not in set(db.session.scalars(authors))


def test_activity_counts_are_posts_not_deleted(app, seeded):
    with app.app_context():
        for profile in db.session.scalars(select(Profile)):
            posts = db.session.scalar(
                select(func.count(Initiative.id)).where(Initiative.author_id == profile.user_id)
            )
            posts += db.session.scalar(
                select(func.count(Comment.id)).where(
                    Comment.author_id == profile.user_id, Comment.deleted_at.is_(None)
                )
            )
            assert profile.activity_count == posts


def test_stored_html_is_what_the_services_render(app, seeded):
    with app.app_context():
        for initiative in db.session.scalars(select(Initiative)):
            assert initiative.html_version == RENDERER_VERSION
            assert initiative.body_html == forum_posting._render(initiative.body)
            assert initiative.outcomes_html == forum_posting._render(initiative.outcomes)
        for comment in db.session.scalars(select(Comment)):
            assert (comment.html_version, comment.body_html) == (
                RENDERER_VERSION,
                forum_posting._render(comment.body),
            )
        for profile in db.session.scalars(select(Profile)):
            assert profile.bio_html == str(render_markdown(profile.bio))
        for lab in db.session.scalars(select(Lab)):
            assert str(lab.description_markup) == str(render_markdown(lab.description))  # kept, or anew


def test_authors_and_commenters_follow_and_nobody_is_told_of_their_own_comment(app, seeded):
    with app.app_context():
        follows = {tuple(r) for r in db.session.execute(select(Follow.user_id, Follow.initiative_id))}
        authors = {tuple(r) for r in db.session.execute(select(Initiative.author_id, Initiative.id))}
        commenters = {tuple(r) for r in db.session.execute(select(Comment.author_id, Comment.initiative_id))}
        assert follows == authors | commenters
        assert db.session.scalar(select(func.count(Notification.id))) > 0
        assert not db.session.scalar(
            select(func.count(Notification.id)).where(Notification.user_id == Notification.actor_id)
        )


def test_search_finds_a_seeded_initiative_by_the_words_of_its_title(app, client, seeded):
    with app.app_context():
        initiative = db.session.get(Initiative, seeded["initiative_id"])
        title = initiative.title
        hits = engine.page_of_hits(parse(f'"{title}"'), "initiative", per_page=100)
        assert initiative.id in [hit.object_id for hit in hits]
        assert (
            db.session.scalar(select(func.count()).select_from(db.metadata.tables["search_documents"])) > 200
        )
    assert title.encode() in client.get("/search", query_string={"q": f'"{title}"'}).data


def test_the_benchmarked_pages_answer_for_visitors_and_members(client, sign_in, seeded):
    pages = [
        "/", "/initiatives/", f"/initiatives/{seeded['initiative_id']}", "/members/",
        f"/members/{seeded['profile']}", "/labs/agriculture", f"/search?q={seeded['search']}",
    ]  # fmt: skip
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert sign_in(seeded["reader"], BENCH_PASSWORD).status_code == 302
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_the_services_write_on_after_the_fast_path(app, seeded):
    """Ids continue after the seeded ones (PostgreSQL's sequences are moved on) and counters stay exact."""
    with app.app_context():
        writer = db.session.scalar(select(User).where(User.username == seeded["writers"][0]))
        initiative = db.session.get(Initiative, seeded["initiative_id"])
        comment = forum_services.add_comment(writer, initiative, "A new comment after the seed.")
        assert comment.id > 200
        db.session.refresh(initiative)
        assert initiative.comment_count == 51
