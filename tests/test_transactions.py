"""Work queued for after the commit (mail, files, the page cache) follows the outer transaction."""

from community.extensions import db
from community.notifications import services as notifications
from community.notifications.models import EmailMode
from community.transactions import after_commit
from tests.factories import make_user


def _eager_member(email: str):
    user = make_user(email=email)
    notifications.set_email_mode(user, EmailMode.IMMEDIATELY)
    return user


def test_work_queued_inside_a_savepoint_that_rolls_back_is_never_carried_out(app):
    done: list[str] = []
    with app.app_context():
        db.session.execute(db.select(1))
        savepoint = db.session.begin_nested()
        after_commit(db.session, lambda: done.append("inside"))
        savepoint.rollback()
        db.session.commit()
    assert done == []


def test_work_queued_before_a_savepoint_that_rolls_back_is_carried_out_at_the_commit(app):
    done: list[str] = []
    with app.app_context():
        db.session.execute(db.select(1))
        after_commit(db.session, lambda: done.append("before"))
        savepoint = db.session.begin_nested()
        after_commit(db.session, lambda: done.append("inside"))
        savepoint.rollback()
        assert done == []
        db.session.commit()
    assert done == ["before"]


def test_work_queued_in_a_released_savepoint_waits_for_the_outer_commit(app):
    done: list[str] = []
    with app.app_context():
        db.session.execute(db.select(1))
        with db.session.begin_nested():
            after_commit(db.session, lambda: done.append("released"))
        assert done == []
        db.session.commit()
    assert done == ["released"]


def test_work_of_a_released_savepoint_is_dropped_when_the_outer_transaction_rolls_back(app):
    done: list[str] = []
    with app.app_context():
        db.session.execute(db.select(1))
        with db.session.begin_nested():
            after_commit(db.session, lambda: done.append("released"))
        db.session.rollback()
        db.session.commit()
    assert done == []


def test_the_same_work_queued_twice_in_one_transaction_runs_once(app):
    done: list[str] = []

    def work() -> None:
        done.append("once")

    with app.app_context():
        after_commit(db.session, work)
        after_commit(db.session, work)
        db.session.commit()
    assert done == ["once"]


def test_a_notification_mail_queued_in_a_rolled_back_savepoint_is_not_sent(app, outbox):
    with app.app_context():
        user = _eager_member("kept@gov.example")
        savepoint = db.session.begin_nested()
        notifications.notify(user, "comment", "A rolled back comment", "/initiatives/1")
        savepoint.rollback()
        db.session.commit()
    assert outbox.to("kept@gov.example") == []


def test_a_notification_mail_queued_before_a_rolled_back_savepoint_is_still_sent(app, outbox):
    with app.app_context():
        user = _eager_member("before@gov.example")
        notifications.notify(user, "comment", "A saved comment", "/initiatives/1")
        savepoint = db.session.begin_nested()
        savepoint.rollback()
        db.session.commit()
    assert len(outbox.to("before@gov.example")) == 1


def test_a_notification_mail_waits_for_the_outer_commit_not_the_savepoint(app, outbox):
    with app.app_context():
        user = _eager_member("outer@gov.example")
        with db.session.begin_nested():
            notifications.notify(user, "comment", "A comment never saved", "/initiatives/1")
        # The message is a row of the outbox in the outer transaction (looking at the outbox here would
        # run the worker in this very session and commit it): the outer rollback takes it away.
        db.session.rollback()
        db.session.commit()
    assert outbox.to("outer@gov.example") == []


def test_the_page_cache_generation_moves_only_when_the_outer_transaction_commits(app):
    with app.app_context():
        cache = app.extensions["page_cache"]
        user = make_user()
        before = cache.generation.current()
        with db.session.begin_nested():
            user.locale = "fr"
        assert cache.generation.current() == before
        db.session.rollback()
        assert cache.generation.current() == before


def test_work_of_a_transaction_closed_without_commit_never_runs_later(app):
    done: list[str] = []
    with app.app_context():
        db.session.execute(db.select(1))
        after_commit(db.session, lambda: done.append("closed"))
        db.session.close()
        db.session.execute(db.select(1))
        db.session.commit()
    assert done == []
